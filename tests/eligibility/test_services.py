"""Eligibility with the database: the decision stored at approval, overrides, reimbursements and rule changes."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from homeward.cases import services as case_services
from homeward.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseMember,
    CaseState,
    MemberOutcome,
    Relation,
    Vulnerability,
)
from homeward.cases.services import MemberData
from homeward.core.errors import DomainError, TransitionNotAllowed
from homeward.eligibility import services
from homeward.eligibility.models import Decision, Override, Reimbursement, RuleVersion, RuleVersionStatus
from homeward.eligibility.rule_data import default_rules, rules_to_json
from homeward.eligibility.rules import age_on
from homeward.eligibility.selectors import impact_preview, rule_version_current
from homeward.organisations.models import Programme
from homeward.people.models import Person
from tests.factories import case_in_state, person_data, principal
from tests.snapshots import case_snapshot

S = CaseState
JUSTIFICATION = "The earlier return failed: the family was displaced again by the floods of last spring."
NOTE = "Grant for visa-free nationals again until 2030, as the donor decided."


def reason(code: str, **params: str) -> dict[str, object]:
    return {"code": code, "params": params}


def decision_snapshot(case: Case) -> dict[str, object]:
    return {
        "case": case_snapshot(case),
        "decisions": list(Decision.objects.order_by("pk").values("pk", "case_id", "rule_version_id", "evaluations")),
        "overrides": list(Override.objects.order_by("pk").values()),
        "all_events": CaseEvent.objects.count(),
    }


def _review(case: Case, officer) -> Case:
    return case_services.case_transition(actor=officer, case=case, to_state=S.UNDER_REVIEW)


def _registered(counsellor, *, principal_data: MemberData, destination: str) -> Case:
    return case_services.case_register(
        actor=counsellor, programme=Programme.objects.get(code="REAB"), referring_partner=counsellor.organisation,
        destination=destination, reab_category="ASYLUM_REJECTED", principal=principal_data,
    )


def _departed_earlier(departed_on: datetime.date, *, counsellor, officer, movement) -> CaseMember:
    """A REAB case of the default principal, registered and departed on `departed_on`, through the services."""
    at = timezone.make_aware(datetime.datetime.combine(departed_on, datetime.time(10)))
    case = case_services.case_register(
        actor=counsellor, programme=Programme.objects.get(code="REAB"), referring_partner=counsellor.organisation,
        destination="UA", reab_category="ASYLUM_REJECTED", principal=principal(), at=at,
    )
    for target, actor in [(S.UNDER_REVIEW, officer), (S.APPROVED, officer), (S.TRAVEL_PREPARATION, movement),
                          (S.BOOKED, movement), (S.DEPARTED, movement)]:
        case = case_services.case_transition(
            actor=actor, case=case, to_state=target, at=at, departed_on=departed_on if target == S.DEPARTED else None
        )
    member = case.members.get()
    assert (member.outcome, member.departed_on) == (MemberOutcome.DEPARTED, departed_on)
    return member


def _principal_is(case: Case, person: Person) -> CaseMember:
    """Registration always creates new persons: point the case's principal at an existing one instead."""
    member = case.members.get()
    registered_person = member.person
    member.person = person
    member.save(update_fields=["person"])
    registered_person.delete()
    return member


@pytest.fixture
def two_years_ago() -> datetime.date:
    departed_on = timezone.localdate() - datetime.timedelta(days=730)
    # Not 29 February, so that the bar simply ends on the same day five years later (the rules tests cover it).
    return departed_on - datetime.timedelta(days=1) if (departed_on.month, departed_on.day) == (2, 29) else departed_on


def five_year_bar(departed_on: datetime.date) -> dict[str, object]:
    until = departed_on.replace(year=departed_on.year + 5)
    return reason("five_year_bar", departed_on=departed_on.isoformat(), until=until.isoformat(), years="5")


@pytest.fixture
def returning(two_years_ago, counsellor, officer, movement) -> tuple[Case, CaseMember, CaseMember]:
    """The same person, departed through REAB two years ago, back in a new case under review.

    Returns the new case, its principal and the earlier departed membership.
    """
    earlier = _departed_earlier(two_years_ago, counsellor=counsellor, officer=officer, movement=movement)
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement)
    return case, _principal_is(case, earlier.person), earlier


# Approval stores the decision


