"""Writes for cases: registration, editing with lost-update protection, and moves through the workflow.

Every path (web, import, API, demo data) calls these, so every path passes the same checks. Each service runs in
one transaction and writes the history row with the change.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases import policy, screening
from homeward.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseMember,
    CaseState,
    MemberOutcome,
    MemberVulnerability,
    ReintegrationSupport,
    Relation,
    support_flags_of,
)
from homeward.cases.workflow import move_for
from homeward.core.changes import register_changed
from homeward.core.errors import DomainError, NotPermitted, StaleVersion, TransitionNotAllowed
from homeward.core.references import reference_new
from homeward.eligibility import selectors as eligibility_selectors
from homeward.eligibility import services as eligibility_services
from homeward.organisations.models import Organisation, Programme, User
from homeward.people.models import Person
from homeward.people.names import household_search_names
from homeward.people.services import PersonData, person_create, person_update

MAX_HOUSEHOLD = 30
# An edit of these, on an application the country office has but has not decided, screens the household again.
SCREENED_STATES = frozenset({CaseState.REGISTERED, CaseState.UNDER_REVIEW})
SCREENED_FIELDS = frozenset({"member", "family_name", "given_names", "date_of_birth", "date_of_birth_precision",
                             "sex", "nationality", "document"})


@dataclass(frozen=True)
class MemberData:
    """A person in the household as the form or the import gives it. `member_id` names an existing member."""

    person: PersonData
    relation: str
    vulnerabilities: frozenset[str] = field(default_factory=frozenset)
    member_id: int | None = None
    recognised_refugee: bool = False
    uam_identified_before_18: bool = False


def _today() -> datetime.date:
    return timezone.localdate()


def _household_check(*, principal: MemberData, members: Sequence[MemberData]) -> None:
    if principal.relation != Relation.PRINCIPAL:
        raise ValidationError(_("The principal applicant must have the relation 'principal applicant'."))
    if any(member.relation == Relation.PRINCIPAL for member in members):
        raise ValidationError(_("A household has exactly one principal applicant."))
    if 1 + len(members) > MAX_HOUSEHOLD:
        raise ValidationError(
            _("A household has at most %(count)s persons; register larger groups as several cases.")
            % {"count": MAX_HOUSEHOLD}
        )


def _case_fields_check(case: Case) -> None:
    if case.programme.uses_reab_categories and not case.reab_category:
        raise ValidationError({"reab_category": _("A %(programme)s case needs its category.") % {
            "programme": case.programme.code}})
    if not case.programme.uses_reab_categories and case.reab_category:
        raise ValidationError({"reab_category": _("The %(programme)s programme has no REAB categories.") % {
            "programme": case.programme.code}})
    if case.programme.uses_reab_categories and case.avrrl_status:
        raise ValidationError({"avrrl_status": _("A status in Luxembourg is for AVRRL applications only.")})
    if not case.referring_partner.refers_cases:
        raise ValidationError({"referring_partner": _("This organisation does not refer applications.")})
    case.full_clean(exclude=["reference"])


def _member_add(*, case: Case, data: MemberData, position: int, today: datetime.date) -> CaseMember:
    person = person_create(data=data.person, today=today)
    member = CaseMember(
        case=case, person=person, relation=data.relation, position=position,
        recognised_refugee=data.recognised_refugee, uam_identified_before_18=data.uam_identified_before_18,
    )
    member.full_clean()
    member.save()
    MemberVulnerability.objects.bulk_create(
        [MemberVulnerability(member=member, kind=kind) for kind in sorted(data.vulnerabilities)]
    )
    return member


def _event(
    *, case: Case, actor: User, kind: str, from_state: str = "", to_state: str = "", reason: str = "",
    changes: list | None = None, at: datetime.datetime | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, actor=actor, kind=kind, from_state=from_state, to_state=to_state, reason=reason,
        changes=changes or [], at=at or timezone.now(),
    )


def _moment(at: datetime.datetime | None) -> tuple[datetime.datetime | None, datetime.date]:
    """When a recorded fact happened: now, or earlier for history brought in by an import or the demo."""
    if at is None:
        return None, _today()
    if at > timezone.now():
        raise DomainError(_("A recorded event cannot be in the future."))
    return at, timezone.localdate(at)


def _reference_unused(year: int) -> str:
    for _attempt in range(20):
        reference = reference_new(year)
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise DomainError(_("No free case reference could be found; try again."))


@transaction.atomic
def case_register(
    *,
    actor: User,
    programme: Programme,
    referring_partner: Organisation,
    destination: str,
    principal: MemberData,
    members: Sequence[MemberData] = (),
    reab_category: str = "",
    avrrl_status: str = "",
    has_means_to_return: bool = False,
    notes: str = "",
    submit: bool = True,
    at: datetime.datetime | None = None,
) -> Case:
    """Create a household's application, as a draft or registered (`submit`).

    `at` records an application made earlier (imports, demo data); by default it is now.
    """
    if not policy.can_register_for(actor, referring_partner):
        raise NotPermitted(_("You cannot register applications for %(partner)s.") % {"partner": referring_partner})
    _household_check(principal=principal, members=members)
    at, today = _moment(at)
    case = Case(
        programme=programme,
        referring_partner=referring_partner,
        destination=destination,
        reab_category=reab_category,
        avrrl_status=avrrl_status,
        has_means_to_return=has_means_to_return,
        notes=notes,
        created_by=actor,
    )
    _case_fields_check(case)
    case.reference = _reference_unused(today.year)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:  # two registrations drew the same reference at the same instant
        case.reference = _reference_unused(today.year)
        case.save()
    for position, data in enumerate([principal, *members]):
        _member_add(case=case, data=data, position=position, today=today)
    case_household_refresh([case.pk])
    _event(case=case, actor=actor, kind=CaseEventKind.TRANSITION, to_state=CaseState.DRAFT, at=at)
    if submit:
        case = case_transition(actor=actor, case=case, to_state=CaseState.REGISTERED, at=at)
    register_changed()
    return case


def _version_claim(
    case: Case, expected_version: int, fields: dict[str, object], *, at: datetime.datetime | None = None
) -> None:
    """Compare-and-set on the version: refuses the save if someone else saved since `expected_version`."""
    claimed = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=at or timezone.now(), **fields
    )
    if not claimed:
        raise StaleVersion(
            _(
                "Someone else saved this case while you were editing it. Your changes were not saved; "
                "reload the case to see the current version, then make your changes again."
            )
        )
    case.version = expected_version + 1
    for name, value in fields.items():
        setattr(case, name, value)


CASE_EDITABLE_FIELDS = ("reab_category", "destination", "notes")


@transaction.atomic
def case_update(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    principal: MemberData,
    members: Sequence[MemberData],
    destination: str,
    reab_category: str = "",
    avrrl_status: str = "",
    has_means_to_return: bool = False,
    notes: str = "",
) -> Case:
    """Save an edit of the case and its household, unless someone else saved since `expected_version`."""
    if not policy.can_edit(actor, case):
        raise NotPermitted(_("You cannot edit this case in its present state."))
    _household_check(principal=principal, members=members)
    today = _today()
    changes: list[dict[str, str]] = []
    new_values: dict[str, object] = {
        "reab_category": reab_category, "avrrl_status": avrrl_status, "destination": destination,
        "has_means_to_return": has_means_to_return, "notes": notes,
    }
    for name, value in new_values.items():
        old = str(getattr(case, name) or "")
        if old != str(value or ""):
            changes.append({"field": name, "from": old, "to": str(value or "")})
    # This case and the others its persons are in, whose search names a corrected name changes too: locked in the
    # order of their keys before any is written, so that two edits of cases sharing a person wait for each other
    # instead of each holding one case and waiting for the other's.
    named = list(Case.objects.select_for_update().filter(pk__in=cases_sharing_persons([case.pk]))
                 .order_by("pk").values_list("pk", flat=True))
    _version_claim(case, expected_version, new_values)
    case.refresh_from_db()
    _case_fields_check(case)

    existing = {member.pk: member for member in case.members.select_related("person")}
    kept: set[int] = set()
    for position, data in enumerate([principal, *members]):
        if data.member_id is None:
            member = _member_add(case=case, data=data, position=position, today=today)
            changes.append({"field": "member", "from": "", "to": member.person.label})
            continue
        found = existing.get(data.member_id)
        if found is None:
            raise ValidationError(_("A household member in the form is no longer in this case; reload it."))
        member = found
        if (member.relation == Relation.PRINCIPAL) != (data.relation == Relation.PRINCIPAL):
            raise ValidationError(_("The principal applicant cannot be changed by an edit."))
        kept.add(member.pk)
        person_changes = person_update(person=member.person, data=data.person, today=today)
        changes.extend({**change, "person": str(member.person)} for change in person_changes)
        for flag in ("recognised_refugee", "uam_identified_before_18"):
            if getattr(member, flag) != getattr(data, flag):
                changes.append({"field": flag, "person": str(member.person), "from": str(getattr(member, flag)),
                                "to": str(getattr(data, flag))})
                setattr(member, flag, getattr(data, flag))
                member.save(update_fields=[flag])
        if member.relation != data.relation or member.position != position:
            if member.relation != data.relation:
                changes.append({"field": "relation", "person": str(member.person), "from": member.relation,
                                "to": data.relation})
            member.relation, member.position = data.relation, position
            member.save(update_fields=["relation", "position"])
        old_kinds = set(member.vulnerabilities.values_list("kind", flat=True))
        if old_kinds != set(data.vulnerabilities):
            member.vulnerabilities.all().delete()
            MemberVulnerability.objects.bulk_create(
                [MemberVulnerability(member=member, kind=kind) for kind in sorted(data.vulnerabilities)]
            )
            changes.append({"field": "vulnerabilities", "person": str(member.person),
                            "from": ", ".join(sorted(old_kinds)), "to": ", ".join(sorted(data.vulnerabilities))})
    for member_id, member in existing.items():
        if member_id not in kept:
            if member.relation == Relation.PRINCIPAL:
                raise ValidationError(_("The principal applicant cannot be removed."))
            member.delete()
            changes.append({"field": "member", "from": member.person.label, "to": ""})
            _person_delete_if_orphan(member.person)
    case_household_refresh(named)
    _event(case=case, actor=actor, kind=CaseEventKind.EDIT, changes=changes)
    if case.state in SCREENED_STATES and any(change.get("field") in SCREENED_FIELDS for change in changes):
        # A name, a date of birth or a new member can match someone screening did not find before.
        screening.case_screen(case=case, today=today)
    register_changed()
    return case


REFRESHED_AT_ONCE = 500  # cases whose derived columns one round of queries sets


def _case_id_chunks(case_ids: Iterable[int]) -> Iterator[list[int]]:
    """These cases' keys, once each, in rounds of REFRESHED_AT_ONCE, for the refreshes of derived columns below."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), REFRESHED_AT_ONCE):
        yield ids[start : start + REFRESHED_AT_ONCE]


