"""The year report, computed from the cases by database aggregation (never by loading every case).

Counts are of persons unless a key says cases: `registered` is an application registered in the year, `departed`
a person who left in the year. A person counts for the programme, partner and category of their case. The database
groups the year's persons once by everything the tables break them down by; the tables are sums over those groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as SqlCase  # the expression, not the model
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import translation
from django_countries.fields import Country

from homeward.cases.models import Case, CaseMember, MemberOutcome, ReabCategory, ReintegrationKind, ReintegrationSupport
from homeward.organisations.models import OrganisationType
from homeward.reports.percent import percent, percents_largest_remainder

# The seed's order of the partner types; the country office is "IOM" in the report and the exchange format.
PARTNER_TYPES = [
    ("NGO", OrganisationType.NGO),
    ("FEDASIL_CENTRE", OrganisationType.FEDASIL_CENTRE),
    ("IMMIGRATION_OFFICE", OrganisationType.IMMIGRATION_OFFICE),
    ("RED_CROSS_CENTRE", OrganisationType.RED_CROSS_CENTRE),
    ("CITY", OrganisationType.CITY),
    ("IOM", OrganisationType.COUNTRY_OFFICE),
]


@dataclass(frozen=True)
class _Group:
    """Departed persons of the year sharing everything the report breaks them down by."""

    programme: str
    destination: str
    category: str
    partner_type: str
    supported: bool  # the case had some reintegration support
    microbusiness: bool
    medical: bool
    persons: int
    cases: int


def _members(cases: QuerySet[Case] | None) -> QuerySet[CaseMember]:
    members = CaseMember.objects.all()
    if cases is not None:
        members = members.filter(case__in=cases)
    return members.order_by()


# What support a departed person's case had, in one look-up per person (not one per kind): a case has each kind at most
# once (unique_case_reintegration_kind), so the sum below tells them apart.
SUPPORTED, MICROBUSINESS, MEDICAL = 4, 1, 2


def _support() -> Coalesce:
    """SUPPORTED if the case had any reintegration support, plus MICROBUSINESS and MEDICAL for those; 0 for none."""
    kinds = (
        ReintegrationSupport.objects.filter(case=OuterRef("case")).order_by().values("case")
        .annotate(code=Sum(SqlCase(When(kind=ReintegrationKind.MICROBUSINESS, then=Value(MICROBUSINESS)),
                                 When(kind=ReintegrationKind.MEDICAL, then=Value(MEDICAL)), default=Value(0)))
                  + SUPPORTED)
        .values("code")
    )
    return Coalesce(Subquery(kinds, output_field=IntegerField()), Value(0))


def _departed(year: int, cases: QuerySet[Case] | None) -> list[_Group]:
    """The year's departed persons in one grouped query: every breakdown of the report is a sum over these groups.
    Members of one case share its destination, category, partner and support, so a case falls in one group and
    the groups' distinct cases add up."""
    rows = (
        _members(cases)
        .filter(outcome=MemberOutcome.DEPARTED, departed_on__year=year)
        .annotate(support=_support())
        .values_list("case__programme__code", "case__destination", "case__reab_category",
                     "case__referring_partner__type", "support")
        .annotate(persons=Count("id"), cases=Count("case", distinct=True))
    )
    return [_Group(programme, str(destination), category, partner_type, bool(support & SUPPORTED),
                   bool(support & MICROBUSINESS), bool(support & MEDICAL), persons, cases)
            for programme, destination, category, partner_type, support, persons, cases in rows]


def _registered(year: int, cases: QuerySet[Case] | None) -> dict[tuple[str, str], int]:
    """Persons of the applications registered in the year, by programme and partner type (each case row knows its
    household's size: Case.persons)."""
    registered = (Case.objects.all() if cases is None else cases).filter(registered_on__year=year).order_by()
    rows = (registered.values_list("programme__code", "referring_partner__type")
            .annotate(registered_persons=Sum("persons")))
    return {(programme, partner_type): persons for programme, partner_type, persons in rows}