def test_approval_stores_one_decision_with_the_facts_and_outcomes_of_each_person(counsellor, officer, movement):
    # given a household under review: a Ukrainian father and his daughter, who has a medical need
    daughter = MemberData(
        person=person_data(given_names="Daryna", sex="F", date_of_birth=datetime.date(2015, 4, 2)),
        relation=Relation.CHILD, vulnerabilities=frozenset({Vulnerability.MEDICAL_NEED}),
    )
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement,
                         members=[daughter])
    father, child = case.members.all()
    events_before = list(CaseEvent.objects.filter(case=case).values_list("pk", flat=True))
    today = timezone.localdate()

    # when the officer approves it
    case_services.case_transition(actor=officer, case=case, to_state=S.APPROVED)

    # then exactly one decision is stored, under rule version 1, dated today, by the officer
    decision = Decision.objects.get()
    assert (decision.case, decision.rule_version.number, decision.decision_date, decision.decided_by) == (
        case, 1, today, officer
    )
    # with each person's facts and outcomes, and the reasons for them
    not_running = {
        "wage_subsidy": reason("project_not_running", project="AVRR B-X", date=today.isoformat(),
                               starts="2011-01-01", ends="2014-12-31"),
        "magnet": reason("project_not_running", project="MAGNET", date=today.isoformat(), starts="2011-09-01",
                         ends="2013-12-31"),
        "uam_project": reason("project_not_running", project="Moroccan unaccompanied minors",
                              date=today.isoformat(), starts="2012-01-01", ends="2013-12-31"),
    }

    def outcomes(*, vulnerable: bool, born: datetime.date) -> dict[str, object]:
        return {
            "return_assistance": {"eligible": True, "reasons": [
                reason("category_covered", category="ASYLUM_REJECTED", programme="REAB"),
                reason("lacks_means"),
                reason("not_eu_schengen_citizen", country="UA"),
                reason("no_recent_return", date=today.isoformat(), years="5"),
            ]},
            "reintegration_grant": {"eligible": False, "reasons": [
                reason("visa_free_national", country="UA", date=today.isoformat(), since="2017-06-11",
                       starts="2012-05-15"),
            ]},
            "vulnerability_support": {"eligible": vulnerable,
                                      "reasons": [reason("vulnerable" if vulnerable else "not_vulnerable")]},
            "wage_subsidy": {"eligible": False, "reasons": [
                not_running["wage_subsidy"],
                reason("project_destination", project="AVRR B-X", countries="AM IQ XK"),
                *([] if vulnerable else [reason("needs_grant_or_vulnerability_support")]),
            ]},
            "magnet": {"eligible": False, "reasons": [
                not_running["magnet"],
                reason("project_destination", project="MAGNET", countries="IQ"),
                reason("project_nationality", project="MAGNET", countries="IQ"),
            ]},
            "uam_project": {"eligible": False, "reasons": [
                not_running["uam_project"],
                reason("project_destination", project="Moroccan unaccompanied minors", countries="MA"),
                reason("project_nationality", project="Moroccan unaccompanied minors", countries="MA"),
                # an age within the limit is a reason for, not against: only the father's age is given
                *([reason("too_old", age=str(age_on(born, today)), date=today.isoformat(), max_age="21")]
                  if age_on(born, today) > 21 else []),
                reason("not_identified_as_uam"),
            ]},
        }

    def facts(*, vulnerable: bool, born: datetime.date) -> dict[str, object]:
        return {
            "programme": "REAB", "decision_date": today.isoformat(), "category": "ASYLUM_REJECTED",
            "nationality": "UA", "destination": "UA", "recognised_refugee": False, "has_means": False,
            "vulnerable": vulnerable, "date_of_birth": born.isoformat(), "uam_identified_before_18": False,
            "previous_returns": [],
        }

    assert decision.evaluations == [
        {"member_id": father.pk, "person": "Shevchenko, Oleksandr (1985-11-03)",
         "facts": facts(vulnerable=False, born=datetime.date(1985, 11, 3)),
         "outcomes": outcomes(vulnerable=False, born=datetime.date(1985, 11, 3))},
        {"member_id": child.pk, "person": "Shevchenko, Daryna (2015-04-02)",
         "facts": facts(vulnerable=True, born=datetime.date(2015, 4, 2)),
         "outcomes": outcomes(vulnerable=True, born=datetime.date(2015, 4, 2))},
    ]
    # and the history has one row: the approval, which says under which rule version eligibility was decided
    new_events = CaseEvent.objects.filter(case=case).exclude(pk__in=events_before).order_by("pk")
    assert list(new_events.values("kind", "actor", "from_state", "to_state", "changes")) == [
        {"kind": CaseEventKind.TRANSITION, "actor": officer.pk, "from_state": S.UNDER_REVIEW,
         "to_state": S.APPROVED, "changes": [{"field": "eligibility", "from": "", "to": "v1"}]},
    ]


