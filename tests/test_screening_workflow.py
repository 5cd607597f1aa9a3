"""Screening in the workflow: registration finds an earlier return under another spelling, the eligibility decision
waits for the case officer, who confirms (the histories join and the five-year bar applies) or dismisses
(remembered); a duplicate registration at another partner is flagged; partners never see the other person."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from homeward.cases import screening
from homeward.cases import services as case_services
from homeward.cases.models import CandidateKind, CandidateStatus, CaseState, Relation, ScreeningCandidate
from homeward.cases.services import MemberData
from homeward.core.errors import TransitionNotAllowed
from homeward.core.models import AccessLog
from homeward.eligibility import services as eligibility_services
from homeward.eligibility.selectors import rule_version_current
from homeward.organisations.models import Programme
from tests.factories import person_data, principal
from tests.snapshots import case_snapshot

S = CaseState


def _register(actor, *, family: str, given: str, born: datetime.date, at: datetime.datetime | None = None):
    return case_services.case_register(
        actor=actor, programme=Programme.objects.get(code="REAB"), referring_partner=actor.organisation,
        destination="UA", reab_category="ASYLUM_REJECTED",
        principal=principal(family_name=family, given_names=given, date_of_birth=born), at=at,
    )


@pytest.fixture
def departed_in_2023(counsellor, officer, movement):
    """Aleksandr Ševčenko, born 11 March 1985, returned to Ukraine through REAB in 2023."""
    departed_on = min(datetime.date(2023, 6, 15), timezone.localdate())
    at = timezone.make_aware(datetime.datetime.combine(departed_on, datetime.time(10)))
    case = _register(counsellor, family="Ševčenko", given="Aleksandr", born=datetime.date(1985, 3, 11), at=at)
    for target, actor in [(S.UNDER_REVIEW, officer), (S.APPROVED, officer), (S.TRAVEL_PREPARATION, movement),
                          (S.BOOKED, movement), (S.DEPARTED, movement)]:
        case = case_services.case_transition(actor=actor, case=case, to_state=target, at=at,
                                             departed_on=departed_on if target == S.DEPARTED else None)
    return case


@pytest.fixture
def returning(departed_in_2023, counsellor, officer):
    """Oleksandr Shevchenko, 3 November 1985 (day and month the other way round), registered today, under review."""
    case = _register(counsellor, family="Shevchenko", given="Oleksandr", born=datetime.date(1985, 11, 3))
    return case_services.case_transition(actor=officer, case=case, to_state=S.UNDER_REVIEW)


def test_registration_finds_the_earlier_return_under_another_spelling(returning, departed_in_2023):
    (candidate,) = ScreeningCandidate.objects.filter(case=returning)
    assert candidate.kind == CandidateKind.PRIOR_RETURN
    assert candidate.band == "match"
    assert candidate.other_case == departed_in_2023
    assert candidate.person == departed_in_2023.members.get().person
    assert any("day and month swapped" in reason for reason in candidate.why)
    assert screening.review_needed(returning)


def test_approval_waits_for_the_review_and_nothing_changes(returning, officer):
    before = case_snapshot(returning)
    with pytest.raises(TransitionNotAllowed, match="needs review"):
        case_services.case_transition(actor=officer, case=returning, to_state=S.APPROVED)
    returning.refresh_from_db()
    assert case_snapshot(returning) == before


def test_a_confirmed_candidate_joins_the_histories_and_the_five_year_bar_applies(returning, officer, departed_in_2023):
    candidate = ScreeningCandidate.objects.get(case=returning)

    screening.candidate_decide(actor=officer, candidate=candidate, same_person=True)

    candidate.refresh_from_db()
    assert (candidate.status, candidate.decided_by) == (CandidateStatus.CONFIRMED, officer)
    member = returning.members.get()
    member.person.refresh_from_db()
    assert member.person.identity_id == departed_in_2023.members.get().person.identity_id
    (evaluation,) = eligibility_services.case_evaluations(
        returning, decision_date=timezone.localdate(), version=rule_version_current()
    )
    assert evaluation["outcomes"]["return_assistance"]["eligible"] is False
    assert returning.events.filter(kind="SCREENING").count() == 1


def test_a_dismissed_candidate_is_remembered_and_no_longer_holds_approval(returning, officer):
    candidate = ScreeningCandidate.objects.get(case=returning)

    screening.candidate_decide(actor=officer, candidate=candidate, same_person=False)
    screening.case_screen(case=returning)  # screening again, e.g. after an edit

    assert list(ScreeningCandidate.objects.filter(case=returning).values_list("status", flat=True)) == [
        CandidateStatus.DISMISSED
    ]
    assert not screening.review_needed(returning)
    case_services.case_transition(actor=officer, case=returning, to_state=S.APPROVED)
    returning.refresh_from_db()
    assert returning.state == S.APPROVED


def test_the_partner_sees_only_that_the_country_office_reviews(client, returning, counsellor):
    client.force_login(counsellor)
    page = client.get(reverse("case_detail", args=[returning.reference])).content.decode()
    assert "Needs review by the country office" in page
    assert "Ševčenko" not in page
    assert "Same person: join the histories" not in page


def test_the_case_officer_sees_both_persons_side_by_side(client, returning, officer, departed_in_2023):
    client.force_login(officer)
    page = client.get(reverse("case_detail", args=[returning.reference])).content.decode()
    assert "Ševčenko" in page and "Shevchenko" in page
    assert departed_in_2023.reference in page
    assert "Same person: join the histories" in page


def test_a_counsellor_cannot_answer_for_the_case_officer_and_nothing_changes(client, returning, counsellor):
    candidate = ScreeningCandidate.objects.get(case=returning)
    client.force_login(counsellor)
    logs = AccessLog.objects.count()

    response = client.post(reverse("screening_decide", args=[returning.reference, candidate.pk]),
                           {"same_person": "yes"}, follow=True)

    assert "Only a case officer" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.OPEN
    assert returning.members.get().person.same_as_id is None
    assert AccessLog.objects.filter(action="screening review").count() == 0
    assert AccessLog.objects.count() >= logs  # the page view after the redirect is logged; no review was


def test_another_partner_cannot_reach_the_review(client, returning, other_counsellor):
    candidate = ScreeningCandidate.objects.get(case=returning)
    client.force_login(other_counsellor)
    response = client.post(reverse("screening_decide", args=[returning.reference, candidate.pk]),
                           {"same_person": "no"})
    assert response.status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.OPEN


def test_the_case_officer_answers_through_the_page(client, returning, officer):
    candidate = ScreeningCandidate.objects.get(case=returning)
    client.force_login(officer)
    response = client.post(reverse("screening_decide", args=[returning.reference, candidate.pk]),
                           {"same_person": "no"}, follow=True)
    assert "will not be put forward again" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.DISMISSED
    assert AccessLog.objects.filter(action="screening review", user=officer).count() == 1


def test_an_unreadable_answer_changes_nothing(client, returning, officer):
    candidate = ScreeningCandidate.objects.get(case=returning)
    client.force_login(officer)
    response = client.post(reverse("screening_decide", args=[returning.reference, candidate.pk]),
                           {"same_person": "perhaps"}, follow=True)
    assert "could not be read" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.OPEN


def test_an_open_application_at_another_partner_is_flagged_as_a_duplicate(counsellor, other_counsellor):
    first = _register(counsellor, family="Gevorgyan", given="Armen", born=datetime.date(1979, 5, 20))

    second = _register(other_counsellor, family="Gevorkian", given="Armen", born=datetime.date(1979, 5, 20))

    (candidate,) = ScreeningCandidate.objects.filter(case=second)
    assert (candidate.kind, candidate.other_case) == (CandidateKind.DUPLICATE_APPLICATION, first)
    assert not screening.review_needed(second)  # flagged for the officer; the eligibility decision is not held


def test_a_return_more_than_five_years_ago_is_not_put_forward(counsellor, officer, movement):
    departed_on = datetime.date(2015, 6, 1)
    at = timezone.make_aware(datetime.datetime.combine(departed_on, datetime.time(10)))
    case = _register(counsellor, family="Ševčenko", given="Aleksandr", born=datetime.date(1985, 3, 11), at=at)
    for target, actor in [(S.UNDER_REVIEW, officer), (S.APPROVED, officer), (S.TRAVEL_PREPARATION, movement),
                          (S.BOOKED, movement), (S.DEPARTED, movement)]:
        case = case_services.case_transition(actor=actor, case=case, to_state=target, at=at,
                                             departed_on=departed_on if target == S.DEPARTED else None)

    new = _register(counsellor, family="Shevchenko", given="Oleksandr", born=datetime.date(1985, 11, 3))

    assert not ScreeningCandidate.objects.filter(case=new).exists()


def test_a_corrected_name_is_screened_again(departed_in_2023, counsellor, officer):
    # given an application whose name was first typed wrong: screening found nobody
    case = _register(counsellor, family="Smith", given="John", born=datetime.date(1985, 11, 3))
    assert not ScreeningCandidate.objects.filter(case=case).exists()
    principal_member = case.members.get()

    # when the counsellor corrects it
    case_services.case_update(
        actor=counsellor, case=case, expected_version=case.version, destination="UA",
        reab_category="ASYLUM_REJECTED",
        principal=MemberData(
            person=person_data(family_name="Shevchenko", given_names="Oleksandr",
                               date_of_birth=datetime.date(1985, 11, 3)),
            relation=Relation.PRINCIPAL, member_id=principal_member.pk,
        ),
        members=[],
    )

    # then the earlier return is put before the case officer
    (candidate,) = ScreeningCandidate.objects.filter(case=case)
    assert (candidate.kind, candidate.other_case) == (CandidateKind.PRIOR_RETURN, departed_in_2023)


def test_an_avrrl_application_is_not_held_by_an_earlier_reab_return(departed_in_2023, counsellor):
    # the five-year bar is a REAB rule: a Luxembourg application is not held for it
    case = case_services.case_register(
        actor=counsellor, programme=Programme.objects.get(code="AVRRL"), referring_partner=counsellor.organisation,
        destination="UA", avrrl_status="ASYLUM_REJECTED",
        principal=principal(family_name="Shevchenko", given_names="Oleksandr",
                            date_of_birth=datetime.date(1985, 11, 3)),
    )
    assert not ScreeningCandidate.objects.filter(case=case, kind=CandidateKind.PRIOR_RETURN).exists()


def test_crossed_confirmations_leave_one_group_and_no_loop(returning, departed_in_2023):
    applicant = returning.members.get().person
    earlier = departed_in_2023.members.get().person
    screening.persons_link(applicant, earlier)
    applicant.refresh_from_db()
    earlier.refresh_from_db()
    screening.persons_link(earlier, applicant)  # the other officer's answer, the other way round
    applicant.refresh_from_db()
    earlier.refresh_from_db()
    assert applicant.identity_id == earlier.identity_id
    assert earlier.same_as_id is None or applicant.same_as_id is None  # a root, not a loop
    groups = screening.identity_ids([applicant, earlier])
    assert groups[applicant.pk] == groups[earlier.pk] == {applicant.pk, earlier.pk}


def test_a_person_others_were_confirmed_to_be_is_kept_when_removed_from_a_household(counsellor, other_counsellor,
                                                                                   officer):
    # given Ivan, a member of partner A's open case, and partner B's Ivan confirmed to be him
    first = case_services.case_register(
        actor=counsellor, programme=Programme.objects.get(code="REAB"), referring_partner=counsellor.organisation,
        destination="UA", reab_category="ASYLUM_REJECTED",
        principal=principal(family_name="Petrenko", given_names="Olha", sex="F",
                            date_of_birth=datetime.date(1981, 2, 2)),
        members=[MemberData(person=person_data(family_name="Petrenko", given_names="Ivan",
                                               date_of_birth=datetime.date(1979, 5, 20)), relation=Relation.SPOUSE)],
    )
    second = _register(other_counsellor, family="Petrenko", given="Ivan", born=datetime.date(1979, 5, 20))
    candidate = ScreeningCandidate.objects.get(case=second)
    screening.candidate_decide(actor=officer, candidate=candidate, same_person=True)
    olha, ivan = (member.person for member in first.members.order_by("position"))
    first.refresh_from_db()

    # when partner A takes Ivan out of its application
    case_services.case_update(
        actor=counsellor, case=first, expected_version=first.version, destination="UA",
        reab_category="ASYLUM_REJECTED",
        principal=MemberData(person=person_data(family_name="Petrenko", given_names="Olha", sex="F",
                                                date_of_birth=datetime.date(1981, 2, 2)),
                             relation=Relation.PRINCIPAL, member_id=first.members.get(person=olha).pk),
        members=[],
    )

    # then Ivan is no longer in that household but stays in the register, the first of his group
    assert not first.members.filter(person=ivan).exists()
    ivan.refresh_from_db()
    assert second.members.get().person.same_as_id == ivan.pk


def test_the_register_finds_an_earlier_return_under_a_typo_and_an_unknown_date(departed_in_2023):
    # given Aleksandr Ševčenko's return in the register, when an applicant with a typo in the family name and no
    # date of birth is looked up (no stored key agrees exactly: the look-up tries the names one letter away)
    from homeward.people.screening.compare import PersonRecord
    from homeward.people.screening.register import register_candidates

    found = register_candidates(PersonRecord("A", "Shevchnko", "Oleksandr", "M", None, "UNKNOWN", "UA"))

    # then the earlier person is a candidate worth a look, with the reasons
    principal_id = departed_in_2023.members.get(relation=Relation.PRINCIPAL).person_id
    assert [item.person_id for item in found] == [principal_id]
    assert found[0].comparison.band == "possible"