def cases_sharing_persons(case_ids: Sequence[int]) -> QuerySet[CaseMember, int]:
    """The keys of the cases with a person of these cases' households, these cases included: those whose search
    names a corrected name changes."""
    return CaseMember.objects.filter(person__memberships__case__in=case_ids).values_list("case_id", flat=True)


def case_household_refresh(case_ids: Iterable[int]) -> None:
    """Set what these cases keep of their households (Case.search_names, Case.persons) from their members as they
    are now: after members were added or removed, or a person's name changed, by any path that does not compute
    them itself."""
    for chunk in _case_id_chunks(case_ids):
        names: dict[int, list[str]] = defaultdict(list)
        for case_id, name in (CaseMember.objects.filter(case_id__in=chunk).order_by("case_id", "position", "pk")
                              .values_list("case_id", "person__search_name")):
            names[case_id].append(name)
        Case.objects.bulk_update(
            [Case(pk=case_id, search_names=household_search_names(names[case_id]), persons=len(names[case_id]))
             for case_id in chunk],
            ["search_names", "persons"],
        )


def case_support_set(case: Case, kinds: Iterable[str]) -> None:
    """Record the kinds of reintegration support the household received (ReintegrationKind values), in place of
    those recorded before, and keep Case.support_flags with them: every path that records support goes through here.
    Inside the caller's transaction; the caller counts the change (register_changed) at its end."""
    wanted = set(kinds)
    case.reintegration.exclude(kind__in=wanted).delete()
    known = set(case.reintegration.values_list("kind", flat=True))
    ReintegrationSupport.objects.bulk_create(
        [ReintegrationSupport(case=case, kind=kind) for kind in sorted(wanted - known)]
    )
    case.support_flags = support_flags_of(wanted)
    Case.objects.filter(pk=case.pk).update(support_flags=case.support_flags)


