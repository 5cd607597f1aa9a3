"""The year report, computed from the cases by database aggregation (never by loading every case).

Counts are of persons unless a key says cases: `registered` is an application registered in the year, `departed`
a person who left in the year. A person counts for the programme, partner and category of their case.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
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


def _members(programme: str, cases: QuerySet[Case] | None) -> QuerySet[CaseMember]:
    members = CaseMember.objects.filter(case__programme__code=programme)
    if cases is not None:
        members = members.filter(case__in=cases)
    return members


def _with_support(members: QuerySet[CaseMember], kind: str | None = None) -> QuerySet[CaseMember]:
    support = ReintegrationSupport.objects.filter(case=OuterRef("case"))
    if kind:
        support = support.filter(kind=kind)
    return members.filter(Exists(support))


def _ranked(counts: list[tuple[str, int]], top: int) -> list[tuple[str, int]]:
    """Largest first; ties by the country's name in English, so that the JSON does not depend on a language."""
    with translation.override("en"):
        return sorted(counts, key=lambda item: (-item[1], str(Country(item[0]).name or item[0])))[:top]


def _by_destination(members: QuerySet[CaseMember]) -> list[tuple[str, int]]:
    return [(str(code), total) for code, total in
            members.order_by().values_list("case__destination").annotate(total=Count("id"))]


def _reab(year: int, cases: QuerySet[Case] | None) -> dict[str, Any]:
    members = _members("REAB", cases)
    registered = members.filter(case__registered_on__year=year)
    departed = members.filter(outcome=MemberOutcome.DEPARTED, departed_on__year=year)
    reintegration = _with_support(departed)
    departed_count, registered_count, reintegration_count = departed.count(), registered.count(), reintegration.count()

    top = _ranked(_by_destination(departed), 10)
    top_reintegration = _ranked(_by_destination(reintegration), 10)
    by_category = dict(departed.order_by().values_list("case__reab_category").annotate(total=Count("id")))
    categories = [category for category in ReabCategory.values]
    category_counts = [by_category.get(category, 0) for category in categories]
    registered_by_type = dict(registered.order_by().values_list("case__referring_partner__type")
                              .annotate(total=Count("id")))
    departed_by_type = dict(departed.order_by().values_list("case__referring_partner__type")
                            .annotate(total=Count("id")))
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
             "departed": departed_by_type.get(type_, 0)}
            for code, type_ in PARTNER_TYPES
        ],
    }


def _avrrl(year: int, cases: QuerySet[Case] | None) -> dict[str, Any]:
    departed = _members("AVRRL", cases).filter(outcome=MemberOutcome.DEPARTED, departed_on__year=year)
    top = _ranked(_by_destination(departed), 5)
    reintegration = _with_support(departed)
    microbusiness = _with_support(departed, ReintegrationKind.MICROBUSINESS)
    medical = _with_support(departed, ReintegrationKind.MEDICAL)

    def persons_and_cases(members: QuerySet[CaseMember]) -> dict[str, int]:
        totals = members.aggregate(persons=Count("id"), cases=Count("case", distinct=True))
        return {"cases": totals["cases"], "persons": totals["persons"]}

    return {
        "departed": departed.count(),
        "top_destinations": [{"country": code, "departed": total} for code, total in top],
        "top_destinations_total": {"departed": sum(total for _code, total in top)},
        "reintegration": persons_and_cases(reintegration),
        "microbusiness": persons_and_cases(microbusiness),
        "medical": {"persons": medical.count()},
    }


def year_report(year: int, cases: QuerySet[Case] | None = None) -> dict[str, Any]:
    """The figures of `year`, in the JSON form of docs/formats.md. `cases` limits them (None: the whole register)."""
    return {"year": year, "reab": _reab(year, cases), "avrrl": _avrrl(year, cases)}

