"""Screening a household against the register, and the case officer's review of what it finds.

At registration every member is compared with the register (people.screening). A candidate matters when the
register holds, for that person, a REAB departure in the last five years (the five-year bar may apply: the
eligibility decision needs review, and approval is refused until it is done) or an application still open at
another partner (a duplicate registration, flagged on the case). A case officer confirms a candidate (the persons
become one, and the five-year bar sees the earlier return) or dismisses it (remembered: the pair is not put
forward again). Partners see only that a review by the country office is pending.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases.models import (
    CandidateKind,
    CandidateStatus,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseMember,
    MemberOutcome,
    ScreeningCandidate,
)
from homeward.cases.workflow import OPEN_STATES
from homeward.core.errors import DomainError, NotPermitted
from homeward.eligibility.rules import anniversary
from homeward.organisations.models import Role, User
from homeward.people.models import Person
from homeward.people.screening.register import record_of, register_candidates

BAR_YEARS = 5


def identity_ids(persons: Iterable[Person]) -> dict[int, set[int]]:
    """For each person (as read already), every person confirmed to be the same one (itself included)."""
    root_of = {person.pk: person.same_as_id or person.pk for person in persons}
    groups: dict[int, set[int]] = defaultdict(set)
    for pk, root in Person.objects.filter(
        Q(pk__in=set(root_of.values())) | Q(same_as_id__in=set(root_of.values()))
    ).values_list("pk", "same_as_id"):
        groups[root or pk].add(pk)
    return {pk: groups.get(root, {pk}) | {pk} for pk, root in root_of.items()}


@transaction.atomic
def case_screen(*, case: Case, today: datetime.date | None = None) -> list[ScreeningCandidate]:
    """Compare every member of the household with the register; record the candidates an officer must review."""
    today = today or timezone.localdate()
    members = list(case.members.select_related("person").prefetch_related("person__documents"))
    own = {member.person_id for member in members}
    groups = identity_ids(member.person for member in members)
    decided = set(
        ScreeningCandidate.objects.filter(member__in=members)
        .exclude(status=CandidateStatus.OPEN)
        .values_list("member_id", "person_id")
    )
    created = []
    for member in members:
        record = record_of(member.person, [document.number for document in member.person.documents.all()])
        found = {item.person_id: item for item in register_candidates(record, excluding=own | groups[member.person_id])}
        if not found:
            continue
        history = (
            CaseMember.objects.filter(person_id__in=list(found))
            .exclude(case=case)
            .values_list("person_id", "case_id", "case__state", "case__programme__code", "outcome", "departed_on",
                         "case__referring_partner_id")
        )
        for person_id, other_case_id, state, programme, outcome, departed_on, partner_id in history:
            if (member.pk, person_id) in decided:
                continue
            if (case.programme.code == "REAB" and programme == "REAB" and outcome == MemberOutcome.DEPARTED
                    and departed_on and anniversary(departed_on, BAR_YEARS) > today):
                kind = CandidateKind.PRIOR_RETURN
            elif state in OPEN_STATES and partner_id != case.referring_partner_id:
                kind = CandidateKind.DUPLICATE_APPLICATION
            else:
                continue
            comparison = found[person_id].comparison
            candidate, made = ScreeningCandidate.objects.get_or_create(
                case=case, member=member, person_id=person_id, other_case_id=other_case_id,
                defaults={"kind": kind, "score": comparison.score, "band": comparison.band,
                          "why": [str(reason) for reason in comparison.why]},
            )
            if made:
                created.append(candidate)
    return created


def review_needed(case: Case) -> bool:
    """An earlier REAB return within five years may be this household's: the eligibility decision waits."""
    return any(candidate.kind == CandidateKind.PRIOR_RETURN for candidate in open_candidates(case))


def open_candidates(case: Case) -> list[ScreeningCandidate]:
    """The candidates still to review, best first; those whose member has since become that very person (or one
    confirmed the same) no longer ask anything."""
    candidates = list(
        ScreeningCandidate.objects.filter(case=case, status=CandidateStatus.OPEN).select_related(
            "member__person", "person", "other_case__programme", "other_case__referring_partner"
        )
    )
    return [
        candidate for candidate in candidates
        if candidate.member.person.identity_id != candidate.person.identity_id
    ]


def persons_link(person: Person, same_as: Person) -> None:
    """Record that two persons are one: both groups join the group of `same_as`. The persons and the first persons
    of their groups are locked (in id order) and read again, so that two officers confirming crossed pairs at the
    same moment cannot leave a loop or a chain."""
    mentioned = {person.pk, same_as.pk}
    fresh = {row.pk: row for row in Person.objects.select_for_update().filter(pk__in=mentioned).order_by("pk")}
    firsts = {row.same_as_id or row.pk for row in fresh.values()} - mentioned
    list(Person.objects.select_for_update().filter(pk__in=firsts).order_by("pk"))
    root = fresh[same_as.pk].same_as_id or same_as.pk
    joining = fresh[person.pk].same_as_id or person.pk
    if joining == root:
        return
    Person.objects.filter(Q(pk=joining) | Q(same_as_id=joining)).exclude(pk=root).update(same_as_id=root)


@transaction.atomic
def candidate_decide(*, actor: User, candidate: ScreeningCandidate, same_person: bool) -> ScreeningCandidate:
    """The case officer's answer: the same person (linked, so the five-year bar sees the history) or not
    (remembered). Every candidate of the same pair of persons on this case gets the same answer."""
    if not actor.has_role(Role.CASE_OFFICER):
        raise NotPermitted(_("Only a case officer can review screening candidates."))
    candidate = ScreeningCandidate.objects.select_for_update().select_related("member__person", "person").get(
        pk=candidate.pk
    )
    if candidate.status != CandidateStatus.OPEN:
        raise DomainError(_("This candidate has already been reviewed."))
    status = CandidateStatus.CONFIRMED if same_person else CandidateStatus.DISMISSED
    now = timezone.now()
    ScreeningCandidate.objects.filter(
        case_id=candidate.case_id, member_id=candidate.member_id, person_id=candidate.person_id,
        status=CandidateStatus.OPEN,
    ).update(status=status, decided_by=actor, decided_at=now)
    if same_person:
        persons_link(candidate.member.person, candidate.person)
    CaseEvent.objects.create(
        case_id=candidate.case_id, actor=actor, kind=CaseEventKind.SCREENING, at=now,
        # No name of the other person here: the referring partner reads this history.
        changes=[{"field": "screening", "from": "", "to": str(CandidateStatus(status).label)}],
    )
    candidate.refresh_from_db()
    return candidate
