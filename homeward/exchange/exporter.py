"""Writing cases in the case exchange format, with the user's access: a partner exports only its cases.

Export → import into an empty register → export gives the same file: rows are ordered by case_ref, then the
principal first and the members by person_ref; references from an earlier import are kept.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from homeward.cases.models import Case, CaseEvent, CaseMember, CaseState, Relation
from homeward.exchange.rows import COLUMNS, REINTEGRATION_KINDS
from homeward.organisations.models import OrganisationType

# The format has no outcome for these: a draft was never submitted, a rejection is not a return.
NOT_EXPORTED = (CaseState.DRAFT, CaseState.REJECTED)
_OUTCOMES: dict[str, str] = {
    CaseState.DEPARTED: "DEPARTED", CaseState.WITHDRAWN: "WITHDRAWN", CaseState.NO_SHOW: "NO_SHOW",
}


def _outcome(case: Case) -> str:
    if case.departed_on is not None:
        return "DEPARTED"
    if case.state == CaseState.CLOSED:
        return _OUTCOMES.get(getattr(case, "closed_from", ""), "WITHDRAWN")
    return _OUTCOMES.get(case.state, "PENDING")


def exportable(cases: QuerySet[Case]) -> QuerySet[Case]:
    closed_from = CaseEvent.objects.filter(case=OuterRef("pk"), to_state=CaseState.CLOSED).order_by("-at", "-id")
    return (
        cases.exclude(state__in=NOT_EXPORTED)
        .annotate(closed_from=Subquery(closed_from.values("from_state")[:1]))
        .exclude(state=CaseState.CLOSED, closed_from=CaseState.REJECTED)
        .select_related("programme", "referring_partner")
        .prefetch_related(
            Prefetch("members", queryset=CaseMember.objects.select_related("person").prefetch_related(
                "vulnerabilities")),
            "reintegration",
        )
    )


def _person_ref(member: CaseMember) -> str:
    return member.person.source_ref or f"P{member.person.pk}"


def export_rows(cases: QuerySet[Case], *, asylum_details: bool = True) -> Iterator[list[str]]:
    """The rows of the file; `asylum_details` False (users who may not see them: offices abroad, programme
    managers) leaves the REAB category empty, as the case page hides it from them."""
    yield list(COLUMNS)
    ordered = sorted(exportable(cases).iterator(chunk_size=2000),
                     key=lambda case: case.source_ref or case.reference)
    for case in ordered:
        partner_type = case.referring_partner.type
        if partner_type == OrganisationType.COUNTRY_OFFICE:
            partner_type = "IOM"
        kinds = sorted((item.kind for item in case.reintegration.all()), key=REINTEGRATION_KINDS.index)
        members = sorted(case.members.all(), key=lambda member: (member.relation != Relation.PRINCIPAL,
                                                                 _person_ref(member)))
        for member in members:
            person = member.person
            yield [
                case.source_ref or case.reference,
                case.programme.code,
                case.referring_partner.name,
                partner_type,
                case.registered_on.isoformat() if case.registered_on else "",
                _person_ref(member),
                "PRINCIPAL" if member.relation == Relation.PRINCIPAL else "MEMBER",
                person.family_name,
                person.given_names,
                person.sex,
                person.date_of_birth.isoformat() if person.date_of_birth else "",
                str(person.nationality or ""),
                case.reab_category if asylum_details else "",
                str(case.destination),
                _outcome(case),
                case.departed_on.isoformat() if case.departed_on else "",
                ";".join(kinds),
                "yes" if member.vulnerabilities.all() else "no",
            ]


def export_csv(cases: QuerySet[Case], stream: IO[str] | Any, *, asylum_details: bool = True) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    count = -1
    for count, row in enumerate(export_rows(cases, asylum_details=asylum_details)):  # noqa: B007 - the count is the result
        writer.writerow(row)
    return count