def case_support_refresh(case_ids: Iterable[int]) -> None:
    """Set Case.support_flags of these cases from their support rows as they are now (0 for none): for support
    changed by a path that did not keep the flags, such as SQL by hand (README)."""
    for chunk in _case_id_chunks(case_ids):
        kinds: dict[int, list[str]] = defaultdict(list)
        for case_id, kind in ReintegrationSupport.objects.filter(case_id__in=chunk).values_list("case_id", "kind"):
            kinds[case_id].append(kind)
        Case.objects.bulk_update(
            [Case(pk=case_id, support_flags=support_flags_of(kinds[case_id])) for case_id in chunk], ["support_flags"]
        )


def _person_delete_if_orphan(person: Person) -> None:
    # A person removed from the only case they were in was a typing mistake, not a record to keep.
    # Not one that others were confirmed to be (screening): the group would lose its first person.
    if not person.memberships.exists() and not Person.objects.filter(same_as=person).exists():
        person.delete()


@transaction.atomic
def case_transition(
    *,
    actor: User,
    case: Case,
    to_state: str,
    reason: str = "",
    expected_version: int | None = None,
    departed_on: datetime.date | None = None,
    departing_member_ids: Sequence[int] | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    """Move the case to `to_state` if the table allows it for this user; write the history row.

    A departure records the date and, per household member, whether they left or stayed behind
    (`departing_member_ids`; everyone when None).
    """
    source = case.state
    move = move_for(source, to_state)
    if move is None:
        raise TransitionNotAllowed(
            _("A case that is %(source)s cannot become %(target)s.")
            % {"source": CaseState(source).label.lower(), "target": CaseState(to_state).label.lower()}
            if to_state in CaseState.values
            else _("%(state)s is not a state of a case.") % {"state": to_state}
        )
    if move not in policy.allowed_moves(actor, case):
        raise TransitionNotAllowed(
            _("Your role does not allow this step on this case: %(action)s.") % {"action": move.label}
        )
    reason = reason.strip()
    if move.needs_reason and not reason:
        raise TransitionNotAllowed(
            _("This step needs a reason, kept in the history: %(action)s.") % {"action": move.label}
        )
    at, today = _moment(at)
    fields: dict[str, object] = {"state": to_state}
    if to_state == CaseState.REGISTERED:
        if case.departed_on is not None:
            raise TransitionNotAllowed(
                _("This household has departed; register a new application instead of reopening this one.")
            )
        fields["approved_on"] = None
        if case.registered_on is None:
            fields["registered_on"] = today
    elif to_state == CaseState.APPROVED:
        fields["approved_on"] = today
        _approval_check(case, decision_date=today)
    elif to_state == CaseState.DEPARTED:
        fields["departed_on"] = _departure_check(case=case, departed_on=departed_on, today=today)
        departing = _departing_members(case=case, departing_member_ids=departing_member_ids)
    _version_claim(case, case.version if expected_version is None else expected_version, fields, at=at)
    changes = []
    if to_state == CaseState.DEPARTED:
        changes = _members_depart(departing, departed_on=case.departed_on)
    if to_state == CaseState.APPROVED:
        # Approval stores the eligibility decision: the outcomes, their reasons, the facts and the rule version.
        decision = eligibility_services.decision_record(actor=actor, case=case, decision_date=today, at=at)
        changes.append({"field": "eligibility", "from": "", "to": f"v{decision.rule_version.number}"})
    _event(case=case, actor=actor, kind=CaseEventKind.TRANSITION, from_state=source, to_state=to_state,
           reason=reason, at=at, changes=changes)
    if to_state == CaseState.REGISTERED:
        # Every application is screened when it reaches the country office (people.screening, cases.screening).
        screening.case_screen(case=case, today=today)
    register_changed()
    return case


def _approval_check(case: Case, *, decision_date: datetime.date) -> None:
    """Approval needs the screening candidates of earlier returns reviewed, and return assistance for every
    person, by the rules or by a justified override."""
    if screening.review_needed(case):
        raise TransitionNotAllowed(
            _(
                "Screening found an earlier REAB return within five years that may be a member of this household: "
                "the eligibility decision needs review. Confirm or dismiss the candidates on the case page first."
            )
        )
    version = eligibility_selectors.rule_version_current()
    evaluations = eligibility_services.case_evaluations(case, decision_date=decision_date, version=version)
    refused = eligibility_services.refused_return_assistance(evaluations)
    if refused:
        raise TransitionNotAllowed(
            _(
                "Return assistance is not granted to %(persons)s under the rules in force (see Eligibility). "
                "Reject the application, or override the outcome with a written justification first."
            )
            % {"persons": ", ".join(refused)}
        )


def _departure_check(*, case: Case, departed_on: datetime.date | None, today: datetime.date) -> datetime.date:
    if departed_on is None:
        raise TransitionNotAllowed(_("Give the date of departure."))
    if departed_on > today:
        raise TransitionNotAllowed(_("The date of departure cannot be in the future."))
    if case.registered_on and departed_on < case.registered_on:
        raise TransitionNotAllowed(_("The date of departure cannot be before the application was registered."))
    return departed_on


def _departing_members(
    *, case: Case, departing_member_ids: Sequence[int] | None
) -> list[tuple[CaseMember, bool]]:
    """Each member with whether they leave (everyone when no list is given). Checked before anything is saved."""
    members = list(case.members.select_related("person"))
    ids = {member.pk for member in members}
    departing = ids if departing_member_ids is None else set(departing_member_ids)
    if departing - ids:
        raise TransitionNotAllowed(_("Only members of this household can depart with it."))
    if not departing:
        raise TransitionNotAllowed(_("At least one person of the household must depart."))
    return [(member, member.pk in departing) for member in members]


def _members_depart(
    departing: list[tuple[CaseMember, bool]], *, departed_on: datetime.date | None
) -> list[dict[str, str]]:
    """Record each person's outcome; returns who stayed behind, for the history."""
    members = []
    for member, leaves in departing:
        member.outcome = MemberOutcome.DEPARTED if leaves else MemberOutcome.STAYED
        member.departed_on = departed_on if leaves else None
        members.append(member)
    CaseMember.objects.bulk_update(members, ["outcome", "departed_on"])
    return [
        {"field": "stayed", "person": member.person.label, "from": "", "to": ""}
        for member in members
        if member.outcome == MemberOutcome.STAYED
    ]