# The five-year bar, overrides and reimbursements


def test_approval_is_refused_for_a_person_who_departed_through_reab_two_years_ago(returning, officer, two_years_ago):
    # given the person who departed two years ago, back in a case under review: the bar refuses return assistance
    case, _member, _earlier = returning
    (evaluation,) = services.case_evaluations(case, decision_date=timezone.localdate(),
                                              version=rule_version_current())
    assert evaluation["outcomes"]["return_assistance"] == {"eligible": False, "reasons": [five_year_bar(two_years_ago)]}
    before = decision_snapshot(case)

    # when the officer approves the case
    with pytest.raises(TransitionNotAllowed) as refused:
        case_services.case_transition(actor=officer, case=case, to_state=S.APPROVED)

    # then it is refused, and nothing changed: state, version, decisions, history
    assert refused.value.message == (
        "Return assistance is not granted to Shevchenko, Oleksandr (1985-11-03) under the rules in force "
        "(see Eligibility). Reject the application, or override the outcome with a written justification first."
    )
    assert decision_snapshot(case) == before
    assert Decision.objects.filter(case=case).count() == 0


def test_approval_is_refused_when_one_member_is_refused_and_names_only_that_member(counsellor, officer, movement):
    # given a household under review whose daughter (only) is a recognised refugee
    daughter = MemberData(
        person=person_data(given_names="Daryna", sex="F", date_of_birth=datetime.date(2015, 4, 2)),
        relation=Relation.CHILD, recognised_refugee=True,
    )
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement,
                         members=[daughter])
    before = decision_snapshot(case)

    # when the officer approves it
    with pytest.raises(TransitionNotAllowed) as refused:
        case_services.case_transition(actor=officer, case=case, to_state=S.APPROVED)

    # then it is refused, naming the daughter, and nothing changed
    assert refused.value.message == (
        "Return assistance is not granted to Shevchenko, Daryna (2015-04-02) under the rules in force "
        "(see Eligibility). Reject the application, or override the outcome with a written justification first."
    )
    assert decision_snapshot(case) == before


def test_a_reab_departure_does_not_bar_an_avrrl_application(two_years_ago, counsellor, officer, movement, avrrl):
    # given the person who departed through REAB two years ago, back in an AVRRL case under review
    earlier = _departed_earlier(two_years_ago, counsellor=counsellor, officer=officer, movement=movement)
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement,
                         programme=avrrl)
    _principal_is(case, earlier.person)

    # when the officer approves it
    case_services.case_transition(actor=officer, case=case, to_state=S.APPROVED)

    # then it is approved: AVRRL has no five-year bar (the departure is in the facts, and does not count)
    (evaluation,) = Decision.objects.get(case=case).evaluations
    assert evaluation["facts"]["previous_returns"] == [
        {"programme": "REAB", "departed_on": two_years_ago.isoformat(), "reimbursed": False}
    ]
    assert evaluation["outcomes"]["return_assistance"] == {"eligible": True, "reasons": [
        reason("category_covered", category="ASYLUM_REJECTED", programme="AVRRL"),
        reason("not_eu_schengen_citizen", country="UA"),
    ]}


