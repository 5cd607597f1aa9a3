"""Who sees which case: through the selectors and through the web pages, which must answer 404 alike."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from homeward.cases import services
from homeward.cases.models import CaseState
from homeward.cases.selectors import case_for, cases_visible_to
from homeward.core.errors import NotVisible
from tests.factories import UserFactory, case_in_state, principal
from tests.postdata import edit_post
from tests.snapshots import case_snapshot

S = CaseState
CATEGORY_TEXT = "asylum application rejected"  # how the case page shows the ASYLUM_REJECTED category


@pytest.fixture
def users(counsellor, officer, movement):
    return {"counsellor": counsellor, "officer": officer, "movement": movement}


def test_another_partner_does_not_list_the_first_partners_case(users, other_counsellor):
    case = case_in_state(S.REGISTERED, **users)

    assert list(cases_visible_to(other_counsellor)) == []
    assert list(cases_visible_to(users["counsellor"])) == [case]


def test_another_partner_cannot_open_the_first_partners_case(users, other_counsellor, client):
    case = case_in_state(S.REGISTERED, **users)

    with pytest.raises(NotVisible):
        case_for(other_counsellor, case.reference)
    client.force_login(other_counsellor)
    response = client.get(reverse("case_detail", args=[case.reference]))

    assert response.status_code == 404
    assert case.reference not in response.content.decode()


def test_another_partner_cannot_open_the_edit_page_nor_save_an_edit(users, other_counsellor, client):
    # given the first partner's registered case
    case = case_in_state(S.REGISTERED, **users)
    before = case_snapshot(case)
    client.force_login(other_counsellor)
    url = reverse("case_edit", args=[case.reference])

    # when the second partner's counsellor opens and posts the edit form
    get_response = client.get(url)
    post_response = client.post(url, edit_post(case, version=case.version, notes="Changed by someone else."))

    # then both answer 404 and the case is as it was
    assert (get_response.status_code, post_response.status_code) == (404, 404)
    assert case_snapshot(case) == before


def test_another_partner_cannot_move_the_first_partners_case(users, other_counsellor, client):
    case = case_in_state(S.REGISTERED, **users)
    before = case_snapshot(case)
    client.force_login(other_counsellor)

    response = client.post(
        reverse("case_transition", args=[case.reference]),
        {"to_state": S.WITHDRAWN, "version": case.version, "reason": "Withdrawn by a stranger."},
    )

    assert response.status_code == 404
    assert case_snapshot(case) == before


@pytest.mark.parametrize("row", ["principal", "members-0"])
def test_another_partner_cannot_edit_the_first_partners_person_through_its_own_case(
    row, users, other_counsellor, officer, movement, client
):
    # given a case of each partner
    theirs = case_in_state(S.REGISTERED, **users)
    own = case_in_state(S.REGISTERED, counsellor=other_counsellor, officer=officer, movement=movement)
    before = [case_snapshot(theirs), case_snapshot(own)]
    client.force_login(other_counsellor)

    # when the second partner posts its own case's edit form naming a person of the first partner's case
    data = edit_post(own, version=own.version)
    if row == "members-0":
        data.update({"members-TOTAL_FORMS": "1", "members-0-relation": "SPOUSE", "members-0-sex": "F",
                     "members-0-nationality": "UA", "members-0-family_name": "Shevchenko"})
    data.update({f"{row}-member_id": theirs.members.get().pk, f"{row}-family_name": "Overwritten"})
    response = client.post(reverse("case_edit", args=[own.reference]), data)

    # then the edit is refused and neither case changed
    assert response.status_code == 200
    assert response.context["case_form"].non_field_errors() == [
        "A household member in the form is no longer in this case; reload it."
    ]
    assert [case_snapshot(theirs), case_snapshot(own)] == before


def test_the_counsellor_lists_only_its_own_partners_cases(users, other_counsellor, officer, movement):
    own = case_in_state(S.REGISTERED, **users)
    theirs = case_in_state(S.REGISTERED, counsellor=other_counsellor, officer=officer, movement=movement)

    assert list(cases_visible_to(users["counsellor"])) == [own]
    assert list(cases_visible_to(other_counsellor)) == [theirs]
    assert set(cases_visible_to(officer)) == {own, theirs}
    assert set(cases_visible_to(movement)) == {own, theirs}


@pytest.mark.parametrize(
    ("state", "destination", "visible"),
    [
        (S.DRAFT, "UA", False),
        (S.REGISTERED, "UA", False),
        (S.UNDER_REVIEW, "UA", False),
        (S.REJECTED, "UA", False),
        (S.WITHDRAWN, "UA", False),
        (S.APPROVED, "UA", True),
        (S.TRAVEL_PREPARATION, "UA", True),
        (S.BOOKED, "UA", True),
        (S.DEPARTED, "UA", True),
        (S.APPROVED, "GE", False),
        (S.BOOKED, "MD", False),
        (S.DEPARTED, "IQ", False),
    ],
)
def test_the_office_abroad_sees_approved_cases_returning_to_its_country(
    state, destination, visible, users, office_abroad_user, client
):
    # given a case in some state returning to some country
    case = case_in_state(state, destination=destination, **users)
    client.force_login(office_abroad_user)

    # when the office in Ukraine lists it and opens it
    listed = list(cases_visible_to(office_abroad_user))
    response = client.get(reverse("case_detail", args=[case.reference]))

    # then it sees it only once approved and only if it returns to Ukraine
    assert listed == ([case] if visible else [])
    assert response.status_code == (200 if visible else 404)


def test_the_office_abroad_does_not_see_the_reab_category_or_the_notes(users, officer, office_abroad_user, client):
    # given an approved REAB case to Ukraine, whose category and notes the counsellor wrote
    case = case_in_state(S.APPROVED, **users)
    case.notes = "Asylum appeal dismissed by the Council in March."
    case.save(update_fields=["notes"])

    # when the partner and the office abroad open it
    client.force_login(users["counsellor"])
    partner_page = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    client.force_login(office_abroad_user)
    response = client.get(reverse("case_detail", args=[case.reference]))
    office_page = response.content.decode()

    # then the partner sees them and the office abroad does not
    assert CATEGORY_TEXT in partner_page
    assert "Asylum appeal dismissed" in partner_page
    assert response.status_code == 200
    assert case.reference in office_page
    assert CATEGORY_TEXT not in office_page
    assert "REAB category" not in office_page
    assert "Asylum appeal dismissed" not in office_page


def test_the_office_abroad_does_not_see_an_edit_of_the_category_or_the_notes_in_the_history(
    users, officer, office_abroad_user, client
):
    # given an approved case whose category and notes the case officer then changed
    case = case_in_state(S.APPROVED, **users)
    principal_member = case.members.get()
    services.case_update(
        actor=officer, case=case, expected_version=case.version,
        principal=replace(principal(), member_id=principal_member.pk), members=[], destination="UA",
        reab_category="ASYLUM_WITHDRAWN", notes="Withdrew the asylum claim after the interview.",
    )

    # when the office abroad opens it
    client.force_login(office_abroad_user)
    page = client.get(reverse("case_detail", args=[case.reference])).content.decode()

    # then the history shows an edit, without what it changed in the category or the notes
    assert "Edited" in page
    assert "ASYLUM_" not in page
    assert "Withdrew the asylum claim" not in page


def test_the_office_abroad_has_no_buttons_and_cannot_move_a_case(users, office_abroad_user, client):
    case = case_in_state(S.BOOKED, **users)
    before = case_snapshot(case)
    client.force_login(office_abroad_user)

    page = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    response = client.post(
        reverse("case_transition", args=[case.reference]),
        {"to_state": S.NO_SHOW, "version": case.version, "reason": "Did not arrive."},
        follow=True,
    )

    assert 'name="to_state"' not in page
    assert response.status_code == 200
    assert "Your role does not allow this step on this case: Record no-show." in response.content.decode()
    assert case_snapshot(case) == before


def test_the_programme_manager_sees_its_programmes_cases_only(users, programme_manager, reab, avrrl):
    # given a REAB case and an AVRRL case (the manager's organisation manages REAB only)
    reab_case = case_in_state(S.REGISTERED, programme=reab, **users)
    avrrl_case = case_in_state(S.REGISTERED, programme=avrrl, **users)
    assert (reab_case.reab_category, avrrl_case.reab_category) == ("ASYLUM_REJECTED", "")

    # then the manager lists and opens the REAB case only
    assert list(cases_visible_to(programme_manager)) == [reab_case]
    assert case_for(programme_manager, reab_case.reference) == reab_case
    with pytest.raises(NotVisible):
        case_for(programme_manager, avrrl_case.reference)


def test_the_programme_manager_does_not_see_a_partners_draft(users, programme_manager):
    draft = case_in_state(S.DRAFT, **users)

    assert list(cases_visible_to(programme_manager)) == []
    with pytest.raises(NotVisible):
        case_for(programme_manager, draft.reference)


def test_the_programme_manager_reads_but_cannot_move_a_case(users, programme_manager, client):
    # given a REAB case under review
    case = case_in_state(S.UNDER_REVIEW, **users)
    before = case_snapshot(case)
    client.force_login(programme_manager)

    # when the manager opens it and posts an approval
    page = client.get(reverse("case_detail", args=[case.reference]))
    response = client.post(
        reverse("case_transition", args=[case.reference]), {"to_state": S.APPROVED, "version": case.version},
        follow=True,
    )

    # then the page has no buttons, the approval is refused with a message and nothing changed
    assert page.status_code == 200
    assert CATEGORY_TEXT in page.content.decode()
    assert 'name="to_state"' not in page.content.decode()
    assert "Next steps" not in page.content.decode()
    assert response.status_code == 200
    assert "Your role does not allow this step on this case: Approve." in response.content.decode()
    assert case_snapshot(case) == before


def test_the_programme_manager_cannot_open_the_edit_page(users, programme_manager, client):
    case = case_in_state(S.REGISTERED, **users)
    before = case_snapshot(case)
    client.force_login(programme_manager)

    response = client.post(
        reverse("case_edit", args=[case.reference]), edit_post(case, version=case.version, notes="Donor note.")
    )

    assert response.status_code == 302
    assert response.url == reverse("case_detail", args=[case.reference])
    assert case_snapshot(case) == before


def test_a_user_without_an_organisation_sees_nothing(users):
    case_in_state(S.APPROVED, **users)
    loner = UserFactory(organisation=None, roles=[])

    assert list(cases_visible_to(loner)) == []


def test_an_inactive_user_sees_nothing(users):
    case_in_state(S.APPROVED, **users)
    users["officer"].is_active = False

    assert list(cases_visible_to(users["officer"])) == []


@pytest.mark.parametrize("url_name", ["home", "case_list", "case_register"])
def test_an_anonymous_user_is_sent_to_the_login_page(url_name, client, db):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_an_anonymous_user_is_sent_to_the_login_page_from_a_case(users, client):
    case = case_in_state(S.REGISTERED, **users)
    before = case_snapshot(case)
    detail = reverse("case_detail", args=[case.reference])
    transition = reverse("case_transition", args=[case.reference])

    detail_response = client.get(detail)
    transition_response = client.post(transition, {"to_state": S.WITHDRAWN, "version": case.version, "reason": "x"})

    assert (detail_response.status_code, detail_response.url) == (302, f"{reverse('login')}?next={detail}")
    assert transition_response.status_code == 302
    assert transition_response.url.startswith(reverse("login"))
    assert case_snapshot(case) == before


@pytest.mark.parametrize("reference", ["nonsense", "2026-K7M-4QX", "2026", "%00", "ﾠ"])
def test_an_unknown_or_invalid_reference_is_not_found(reference, officer, client):
    client.force_login(officer)

    response = client.get(f"/cases/{reference}/")

    assert response.status_code == 404


def test_a_reference_typed_loosely_opens_the_case(users, client):
    case = case_in_state(S.REGISTERED, **users)
    loose = case.reference.lower().replace("-", "").replace("0", "o")
    client.force_login(users["officer"])

    response = client.get(f"/cases/{loose}/")

    assert response.status_code == 200
    assert response.context["case"] == case


def test_the_office_abroad_keeps_seeing_a_departed_case_after_it_is_closed(
    counsellor, officer, movement, office_abroad_user
):
    closed = case_in_state(CaseState.CLOSED, counsellor=counsellor, officer=officer, movement=movement)
    withdrawn = case_in_state(CaseState.WITHDRAWN, counsellor=counsellor, officer=officer, movement=movement)

    visible = set(cases_visible_to(office_abroad_user).values_list("reference", flat=True))

    assert closed.reference in visible
    assert withdrawn.reference not in visible
