"""The eligibility pages: who may use them, and that a refused request changes nothing."""

import datetime

import pytest
from django.urls import reverse

from homeward.cases.models import CaseEvent, CaseState
from homeward.eligibility.models import Override, Reimbursement, RuleVersion
from homeward.organisations.models import Role
from tests.factories import UserFactory, case_in_state

JUSTIFICATION = "Medical certificate shows the returnee cannot work; the grant is needed for treatment."


@pytest.fixture
def brazilian_case(counsellor, officer, movement):
    # A Brazilian national: no reintegration grant from 2012-05-15 (visa-free in Schengen).
    return case_in_state(CaseState.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement,
                         destination="BR", members=[])


def _principal(case):
    return case.members.get(relation="PRINCIPAL")


def _override_post(client, case, member, support="reintegration_grant", justification=JUSTIFICATION):
    return client.post(
        reverse("case_override", kwargs={"reference": case.reference}),
        {"member_id": member.pk, "support": support, "justification": justification},
    )


def test_the_case_officer_sees_explained_outcomes_with_the_rule_version(client, officer, brazilian_case):
    client.force_login(officer)

    response = client.get(reverse("case_detail", kwargs={"reference": brazilian_case.reference}))

    page = response.content.decode()
    assert "under rules v1" in page
    assert "Return assistance" in page and "Reintegration grant" in page
    assert "need no visa for short stays in the Schengen area" in page


def test_the_case_officer_overrides_a_refused_grant_with_a_justification(client, officer, brazilian_case):
    client.force_login(officer)
    member = _principal(brazilian_case)

    response = _override_post(client, brazilian_case, member)

    assert response.status_code == 302
    override = Override.objects.get()
    assert (override.member, override.support, override.officer, override.rule_version.number) == (
        member, "reintegration_grant", officer, 1)
    assert CaseEvent.objects.filter(case=brazilian_case, kind="OVERRIDE").count() == 1
    report = client.get(reverse("overrides_report")).content.decode()
    assert brazilian_case.reference in report and JUSTIFICATION in report


def test_an_override_without_a_justification_changes_nothing(client, officer, brazilian_case):
    client.force_login(officer)
    events = CaseEvent.objects.count()

    response = _override_post(client, brazilian_case, _principal(brazilian_case), justification="because")

    assert response.status_code == 302
    assert Override.objects.count() == 0
    assert CaseEvent.objects.count() == events
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Write a justification of at least 20 characters: it is kept for audit."]


def test_the_referring_counsellor_cannot_override(client, counsellor, brazilian_case):
    client.force_login(counsellor)

    _override_post(client, brazilian_case, _principal(brazilian_case))

    assert Override.objects.count() == 0


def test_another_partner_cannot_reach_the_case_to_override(client, other_counsellor, brazilian_case):
    client.force_login(other_counsellor)

    response = _override_post(client, brazilian_case, _principal(brazilian_case))

    assert response.status_code == 404
    assert Override.objects.count() == 0


def test_a_member_of_another_case_cannot_be_overridden_through_this_one(
    client, officer, counsellor, movement, brazilian_case
):
    other = case_in_state(CaseState.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement)
    client.force_login(officer)

    response = _override_post(client, brazilian_case, _principal(other))

    assert response.status_code == 404
    assert Override.objects.count() == 0


def test_a_reimbursement_by_a_counsellor_is_refused(client, counsellor, officer, movement):
    departed = case_in_state(CaseState.DEPARTED, counsellor=counsellor, officer=officer, movement=movement)
    client.force_login(counsellor)

    client.post(reverse("case_reimbursement", kwargs={"reference": departed.reference}),
                {"member_id": _principal(departed).pk, "amount": "350.00", "reimbursed_on": "2026-01-05"})

    assert Reimbursement.objects.count() == 0


def test_the_case_officer_records_a_reimbursement(client, counsellor, officer, movement):
    departed = case_in_state(CaseState.DEPARTED, counsellor=counsellor, officer=officer, movement=movement)
    client.force_login(officer)

    client.post(reverse("case_reimbursement", kwargs={"reference": departed.reference}),
                {"member_id": _principal(departed).pk, "amount": "350.00", "reimbursed_on": "2026-01-05"})

    reimbursement = Reimbursement.objects.get()
    assert (str(reimbursement.amount), reimbursement.reimbursed_on.isoformat()) == ("350.00", "2026-01-05")