def test_an_override_with_a_justification_lets_the_case_be_approved(returning, officer, two_years_ago):
    # given the returning person's case, refused by the five-year bar
    case, member, _earlier = returning
    bar = five_year_bar(two_years_ago)

    # when the officer overrides return assistance with a justification, then approves
    override = services.override_record(actor=officer, case=case, member=member, support="return_assistance",
                                        justification=f"  {JUSTIFICATION}\n")
    case_services.case_transition(actor=officer, case=case, to_state=S.APPROVED)

    # then the override is kept with the refused reasons and the rule version, and written in the history
    override.refresh_from_db()
    assert (override.case, override.member, override.support, override.justification, override.officer,
            override.rule_version.number, override.refused_reasons) == (
        case, member, "return_assistance", JUSTIFICATION, officer, 1, [bar]
    )
    assert list(CaseEvent.objects.filter(case=case, kind=CaseEventKind.OVERRIDE).values("actor", "reason",
                                                                                          "changes")) == [
        {"actor": officer.pk, "reason": JUSTIFICATION, "changes": [
            {"field": "override", "person": "Shevchenko, Oleksandr (1985-11-03)", "from": "",
             "to": "Return assistance"},
        ]},
    ]
    # and the case is approved with a decision showing return assistance granted by the override
    case.refresh_from_db()
    assert case.state == S.APPROVED
    decision = Decision.objects.get(case=case)
    (evaluation,) = decision.evaluations
    assert evaluation["facts"]["previous_returns"] == [
        {"programme": "REAB", "departed_on": two_years_ago.isoformat(), "reimbursed": False}
    ]
    assert evaluation["outcomes"]["return_assistance"] == {
        "eligible": True,
        # the rules' refusal stays readable, followed by the override that granted it
        "reasons": [bar, reason("granted_by_override")],
        "overridden": {"officer": officer.display_name, "justification": JUSTIFICATION,
                       "at": override.at.isoformat()},
    }


@pytest.mark.parametrize(
    "justification",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="blank"),
        pytest.param("Family reasons.", id="15-characters"),
        pytest.param("    Nineteen chars!!    ", id="19-characters-within-blanks"),
    ],
)
def test_an_override_without_a_justification_of_20_characters_is_refused(justification, returning, officer):
    case, member, _earlier = returning
    before = decision_snapshot(case)

    with pytest.raises(DomainError) as refused:
        services.override_record(actor=officer, case=case, member=member, support="return_assistance",
                                 justification=justification)

    assert refused.value.message == "Write a justification of at least 20 characters: it is kept for audit."
    assert decision_snapshot(case) == before


def test_a_justification_of_exactly_20_characters_is_enough(returning, officer):
    case, member, _earlier = returning
    justification = "Medical emergency ok"
    assert len(justification) == 20

    services.override_record(actor=officer, case=case, member=member, support="return_assistance",
                             justification=justification)

    assert list(Override.objects.values_list("member", "support", "justification")) == [
        (member.pk, "return_assistance", justification)
    ]


def test_overriding_an_outcome_that_is_already_eligible_is_refused(counsellor, officer, movement):
    # given a case whose principal is eligible for return assistance
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement)
    before = decision_snapshot(case)

    # when the officer overrides it anyway
    with pytest.raises(DomainError) as refused:
        services.override_record(actor=officer, case=case, member=case.members.get(), support="return_assistance",
                                 justification=JUSTIFICATION)

    # then it is refused and nothing was written
    assert refused.value.message == "Only a negative outcome can be overridden; this one is already eligible."
    assert decision_snapshot(case) == before


def test_an_override_by_a_counsellor_is_refused(returning, counsellor):
    case, member, _earlier = returning
    before = decision_snapshot(case)

    with pytest.raises(DomainError) as refused:
        services.override_record(actor=counsellor, case=case, member=member, support="return_assistance",
                                 justification=JUSTIFICATION)

    assert refused.value.message == "Only a case officer can override an eligibility outcome."
    assert decision_snapshot(case) == before


def test_the_same_outcome_cannot_be_overridden_twice(returning, officer):
    case, member, _earlier = returning
    services.override_record(actor=officer, case=case, member=member, support="return_assistance",
                             justification=JUSTIFICATION)
    before = decision_snapshot(case)

    with pytest.raises(DomainError) as refused:
        services.override_record(actor=officer, case=case, member=member, support="return_assistance",
                                 justification=JUSTIFICATION)

    assert refused.value.message == "This outcome is already overridden."
    assert decision_snapshot(case) == before


