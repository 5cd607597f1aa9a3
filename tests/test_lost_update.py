"""Two people editing the same case: the second save from the same starting version is refused, not lost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from homeward.cases import services
from homeward.cases.models import Case, CaseEvent, CaseEventKind, CaseState
from homeward.core.errors import StaleVersion
from tests.factories import case_in_state, principal
from tests.postdata import edit_post
from tests.snapshots import case_snapshot

STALE_MESSAGE = (
    "Someone else saved this case while you were editing it. Your changes were not saved; "
    "reload the case to see the current version, then make your changes again."
)


@pytest.fixture
def case(counsellor, officer, movement):
    return case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)


def _edit(*, actor, case: Case, expected_version: int, notes: str) -> Case:
    return services.case_update(
        actor=actor,
        case=case,
        expected_version=expected_version,
        principal=replace(principal(), member_id=case.members.get().pk),
        members=[],
        destination="UA",
        reab_category="ASYLUM_REJECTED",
        notes=notes,
    )


def test_the_second_of_two_service_edits_from_the_same_version_is_refused(case, counsellor, officer):
    # given two people who opened the case at the same version
    version = case.version
    counsellors_copy = Case.objects.get(pk=case.pk)
    officers_copy = Case.objects.get(pk=case.pk)

    # when the counsellor saves first, then the officer
    _edit(actor=counsellor, case=counsellors_copy, expected_version=version, notes="Counsellor's note.")
    after_first = case_snapshot(case)
    with pytest.raises(StaleVersion) as refused:
        _edit(actor=officer, case=officers_copy, expected_version=version, notes="Officer's note.")

    # then the officer is told, the counsellor's change stands, and there is one edit in the history
    assert refused.value.message == STALE_MESSAGE
    assert case_snapshot(case) == after_first
    case.refresh_from_db()
    assert (case.notes, case.version) == ("Counsellor's note.", version + 1)
    assert list(CaseEvent.objects.filter(case=case, kind=CaseEventKind.EDIT).values_list("actor", "changes")) == [
        (counsellor.pk, [{"field": "notes", "from": "", "to": "Counsellor's note."}]),
    ]


def test_a_service_edit_from_the_current_version_after_another_edit_is_saved(case, counsellor, officer):
    version = case.version
    _edit(actor=counsellor, case=Case.objects.get(pk=case.pk), expected_version=version, notes="First.")

    _edit(actor=officer, case=Case.objects.get(pk=case.pk), expected_version=version + 1, notes="Second.")

    case.refresh_from_db()
    assert (case.notes, case.version) == ("Second.", version + 2)
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.EDIT).count() == 2


def test_the_second_of_two_web_edits_from_the_same_version_is_refused(case, counsellor, officer, client):
    # given two people who opened the edit page at the same version
    url = reverse("case_edit", args=[case.reference])
    client.force_login(counsellor)
    assert client.get(url).context["version"] == str(case.version)
    counsellors_form = edit_post(case, version=case.version, notes="Counsellor's note.")
    officers_form = edit_post(case, version=case.version, notes="Officer's note.")

    # when the counsellor saves first, then the officer
    first = client.post(url, counsellors_form)
    after_first = case_snapshot(case)
    client.force_login(officer)
    second = client.post(url, officers_form)

    # then the first is saved; the second comes back with the message and the first's note stands
    assert (first.status_code, first.url) == (302, reverse("case_detail", args=[case.reference]))
    assert second.status_code == 200
    assert second.context["case_form"].non_field_errors() == [STALE_MESSAGE]
    assert "Someone else saved this case" in second.content.decode()
    assert case_snapshot(case) == after_first
    case.refresh_from_db()
    assert case.notes == "Counsellor's note."
    assert list(CaseEvent.objects.filter(case=case, kind=CaseEventKind.EDIT).values_list("actor", flat=True)) == [
        counsellor.pk,
    ]


@pytest.mark.parametrize("version", ["", "abc", "0"])
def test_a_web_edit_with_an_unreadable_version_is_refused(version, case, counsellor, client):
    client.force_login(counsellor)
    before = case_snapshot(case)

    response = client.post(
        reverse("case_edit", args=[case.reference]), {**edit_post(case, version=1, notes="x"), "version": version}
    )

    assert response.status_code == 200
    assert response.context["case_form"].non_field_errors() == [STALE_MESSAGE]
    assert case_snapshot(case) == before


def test_a_transition_posted_from_a_stale_page_is_refused(case, counsellor, officer, client):
    # given an officer who opened the case page; then the counsellor saved an edit
    stale_version = case.version
    _edit(actor=counsellor, case=Case.objects.get(pk=case.pk), expected_version=stale_version, notes="New facts.")
    before = case_snapshot(case)
    client.force_login(officer)

    # when the officer presses "start review" on the page they had open
    response = client.post(
        reverse("case_transition", args=[case.reference]),
        {"to_state": CaseState.UNDER_REVIEW, "version": stale_version},
        follow=True,
    )

    # then it is refused with a message, and nothing changed
    assert response.redirect_chain == [(reverse("case_detail", args=[case.reference]), 302)]
    assert [str(message) for message in response.context["messages"]] == [STALE_MESSAGE]
    assert "Someone else saved this case" in response.content.decode()
    assert case_snapshot(case) == before


def test_a_transition_posted_twice_from_the_same_page_is_applied_once(case, officer, client):
    client.force_login(officer)
    url = reverse("case_transition", args=[case.reference])
    form = {"to_state": CaseState.UNDER_REVIEW, "version": case.version}

    first = client.post(url, form, follow=True)
    after_first = case_snapshot(case)
    response = client.post(url, form, follow=True)

    assert [str(message) for message in first.context["messages"]] == [f"{case.reference} is now under review."]
    assert [str(message) for message in response.context["messages"]] == [
        "A case that is under review cannot become under review."
    ]
    assert case_snapshot(case) == after_first
    assert list(
        CaseEvent.objects.filter(case=case, to_state=CaseState.UNDER_REVIEW).values_list("from_state", flat=True)
    ) == [CaseState.REGISTERED]


def test_an_unreadable_transition_post_is_refused(case, officer, client):
    client.force_login(officer)
    before = case_snapshot(case)

    response = client.post(
        reverse("case_transition", args=[case.reference]), {"to_state": CaseState.UNDER_REVIEW, "version": "x"},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "The action could not be read; nothing was changed. Please try again."
    ]
    assert case_snapshot(case) == before