@pytest.mark.parametrize("url_name", ["rules_overview", "rules_draft", "overrides_report"])
def test_partners_and_offices_abroad_do_not_reach_the_rule_pages(client, counsellor, office_abroad_user, url_name):
    for user in (counsellor, office_abroad_user):
        client.force_login(user)
        assert client.get(reverse(url_name)).status_code == 404


def test_a_case_officer_reads_the_rules_but_cannot_start_or_publish_a_change(client, officer):
    client.force_login(officer)

    assert client.get(reverse("rules_overview")).status_code == 200
    assert client.post(reverse("rules_draft"), {"start": "1"}).status_code == 404
    assert client.post(reverse("rules_draft_publish")).status_code == 404
    assert RuleVersion.objects.count() == 1


def test_the_rules_timeline_says_when_each_version_was_published(client, officer):
    # given the shipped version, published at a known moment
    version = RuleVersion.objects.get()
    assert version.published_at is not None
    RuleVersion.objects.filter(pk=version.pk).update(
        published_at=datetime.datetime(2026, 3, 2, 8, 5, tzinfo=datetime.UTC))
    client.force_login(officer)

    # then the timeline shows that day and minute, in Brussels time
    assert "2026-03-02 09:05" in client.get(reverse("rules_overview")).content.decode()


def test_the_programme_manager_changes_a_date_sees_the_impact_and_publishes(
    client, programme_manager, officer, counsellor, movement, brazilian_case
):
    approved = case_in_state(CaseState.APPROVED, counsellor=counsellor, officer=officer, movement=movement,
                             destination="BR")
    decision_before = approved.decisions.get()
    client.force_login(programme_manager)
    client.post(reverse("rules_draft"), {"start": "1"})
    draft_page = client.get(reverse("rules_draft"))
    form = _form_data(draft_page)
    form["grant_visa_criterion_from"] = "2099-01-01"
    form["note"] = "The visa criterion is postponed by the new agreement with Fedasil."

    client.post(reverse("rules_draft"), form)
    impact = client.get(reverse("rules_draft")).context["impact"]

    assert impact.cases_changed == 1
    assert [(row.case.reference, row.support, row.now_eligible, row.then_eligible) for row in impact.rows] == [
        (brazilian_case.reference, "reintegration_grant", False, True)
    ]
    client.post(reverse("rules_draft_publish"))
    assert RuleVersion.objects.get(number=2).data["grant_visa_criterion_from"] == "2099-01-01"
    decision_before.refresh_from_db()
    assert decision_before.rule_version.number == 1
    assert decision_before.evaluations[0]["outcomes"]["reintegration_grant"]["eligible"] is False


def test_a_draft_with_an_impossible_period_is_not_saved(client, programme_manager):
    client.force_login(programme_manager)
    client.post(reverse("rules_draft"), {"start": "1"})
    form = _form_data(client.get(reverse("rules_draft")))
    form["magnet-starts"], form["magnet-ends"] = "2014-01-01", "2013-01-01"
    data_before = RuleVersion.objects.get(status="DRAFT").data

    response = client.post(reverse("rules_draft"), form)

    assert "The project ends before it starts." in response.content.decode()
    assert RuleVersion.objects.get(status="DRAFT").data == data_before


def _form_data(response) -> dict:
    """The draft page's forms as a browser would post them, untouched."""
    context = response.context
    data: dict = {}
    for form in [context["settings_form"], *context["projects"].values()]:
        for field in form:
            value = field.value()
            data[field.html_name] = "" if value is None else value
    for formset in context["lists"].values():
        management = formset.management_form
        for field in management:
            data[field.html_name] = field.value()
        for form in formset.forms:
            for field in form:
                if field.name == "DELETE":
                    continue
                value = field.value()
                data[field.html_name] = "" if value is None else value
    return data


def test_a_reintegration_officer_cannot_start_a_rule_change(client, country_office):
    user = UserFactory(organisation=country_office, roles=[Role.REINTEGRATION_OFFICER])
    client.force_login(user)

    assert client.post(reverse("rules_draft"), {"start": "1"}).status_code == 404
    assert RuleVersion.objects.count() == 1


def test_an_imported_departed_case_says_it_has_no_recorded_decision(client, officer, counsellor, movement):
    # A departure brought in by an import has no decision; the panel must not promise one "at approval".
    case = case_in_state(CaseState.DEPARTED, counsellor=counsellor, officer=officer, movement=movement)
    case.decisions.all().delete()
    client.force_login(officer)

    page = client.get(reverse("case_detail", kwargs={"reference": case.reference})).content.decode()

    assert "No decision was recorded for this case" in page
    assert "kept as the decision when the case is approved" not in page