def test_reimbursing_the_earlier_departure_lifts_the_bar(returning, officer, two_years_ago):
    # given the returning person's case, refused by the five-year bar
    case, _member, earlier = returning
    today = timezone.localdate()

    # when the officer records that the costs of the earlier departure were paid back, then approves
    reimbursement = services.reimbursement_record(actor=officer, member=earlier, amount=Decimal("850.00"),
                                                  reimbursed_on=today)
    case_services.case_transition(actor=officer, case=case, to_state=S.APPROVED)

    # then the reimbursement is kept and the case is approved, its decision saying why the bar does not apply
    assert list(Reimbursement.objects.values("member", "amount", "reimbursed_on", "recorded_by")) == [
        {"member": earlier.pk, "amount": Decimal("850.00"), "reimbursed_on": today, "recorded_by": officer.pk}
    ]
    assert reimbursement.member == earlier
    case.refresh_from_db()
    assert case.state == S.APPROVED
    (evaluation,) = Decision.objects.get(case=case).evaluations
    assert evaluation["facts"]["previous_returns"] == [
        {"programme": "REAB", "departed_on": two_years_ago.isoformat(), "reimbursed": True}
    ]
    assert evaluation["outcomes"]["return_assistance"] == {"eligible": True, "reasons": [
        reason("category_covered", category="ASYLUM_REJECTED", programme="REAB"),
        reason("lacks_means"),
        reason("not_eu_schengen_citizen", country="UA"),
        reason("earlier_return_reimbursed", departed_on=two_years_ago.isoformat()),
    ]}
    assert Override.objects.count() == 0


# Rule changes


def _criterion_moved(draft: RuleVersion, to: str) -> dict[str, object]:
    return {**draft.data, "grant_visa_criterion_from": to}


@pytest.fixture
def caseload(counsellor, officer):
    """Open and closed cases: a Brazilian and an Afghan under review, a Brazilian rejected."""
    brazilian = _review(_registered(counsellor, destination="BR", principal_data=principal(
        family_name="Silva", given_names="João", date_of_birth=datetime.date(1990, 2, 14), nationality="BR")),
        officer)
    afghan = _review(_registered(counsellor, destination="AF", principal_data=principal(
        family_name="Ahmadi", given_names="Farid", date_of_birth=datetime.date(1988, 7, 9), nationality="AF")),
        officer)
    rejected = case_services.case_transition(
        actor=officer, case=_review(_registered(counsellor, destination="BR", principal_data=principal(
            family_name="Souza", given_names="Ana", sex="F", date_of_birth=datetime.date(1993, 3, 30),
            nationality="BR")), officer),
        to_state=S.REJECTED, reason="No documents.",
    )
    return {"brazilian": brazilian, "afghan": afghan, "rejected": rejected}


def test_the_impact_preview_shows_which_open_cases_would_change(programme_manager, caseload):
    # given a draft that moves the visa criterion of the grant to 2030
    draft = services.rule_draft_create(actor=programme_manager)
    draft = services.rule_draft_update(actor=programme_manager, draft=draft,
                                       data=_criterion_moved(draft, "2030-01-01"), note=NOTE)

    # when the impact is previewed on a date between 2012-05-15 and 2030-01-01
    impact = impact_preview(cases=Case.objects.all(), draft=draft, decision_date=datetime.date(2025, 6, 2))

    # then the Brazilian under review would get the grant; the Afghan has it either way; the rejected case is closed
    brazilian = caseload["brazilian"]
    assert [(row.case, row.member, row.support, row.now_eligible, row.then_eligible) for row in impact.rows] == [
        (brazilian, brazilian.members.get(), "reintegration_grant", False, True)
    ]
    assert (impact.decision_date, impact.cases_evaluated, impact.cases_changed) == (datetime.date(2025, 6, 2), 2, 1)
    # and the rules in force are untouched by the draft
    assert rule_version_current().data == rules_to_json(default_rules())
    assert (draft.status, draft.number, draft.note, draft.data["grant_visa_criterion_from"]) == (
        RuleVersionStatus.DRAFT, None, NOTE, "2030-01-01"
    )


def test_the_impact_preview_is_empty_on_a_date_the_change_does_not_touch(programme_manager, caseload):
    draft = services.rule_draft_create(actor=programme_manager)
    draft = services.rule_draft_update(actor=programme_manager, draft=draft,
                                       data=_criterion_moved(draft, "2030-01-01"), note=NOTE)

    impact = impact_preview(cases=Case.objects.all(), draft=draft, decision_date=datetime.date(2030, 1, 1))

    assert (impact.rows, impact.cases_evaluated, impact.cases_changed) == ([], 2, 0)


