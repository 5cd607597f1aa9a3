"""Importing a checked case file into the register: whole or not at all, idempotent, updating by case_ref.

Historical rows are facts: they are not re-judged against today's eligibility rules or walked through the
workflow. New households are written in bulk (the fast path a large agency's history needs); households already
imported are compared with the file and updated only where the file differs.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

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
    Vulnerability,
    support_flags_of,
)
from homeward.cases.services import case_household_refresh, case_support_set, cases_sharing_persons
from homeward.core.changes import register_changed
from homeward.core.errors import NotPermitted
from homeward.core.references import reference_drawn
from homeward.exchange.bulk import (
    collector_resting,
    history_load,
    ids_allocate,
    moment_value,
    rows_insert,
    rows_matching,
    session_tune_for_bulk,
    tables_analyze,
)
from homeward.exchange.rows import CaseRows, FileErrors, PersonRow, RowError
from homeward.organisations.models import Organisation, OrganisationType, Programme, Role, User
from homeward.people.models import DatePrecision, Person
from homeward.people.names import household_search_names, search_name_for
from homeward.people.screening.index import screen_keys

COMPARE_BATCH = 500  # cases already in the register, compared per query (also the size of the IN lists)
CREATE_BATCH = 10_000  # new cases written per round of COPY statements: long streams, few round trips
ANALYZE_AFTER = 10_000  # cases created by one import
HISTORY_LOAD_AFTER = 10_000  # new cases from which an import into a smaller register is a history load
TABLES = (Case, Person, CaseMember, MemberVulnerability, ReintegrationSupport, CaseEvent)  # those an import writes
STATES = {
    "DEPARTED": CaseState.DEPARTED,
    "WITHDRAWN": CaseState.WITHDRAWN,
    "NO_SHOW": CaseState.NO_SHOW,
    "PENDING": CaseState.REGISTERED,
}
PARTNER_TYPES = {"IOM": OrganisationType.COUNTRY_OFFICE}  # the rest are the organisation types' own codes
PROGRAMME_COUNTRY = {"REAB": "BE", "AVRRL": "LU"}


@dataclass
class ImportResult:
    cases_created: int = 0
    cases_updated: int = 0
    cases_unchanged: int = 0
    persons: int = 0
    history_load: bool = False  # written along the fast path of exchange.bulk.history_load


def _organisation_type(partner_type: str) -> str:
    return PARTNER_TYPES.get(partner_type, partner_type)


def _partners(cases: list[CaseRows]) -> dict[str, Organisation]:
    """The referring organisations by name, created on first sight; a name known with another type is an error."""
    wanted: dict[str, CaseRows] = {}
    for case in cases:
        wanted.setdefault(case.referring_partner, case)
    existing = {org.name: org for org in Organisation.objects.filter(name__in=list(wanted))}
    errors = []
    for name, case in wanted.items():
        organisation = existing.get(name)
        if organisation is not None and organisation.type != _organisation_type(case.partner_type):
            errors.append(
                RowError(
                    case.line,
                    "partner_type",
                    _("%(partner)s is registered as %(type)s, not %(here)s")
                    % {"partner": name, "type": organisation.type, "here": case.partner_type},
                )
            )
    if errors:
        raise FileErrors(errors)
    new = [
        Organisation(name=name, type=_organisation_type(case.partner_type), country=PROGRAMME_COUNTRY[case.programme])
        for name, case in wanted.items()
        if name not in existing
    ]
    for organisation in Organisation.objects.bulk_create(new):
        existing[organisation.name] = organisation
    if any(organisation.pk is None for organisation in existing.values()):  # databases that return no keys
        existing = {org.name: org for org in Organisation.objects.filter(name__in=list(wanted))}
    return existing


def _person_fields(row: PersonRow) -> dict[str, object]:
    return {
        "family_name": row.family_name,
        "given_names": row.given_names,
        "sex": row.sex,
        "date_of_birth": row.date_of_birth,
        "date_of_birth_precision": DatePrecision.DAY if row.date_of_birth else DatePrecision.UNKNOWN,
        "nationality": row.nationality,
        "search_name": search_name_for(family_name=row.family_name, given_names=row.given_names),
        **dict(zip(("screen_family", "screen_given", "birth_year"), _screen_keys(row), strict=True)),
    }


def _screen_keys(row: PersonRow) -> tuple[str, str, int | None]:
    return screen_keys(row.family_name, row.given_names, row.date_of_birth,
                       DatePrecision.DAY if row.date_of_birth else DatePrecision.UNKNOWN)


def _case_fields(case: CaseRows, programmes: dict[str, Programme], partners: dict[str, Organisation]) -> dict:
    return {
        "programme_id": programmes[case.programme].pk,
        "referring_partner_id": partners[case.referring_partner].pk,
        "reab_category": case.reab_category,
        "destination": case.destination,
        "state": STATES[case.outcome],
        "registered_on": case.registered_on,
        "departed_on": case.departed_on,
    }


def _signature_of_file(case: CaseRows, fields: dict) -> tuple:
    persons = tuple(
        sorted(
            (
                row.person_ref,
                row.is_principal,
                row.family_name,
                row.given_names,
                row.sex,
                row.date_of_birth,
                row.nationality,
                row.vulnerable,
            )
            for row in case.persons
        )
    )
    return (tuple(sorted(fields.items())), case.reintegration, persons)


def _signature_of_register(case: Case) -> tuple:
    fields = {
        "programme_id": case.programme_id,
        "referring_partner_id": case.referring_partner_id,
        "reab_category": case.reab_category,
        "destination": str(case.destination),
        "state": case.state,
        "registered_on": case.registered_on,
        "departed_on": case.departed_on,
    }
    persons = tuple(
        sorted(
            (
                member.person.source_ref,
                member.relation == Relation.PRINCIPAL,
                member.person.family_name,
                member.person.given_names,
                member.person.sex,
                member.person.date_of_birth,
                str(member.person.nationality),
                bool(member.vulnerable),  # type: ignore[attr-defined]  # annotated in cases_import
            )
            for member in case.members.all()
        )
    )
    kinds = tuple(sorted((item.kind for item in case.reintegration.all()), key=_KIND_ORDER.index))
    return (tuple(sorted(fields.items())), kinds, persons)


_KIND_ORDER = ["MICROBUSINESS", "EDUCATION", "HOUSING", "MEDICAL", "WAGE_SUBSIDY", "JOB_PLACEMENT"]


def _free_references(cases: list[CaseRows], rng: random.Random, in_use: set[str] | None) -> list[str]:
    """A new readable reference per case, by the year of registration, none already in use nor given twice.
    `in_use`: every reference in the register, where nobody else can add one meanwhile (a history load holds the
    tables): the drawn references are checked against it, and added to it, instead of asked of the database."""
    references = [reference_drawn(case.registered_on.year, rng) for case in cases]
    redraw = list(range(len(references)))
    while redraw:
        if in_use is None:
            taken = {row[0] for row in rows_matching(Case, "reference", [references[index] for index in redraw],
                                                      ("reference",))}
        else:
            taken = in_use
        seen: set[str] = set()
        clashes = []
        for index, reference in enumerate(references):
            if reference in taken or reference in seen:
                clashes.append(index)
            seen.add(reference)
        for index in clashes:
            references[index] = reference_drawn(cases[index].registered_on.year, rng)
        redraw = clashes
    if in_use is not None:
        in_use.update(references)
    return references


def _member_outcome(case: CaseRows) -> tuple[str, datetime.date | None]:
    if case.outcome == "DEPARTED":
        return MemberOutcome.DEPARTED, case.departed_on
    return MemberOutcome.PENDING, None


@dataclass
class _Writing:
    """What writing new households (`_create`, round after round) needs and carries from one round to the next."""

    actor: User
    programmes: dict[str, Programme]
    partners: dict[str, Organisation]
    person_ids: dict[str, int]  # the register's persons by person_ref, joined by those created
    rng: random.Random
    now: datetime.datetime
    exclusive: bool  # inside `history_load`: nobody else writes the tables until the commit
    references_in_use: set[str] | None = field(init=False, default=None)  # the register's, where `exclusive`
    now_value: object = field(init=False)  # `now` as rows_insert writes it
    moments: dict[datetime.date, object] = field(default_factory=dict)  # the cases' days, as rows_insert writes them

    def __post_init__(self) -> None:
        self.now_value = moment_value(self.now)
        if self.exclusive:
            self.references_in_use = set(Case.objects.values_list("reference", flat=True))

    def fact_moment(self, case: CaseRows) -> object:
        """Imported history is dated by its own last fact (departure or registration), not by the day of the
        import, so that it stays behind the live cases in lists sorted by last change. The same few thousand days
        recur over a whole history: each is made ready for the database once."""
        day = case.departed_on or case.registered_on
        moment = self.moments.get(day)
        if moment is None:
            zone = timezone.get_current_timezone()
            moment = self.moments[day] = moment_value(datetime.datetime.combine(day, datetime.time(12), tzinfo=zone))
        return moment


def _create(new: list[CaseRows], writing: _Writing) -> None:
    """Write new households as plain rows (see exchange.bulk): the fast path for a large history."""
    person_ids, now = writing.person_ids, writing.now_value
    references = _free_references(new, writing.rng, writing.references_in_use)
    case_ids = ids_allocate(Case, len(new), exclusive=writing.exclusive)
    households = [case.persons for case in new]  # the principal first (CaseRows)
    fresh = {row.person_ref: row for case in new for row in case.persons if row.person_ref not in person_ids}
    # The persons' search names: those of the new persons from the file, those already registered as they stand.
    names = {ref: search_name_for(family_name=row.family_name, given_names=row.given_names)
             for ref, row in fresh.items()}
    known = [row.person_ref for household in households for row in household if row.person_ref not in fresh]
    names.update(rows_matching(Person, "source_ref", known, ("source_ref", "search_name")))
    rows = []
    for case, household, reference, case_id in zip(new, households, references, case_ids, strict=True):
        fields = _case_fields(case, writing.programmes, writing.partners)
        rows.append((
            case_id, reference, case.case_ref, fields["programme_id"], fields["referring_partner_id"],
            case.reab_category, "", case.destination, False, fields["state"], case.registered_on, None,
            case.departed_on, "", household_search_names(names[row.person_ref] for row in household), len(household),
            support_flags_of(case.reintegration), 1, writing.actor.pk, now, writing.fact_moment(case),
        ))
    rows_insert(Case, CASE_COLUMNS, rows)

    fresh_ids = dict(zip(fresh, ids_allocate(Person, len(fresh), exclusive=writing.exclusive), strict=True))
    rows_insert(Person, PERSON_COLUMNS, (
        (fresh_ids[ref], row.family_name, row.given_names, row.sex, row.date_of_birth,
         DatePrecision.DAY if row.date_of_birth else DatePrecision.UNKNOWN, row.nationality, "", names[ref],
         *_screen_keys(row), ref, now, now)
        for ref, row in fresh.items()
    ))
    person_ids.update(fresh_ids)

    members = [
        (case_id, row, position)
        for household, case_id in zip(households, case_ids, strict=True)
        for position, row in enumerate(household)
    ]
    member_ids = ids_allocate(CaseMember, len(members), exclusive=writing.exclusive)
    outcomes = {case_id: _member_outcome(case) for case, case_id in zip(new, case_ids, strict=True)}
    rows_insert(CaseMember, MEMBER_COLUMNS, (
        (member_id, case_id, person_ids[row.person_ref],
         Relation.PRINCIPAL if row.is_principal else Relation.NOT_RECORDED, *outcomes[case_id], False, False,
         position)
        for member_id, (case_id, row, position) in zip(member_ids, members, strict=True)
    ))
    rows_insert(MemberVulnerability, ("member_id", "kind"), (
        (member_id, Vulnerability.UNSPECIFIED)
        for member_id, (_case_id, row, _position) in zip(member_ids, members, strict=True)
        if row.vulnerable
    ))
    rows_insert(ReintegrationSupport, ("case_id", "kind"), (
        (case_id, kind) for case, case_id in zip(new, case_ids, strict=True) for kind in case.reintegration
    ))
    rows_insert(CaseEvent, EVENT_COLUMNS, (
        (case_id, CaseEventKind.IMPORT, writing.actor.pk, now, "", STATES[case.outcome], "", "[]")
        for case, case_id in zip(new, case_ids, strict=True)
    ))


CASE_COLUMNS = (
    "id", "reference", "source_ref", "programme_id", "referring_partner_id", "reab_category", "avrrl_status",
    "destination", "has_means_to_return", "state", "registered_on", "approved_on", "departed_on", "notes",
    "search_names", "persons", "support_flags", "version", "created_by_id", "created_at", "updated_at",
)
PERSON_COLUMNS = (
    "id", "family_name", "given_names", "sex", "date_of_birth", "date_of_birth_precision", "nationality",
    "language", "search_name", "screen_family", "screen_given", "birth_year", "source_ref", "created_at", "updated_at",
)
MEMBER_COLUMNS = (
    "id", "case_id", "person_id", "relation", "outcome", "departed_on", "recognised_refugee",
    "uam_identified_before_18", "position",
)
EVENT_COLUMNS = ("case_id", "kind", "actor_id", "at", "from_state", "to_state", "reason", "changes")


def _update(
    case: CaseRows,
    existing: Case,
    *,
    actor: User,
    fields: dict,
    persons_by_ref: dict[str, Person],
    now: datetime.datetime,
) -> None:
    """Bring an imported case in line with a later file: its fields, its persons, its members, its support."""
    changes = [
        {"field": name, "from": str(getattr(existing, name) or ""), "to": str(value or "")}
        for name, value in fields.items()
        if str(getattr(existing, name) or "") != str(value or "")
    ]
    Case.objects.filter(pk=existing.pk).update(version=existing.version + 1, updated_at=now, **fields)
    outcome, departed_on = _member_outcome(case)
    current = {member.person.source_ref: member for member in existing.members.all()}
    wanted = {row.person_ref for row in case.persons}
    for ref, member in current.items():
        if ref not in wanted:
            member.delete()
            changes.append({"field": "member", "from": member.person.label, "to": ""})
    for position, row in enumerate(case.persons):  # the principal first (CaseRows)
        person = persons_by_ref.get(row.person_ref)
        if person is None:
            person = Person.objects.create(source_ref=row.person_ref, **_person_fields(row))
            persons_by_ref[row.person_ref] = person
        else:
            Person.objects.filter(pk=person.pk).update(**_person_fields(row))
        relation = Relation.PRINCIPAL if row.is_principal else Relation.NOT_RECORDED
        member, created = CaseMember.objects.update_or_create(
            case=existing,
            person=person,
            defaults={"relation": relation, "position": position, "outcome": outcome, "departed_on": departed_on},
        )
        if created:
            changes.append({"field": "member", "from": "", "to": person.label})
        has_flag = member.vulnerabilities.exists()
        if row.vulnerable and not has_flag:
            MemberVulnerability.objects.create(member=member, kind=Vulnerability.UNSPECIFIED)
        elif not row.vulnerable and has_flag:
            member.vulnerabilities.all().delete()
    case_support_set(existing, case.reintegration)
    CaseEvent.objects.create(
        case=existing,
        actor=actor,
        kind=CaseEventKind.IMPORT,
        at=now,
        from_state=existing.state,
        to_state=fields["state"],
        changes=changes,
    )


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def cases_import(
    *, actor: User, cases: list[CaseRows], progress: Callable[[int], None] | None = None, seed: int | None = None,
    history: bool = False,
) -> ImportResult:
    """Write the checked households. All or nothing: an error anywhere leaves the register as it was. `history`:
    the operator's request for a history load (exchange.bulk.history_load), for a first load while nobody works."""
    if not actor.has_role(Role.ADMINISTRATOR):
        raise NotPermitted(_("Only an administrator can import case files."))
    result = ImportResult()
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        session_tune_for_bulk()
        programmes = {programme.code: programme for programme in Programme.objects.all()}
        partners = _partners(cases)
        case_ids = _by_source_ref(Case, [case.case_ref for case in cases])
        person_ids = _by_source_ref(Person, [row.person_ref for case in cases for row in case.persons])
        new = [case for case in cases if case.case_ref not in case_ids]
        # Written first: the foreign keys can only be set aside before this transaction has touched their tables.
        load = result.history_load = _is_history_load(new, asked=history)
        with history_load(TABLES) if load else nullcontext(), collector_resting():  # plain rows, no cycles
            writing = _Writing(actor, programmes, partners, person_ids, rng, now, exclusive=load)
            for chunk in _chunks(new, CREATE_BATCH):
                _create(chunk, writing)
                result.cases_created += len(chunk)
                _count(result, chunk, progress)
        for chunk in _chunks([case for case in cases if case.case_ref in case_ids], COMPARE_BATCH):
            registered = Case.objects.filter(pk__in=[case_ids[case.case_ref] for case in chunk]).prefetch_related(
                Prefetch("members", queryset=CaseMember.objects.select_related("person").annotate(
                    vulnerable=Exists(MemberVulnerability.objects.filter(member=OuterRef("pk"))))),
                "reintegration",
            )
            existing = {case.source_ref: case for case in registered}
            refs = [row.person_ref for case in chunk for row in case.persons if row.person_ref in person_ids]
            persons_by_ref = {person.source_ref or "": person for person in Person.objects.filter(source_ref__in=refs)}
            updated = []
            for case in chunk:
                fields = _case_fields(case, programmes, partners)
                found = existing[case.case_ref]
                if _signature_of_file(case, fields) == _signature_of_register(found):
                    result.cases_unchanged += 1
                else:
                    _update(case, found, actor=actor, fields=fields, persons_by_ref=persons_by_ref, now=now)
                    updated.append(found.pk)
                    result.cases_updated += 1
            # Their households' names, and those of other cases their persons are in (a name the file corrected).
            case_household_refresh(cases_sharing_persons(updated))
            person_ids.update((ref, person.pk) for ref, person in persons_by_ref.items())
            _count(result, chunk, progress)
        if result.cases_created >= ANALYZE_AFTER:
            # Fresh statistics, or the planner treats the new millions of rows as an empty table; and the small
            # tables the cases point to, which autovacuum never analyses (too few rows change): without theirs the
            # planner took REAB for one case in 150 and the year report's aggregation ran ten times slower.
            tables_analyze((*TABLES, Programme, Organisation))
        if result.cases_created or result.cases_updated:
            register_changed()
    return result


def _by_source_ref(model: type[Case] | type[Person], refs: list[str]) -> dict[str, int]:
    """The keys of the rows imported before under these references. None in a register nothing was imported into
    (a first load): then no query with a million references."""
    if not model.objects.filter(source_ref__isnull=False).exists():
        return {}
    return dict(rows_matching(model, "source_ref", refs, ("source_ref", "id")))


def _is_history_load(new: list[CaseRows], *, asked: bool) -> bool:
    """A history load (`history_load`, exchange.bulk) when the operator asked for one and the file brings more cases
    than the register holds; otherwise the ordinary path, with its checks per row and short locks."""
    return asked and len(new) >= HISTORY_LOAD_AFTER and len(new) >= Case.objects.count()


def _count(result: ImportResult, chunk: list[CaseRows], progress: Callable[[int], None] | None) -> None:
    persons = sum(len(case.persons) for case in chunk)
    result.persons += persons
    if progress:
        progress(persons)
