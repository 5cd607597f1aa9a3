"""The year report, computed from the cases by database aggregation (never by loading every case).

Counts are of persons unless a key says cases: `registered` is an application registered in the year, `departed`
a person who left in the year. A person counts for the programme, partner and category of their case. The database
groups the year's persons once by everything the tables break them down by; the tables are sums over those groups.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import QuerySet, Sum
from django.utils import translation
from django_countries.fields import Country

from homeward.cases.models import Case, CaseMember, MemberOutcome, ReabCategory, SupportFlags
from homeward.organisations.models import Organisation, OrganisationType, Programme
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


class _Group(NamedTuple):
    """Departed persons of the year sharing everything the report breaks them down by."""

    programme: str
    destination: str
    category: str
    partner_type: str
    supported: bool  # the case had some reintegration support (Case.support_flags)
    microbusiness: bool
    medical: bool
    persons: int
    cases: int


# The bits of Case.support_flags as plain integers: an IntFlag's & goes through the enum machinery for every group.
_ANY, _MICROBUSINESS, _MEDICAL = int(SupportFlags.ANY), int(SupportFlags.MICROBUSINESS), int(SupportFlags.MEDICAL)


def _departed(year: int, cases: QuerySet[Case] | None) -> list[_Group]:
    """The year's departed persons in one statement: the departed members of the year counted per case (from the
    index of departures alone on PostgreSQL), then their cases grouped. Members of one case share its programme,
    destination, category, partner and support (Case.support_flags), so a case falls in one group, and counting the
    cases of a group needs no DISTINCT. SQL, because the ORM cannot group over a grouped subquery; `cases` (those
    the reader may see) comes in from the ORM."""
    quote = connection.ops.quote_name
    members, case_table, programmes, organisations = (
        quote(model._meta.db_table) for model in (CaseMember, Case, Programme, Organisation)
    )
    visible, visible_params = "", ()
    if cases is not None:
        # elide_empty=False: cases that can match nothing (cases_visible_to's none()) compile to "0 = 1" instead of
        # raising EmptyResultSet.
        compiler = cases.order_by().values("pk").query.get_compiler(connection=connection, elide_empty=False)
        subquery, visible_params = compiler.as_sql()
        visible = f"WHERE c.id IN ({subquery})"
    sql = f"""
        SELECT p.code, c.destination, c.reab_category, o.type, c.support_flags, SUM(d.persons), COUNT(*)
        FROM (SELECT case_id, COUNT(*) AS persons FROM {members}
              WHERE outcome = %s AND departed_on BETWEEN %s AND %s GROUP BY case_id) d
        JOIN {case_table} c ON c.id = d.case_id
        JOIN {programmes} p ON p.id = c.programme_id
        JOIN {organisations} o ON o.id = c.referring_partner_id
        {visible}
        GROUP BY p.code, c.destination, c.reab_category, o.type, c.support_flags
    """
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    params: list[Any] = [MemberOutcome.DEPARTED, first, last, *visible_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [_Group(programme, str(destination), category, partner_type, bool(flags & _ANY),
                   bool(flags & _MICROBUSINESS), bool(flags & _MEDICAL), int(persons), cases_)
            for programme, destination, category, partner_type, flags, persons, cases_ in rows]


def _registered(year: int, cases: QuerySet[Case] | None) -> dict[tuple[str, str], int]:
    """Persons of the applications registered in the year, by programme and partner type (each case row knows its
    household's size: Case.persons; on PostgreSQL the index of registrations holds what is grouped)."""
    registered = (Case.objects.all() if cases is None else cases).filter(registered_on__year=year).order_by()
    rows = (registered.values_list("programme__code", "referring_partner__type")
            .annotate(registered_persons=Sum("persons")))
    return {(programme, partner_type): persons for programme, partner_type, persons in rows}


def _by(groups: list[_Group], attribute: str, key: str = "persons") -> Counter[Any]:
    """The groups' persons (or cases) added up by one of their attributes."""
    totals: Counter[Any] = Counter()
    for group in groups:
        totals[getattr(group, attribute)] += getattr(group, key)
    return totals


def _ranked(groups: list[_Group], top: int) -> list[tuple[str, int]]:
    """Persons by destination, largest first; ties by the country's name in English, so that the JSON does not
    depend on a language (names looked up only for the destinations that can make the top)."""
    counts = sorted(_by(groups, "destination").items(), key=lambda item: -item[1])
    if len(counts) > top:
        counts = [item for item in counts if item[1] >= counts[top - 1][1]]
    with translation.override("en"):
        names = {code: str(Country(code).name or code) for code, _count in counts}
    return sorted(counts, key=lambda item: (-item[1], names[item[0]]))[:top]


def _reab(groups: list[_Group], registered_by_type: dict[str, int]) -> dict[str, Any]:
    supported = [group for group in groups if group.supported]
    departed_count = sum(group.persons for group in groups)
    registered_count = sum(registered_by_type.values())
    reintegration_count = sum(group.persons for group in supported)
    top = _ranked(groups, 10)
    top_reintegration = _ranked(supported, 10)
    categories = list(ReabCategory.values)
    by_category = _by(groups, "category")
    category_counts = [by_category[category] for category in categories]
    by_partner_type = _by(groups, "partner_type")
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
             "departed": by_partner_type[type_]}
            for code, type_ in PARTNER_TYPES
        ],
    }


def _avrrl(groups: list[_Group]) -> dict[str, Any]:
    top = _ranked(groups, 5)

    def persons_and_cases(kind: str) -> dict[str, int]:
        chosen = [group for group in groups if getattr(group, kind)]
        return {"cases": sum(group.cases for group in chosen), "persons": sum(group.persons for group in chosen)}

    return {
        "departed": sum(group.persons for group in groups),
        "top_destinations": [{"country": code, "departed": total} for code, total in top],
        "top_destinations_total": {"departed": sum(total for _code, total in top)},
        "reintegration": persons_and_cases("supported"),
        "microbusiness": persons_and_cases("microbusiness"),
        "medical": {"persons": persons_and_cases("medical")["persons"]},
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