def test_publishing_makes_version_2_and_leaves_earlier_decisions_as_they_were(
    programme_manager, officer, caseload
):
    # given a decision taken under version 1 (the Afghan approved)
    case_services.case_transition(actor=officer, case=caseload["afghan"], to_state=S.APPROVED)
    earlier = Decision.objects.get()
    earlier_stored = Decision.objects.filter(pk=earlier.pk).values("rule_version_id", "decision_date",
                                                                   "evaluations").get()
    version_1 = rule_version_current()
    # and a draft moving the grant's visa criterion to 2030
    draft = services.rule_draft_create(actor=programme_manager)
    services.rule_draft_update(actor=programme_manager, draft=draft, data=_criterion_moved(draft, "2030-01-01"),
                               note=NOTE)

    # when the programme manager publishes it
    published = services.rule_draft_publish(actor=programme_manager, draft=draft)

    # then it is version 2, in force, based on version 1
    assert (published.pk, published.number, published.status, published.published_by, published.based_on) == (
        draft.pk, 2, RuleVersionStatus.PUBLISHED, programme_manager, version_1
    )
    assert rule_version_current() == published
    assert list(RuleVersion.objects.order_by("number").values_list("number", "status")) == [
        (1, RuleVersionStatus.PUBLISHED), (2, RuleVersionStatus.PUBLISHED)
    ]
    # and the earlier decision and version 1 are unchanged
    assert Decision.objects.filter(pk=earlier.pk).values("rule_version_id", "decision_date",
                                                          "evaluations").get() == earlier_stored
    assert Decision.objects.get(pk=earlier.pk).rule_version.number == 1
    assert RuleVersion.objects.get(number=1).data == rules_to_json(default_rules())
    # and a decision taken now uses version 2: the Brazilian gets the grant
    case_services.case_transition(actor=officer, case=caseload["brazilian"], to_state=S.APPROVED)
    later = Decision.objects.get(case=caseload["brazilian"])
    assert later.rule_version.number == 2
    assert later.evaluations[0]["outcomes"]["reintegration_grant"] == {
        "eligible": True, "reasons": [reason("before_visa_criterion", starts="2030-01-01")]
    }


def _rules_snapshot() -> list[dict[str, object]]:
    return list(RuleVersion.objects.order_by("pk").values())


def test_publishing_by_a_case_officer_is_refused(programme_manager, officer):
    draft = services.rule_draft_create(actor=programme_manager)
    services.rule_draft_update(actor=programme_manager, draft=draft, data=_criterion_moved(draft, "2030-01-01"),
                               note=NOTE)
    before = _rules_snapshot()

    with pytest.raises(DomainError) as refused:
        services.rule_draft_publish(actor=officer, draft=draft)

    assert refused.value.message == "Only a programme manager can publish a rule change."
    assert _rules_snapshot() == before
    assert rule_version_current().number == 1


def test_a_case_officer_cannot_start_a_rule_change(officer):
    before = _rules_snapshot()

    with pytest.raises(DomainError) as refused:
        services.rule_draft_create(actor=officer)

    assert refused.value.message == "Only a programme manager or an administrator can change the rules."
    assert _rules_snapshot() == before


def test_a_second_draft_while_one_exists_is_refused(programme_manager):
    services.rule_draft_create(actor=programme_manager)
    before = _rules_snapshot()

    with pytest.raises(DomainError) as refused:
        services.rule_draft_create(actor=programme_manager)

    assert refused.value.message == "A draft change is already being prepared; finish or discard it first."
    assert _rules_snapshot() == before


@pytest.mark.parametrize("note", [pytest.param(None, id="never-written"), pytest.param("  \n ", id="blank")])
def test_publishing_without_a_note_is_refused(note, programme_manager):
    # given a draft whose note was never written, or written blank
    draft = services.rule_draft_create(actor=programme_manager)
    if note is not None:
        services.rule_draft_update(actor=programme_manager, draft=draft, data=_criterion_moved(draft, "2030-01-01"),
                                   note=note)
    before = _rules_snapshot()

    # when the programme manager publishes it
    with pytest.raises(DomainError) as refused:
        services.rule_draft_publish(actor=programme_manager, draft=draft)

    # then it is refused and nothing changed
    assert refused.value.message == "Say what changes and why before publishing."
    assert _rules_snapshot() == before
    assert rule_version_current().number == 1