def _total(groups: list[_Group], key: str = "persons", **where: Any) -> int:
    return sum(getattr(group, key) for group in groups if all(getattr(group, name) == value
                                                             for name, value in where.items()))


def _ranked(groups: list[_Group], top: int, **where: Any) -> list[tuple[str, int]]:
    """Persons by destination, largest first; ties by the country's name in English, so that the JSON does not
    depend on a language."""
    counts: dict[str, int] = defaultdict(int)
    for group in groups:
        if all(getattr(group, name) == value for name, value in where.items()):
            counts[group.destination] += group.persons
    with translation.override("en"):
        return sorted(counts.items(), key=lambda item: (-item[1], str(Country(item[0]).name or item[0])))[:top]


def _reab(groups: list[_Group], registered_by_type: dict[str, int]) -> dict[str, Any]:
    departed_count = _total(groups)
    registered_count = sum(registered_by_type.values())
    reintegration_count = _total(groups, supported=True)
    top = _ranked(groups, 10)
    top_reintegration = _ranked(groups, 10, supported=True)
    categories = list(ReabCategory.values)
    category_counts = [_total(groups, category=category) for category in categories]
    return {
        "registered": registered_count,
        "departed": departed_count,
        "effective_return_rate_pct": percent(departed_count, registered_count),
        "reintegration": {"persons": reintegration_count,
                          "share_of_departed_pct": percent(reintegration_count, departed_count)},
        "top_destinations": [{"country": code, "departed": total, "pct": percent(total, departed_count)}
                             for code, total in top],
        "top_destinations_total": {"departed": sum(total for _code, total in top),
                                   "pct": percent(sum(total for _code, total in top), departed_count)},
        "top_reintegration_destinations": [
            {"country": code, "persons": total, "pct": percent(total, reintegration_count)}
            for code, total in top_reintegration
        ],
        "top_reintegration_total": {
            "persons": sum(total for _code, total in top_reintegration),
            "pct": percent(sum(total for _code, total in top_reintegration), reintegration_count),
        },
        "by_category": [
            {"category": category, "departed": count, "pct": pct}
            for category, count, pct in zip(categories, category_counts,
                                            percents_largest_remainder(category_counts), strict=True)
        ],
        "by_partner_type": [
            {"partner_type": code, "registered": registered_by_type.get(type_, 0),
             "departed": _total(groups, partner_type=type_)}
            for code, type_ in PARTNER_TYPES
        ],
    }


def _avrrl(groups: list[_Group]) -> dict[str, Any]:
    top = _ranked(groups, 5)

    def persons_and_cases(**where: Any) -> dict[str, int]:
        return {"cases": _total(groups, "cases", **where), "persons": _total(groups, **where)}

    return {
        "departed": _total(groups),
        "top_destinations": [{"country": code, "departed": total} for code, total in top],
        "top_destinations_total": {"departed": sum(total for _code, total in top)},
        "reintegration": persons_and_cases(supported=True),
        "microbusiness": persons_and_cases(microbusiness=True),
        "medical": {"persons": _total(groups, medical=True)},
    }


def year_report(year: int, cases: QuerySet[Case] | None = None) -> dict[str, Any]:
    """The figures of `year`, in the JSON form of docs/formats.md. `cases` limits them (None: the whole register).
    Two queries, whatever the size of the register: the departed persons and the registered cases, grouped."""
    departed = _departed(year, cases)  # (PostgreSQL's JIT compiler is off for Homeward's connections: settings)
    registered = _registered(year, cases)
    return {
        "year": year,
        "reab": _reab([group for group in departed if group.programme == "REAB"],
                      {type_: persons for (programme, type_), persons in registered.items() if programme == "REAB"}),
        "avrrl": _avrrl([group for group in departed if group.programme == "AVRRL"]),
    }

