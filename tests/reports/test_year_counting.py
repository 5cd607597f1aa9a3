"""What the year report counts, with households that went through the real workflow on past dates.

Persons, not cases; `registered` by the date the application was registered, `departed` by each person's
departure; a person counts for the programme, partner type and category of its case.
"""

from __future__ import annotations

import datetime

from django.utils import translation

from homeward.cases.models import CaseState
from homeward.organisations.models import OrganisationType
from homeward.reports.year import year_report
from tests.factories import OrganisationFactory

D = datetime.date
S = CaseState
PARTNER_TYPES = ["NGO", "FEDASIL_CENTRE", "IMMIGRATION_OFFICE", "RED_CROSS_CENTRE", "CITY", "IOM"]


def by_partner_type(**counts: tuple[int, int]) -> list[dict]:
    """The partner-type table, every type in the report's order; `counts` gives (registered, departed) per type."""
    return [{"partner_type": code, "registered": counts.get(code, (0, 0))[0], "departed": counts.get(code, (0, 0))[1]}
            for code in PARTNER_TYPES]


def by_category(withdrawn: tuple[int, int] = (0, 0), rejected: tuple[int, int] = (0, 0),
                non_asylum: tuple[int, int] = (0, 0)) -> list[dict]:
    """The category table; each argument is (departed, pct)."""
    return [
        {"category": "ASYLUM_WITHDRAWN", "departed": withdrawn[0], "pct": withdrawn[1]},
        {"category": "ASYLUM_REJECTED", "departed": rejected[0], "pct": rejected[1]},
        {"category": "NON_ASYLUM", "departed": non_asylum[0], "pct": non_asylum[1]},
    ]


EMPTY_REAB = {
    "registered": 0, "departed": 0, "effective_return_rate_pct": 0,
    "reintegration": {"persons": 0, "share_of_departed_pct": 0},
    "top_destinations": [], "top_destinations_total": {"departed": 0, "pct": 0},
    "top_reintegration_destinations": [], "top_reintegration_total": {"persons": 0, "pct": 0},
    "by_category": by_category(), "by_partner_type": by_partner_type(),
}
EMPTY_AVRRL = {
    "departed": 0, "top_destinations": [], "top_destinations_total": {"departed": 0},
    "reintegration": {"cases": 0, "persons": 0}, "microbusiness": {"cases": 0, "persons": 0},
    "medical": {"persons": 0},
}


def test_a_file_registered_in_december_and_departed_in_january_counts_in_both_years(build):
    # given a family of two registered on 20 December 2011 who left on 10 January 2012
    case = build(registered_on=D(2011, 12, 20), departed_on=D(2012, 1, 10), size=2)
    assert (case.registered_on, case.departed_on) == (D(2011, 12, 20), D(2012, 1, 10))

    # when the reports of 2011 and 2012 are computed
    report_2011, report_2012 = year_report(2011), year_report(2012)

    # then 2011 has two persons registered and none departed, 2012 the reverse
    assert report_2011["reab"] == {**EMPTY_REAB, "registered": 2, "by_partner_type": by_partner_type(NGO=(2, 0))}
    assert report_2012["reab"] == {
        **EMPTY_REAB,
        "departed": 2,
        "effective_return_rate_pct": 0,  # nobody registered in 2012: 0, not a division by zero
        "top_destinations": [{"country": "UA", "departed": 2, "pct": 100}],
        "top_destinations_total": {"departed": 2, "pct": 100},
        "by_category": by_category(rejected=(2, 100)),
        "by_partner_type": by_partner_type(NGO=(0, 2)),
    }


def test_withdrawn_and_no_show_persons_count_as_registered_only(build):
    # given a family of three that withdrew and a man who did not show up at the airport, both registered in 2012
    build(registered_on=D(2012, 3, 5), outcome=S.WITHDRAWN, size=3)
    build(registered_on=D(2012, 4, 2), outcome=S.NO_SHOW)
    # and one person who left, so that the rate has something to divide
    build(registered_on=D(2012, 4, 2), departed_on=D(2012, 5, 2))

    # when the 2012 report is computed
    reab = year_report(2012)["reab"]

    # then all five applied, one left
    assert reab == {
        **EMPTY_REAB,
        "registered": 5,
        "departed": 1,
        "effective_return_rate_pct": 20,
        "top_destinations": [{"country": "UA", "departed": 1, "pct": 100}],
        "top_destinations_total": {"departed": 1, "pct": 100},
        "by_category": by_category(rejected=(1, 100)),
        "by_partner_type": by_partner_type(NGO=(5, 1)),
    }


def test_a_member_who_stays_behind_is_registered_but_not_departed(build):
    # given a family of three of whom only the principal left (the two children stayed behind)
    case = build(registered_on=D(2012, 2, 1), departed_on=D(2012, 6, 1), size=3, staying_behind=2,
                 reintegration=["MICROBUSINESS"])
    assert sorted(case.members.values_list("outcome", flat=True)) == ["DEPARTED", "STAYED", "STAYED"]

    # when the 2012 report is computed
    reab = year_report(2012)["reab"]

    # then three applied and one left, also for the reintegration the household received
    assert reab == {
        **EMPTY_REAB,
        "registered": 3,
        "departed": 1,
        "effective_return_rate_pct": 33,
        "reintegration": {"persons": 1, "share_of_departed_pct": 100},
        "top_destinations": [{"country": "UA", "departed": 1, "pct": 100}],
        "top_destinations_total": {"departed": 1, "pct": 100},
        "top_reintegration_destinations": [{"country": "UA", "persons": 1, "pct": 100}],
        "top_reintegration_total": {"persons": 1, "pct": 100},
        "by_category": by_category(rejected=(1, 100)),
        "by_partner_type": by_partner_type(NGO=(3, 1)),
    }


def test_avrrl_and_reab_figures_never_mix(build, avrrl):
    # given a REAB family of two who returned to Ukraine
    build(registered_on=D(2012, 1, 9), departed_on=D(2012, 3, 1), size=2)
    # and AVRRL households: three persons to Kosovo with a microbusiness and medical support, one to Albania without
    build(registered_on=D(2012, 1, 9), departed_on=D(2012, 3, 1), programme="AVRRL", destination="XK", size=3,
          reintegration=["MICROBUSINESS", "MEDICAL"])
    build(registered_on=D(2012, 1, 9), departed_on=D(2012, 3, 2), programme="AVRRL", destination="AL")
    # and an AVRRL family that withdrew
    build(registered_on=D(2012, 1, 9), outcome=S.WITHDRAWN, programme="AVRRL", destination="AL", size=4)

    # when the 2012 report is computed
    report = year_report(2012)

    # then REAB has only its two persons, and AVRRL only its four departures
    assert report["reab"] == {
        **EMPTY_REAB,
        "registered": 2,
        "departed": 2,
        "effective_return_rate_pct": 100,
        "top_destinations": [{"country": "UA", "departed": 2, "pct": 100}],
        "top_destinations_total": {"departed": 2, "pct": 100},
        "by_category": by_category(rejected=(2, 100)),
        "by_partner_type": by_partner_type(NGO=(2, 2)),
    }
    assert report["avrrl"] == {
        "departed": 4,
        "top_destinations": [{"country": "XK", "departed": 3}, {"country": "AL", "departed": 1}],
        "top_destinations_total": {"departed": 4},
        "reintegration": {"cases": 1, "persons": 3},
        "microbusiness": {"cases": 1, "persons": 3},
        "medical": {"persons": 3},
    }


def test_other_years_never_leak_in(build, avrrl):
    # given households registered and departed in 2011 and in 2013, of both programmes, with reintegration
    for year in (2011, 2013):
        build(registered_on=D(year, 1, 3), departed_on=D(year, 12, 31), size=2, reintegration=["HOUSING"])
        build(registered_on=D(year, 12, 31), outcome=S.WITHDRAWN)
        build(registered_on=D(year, 1, 3), departed_on=D(year, 1, 4), programme="AVRRL", destination="XK",
              reintegration=["MEDICAL"])

    # when the 2012 report is computed, then it is empty
    assert year_report(2012) == {"year": 2012, "reab": EMPTY_REAB, "avrrl": EMPTY_AVRRL}
    # and the neighbouring years have their own households only
    assert [(year_report(year)["reab"]["registered"], year_report(year)["reab"]["departed"],
             year_report(year)["avrrl"]["departed"]) for year in (2011, 2013)] == [(3, 2, 1), (3, 2, 1)]


def test_persons_are_counted_not_cases(build):
    # given three households of 3, 1 and 4 persons who all left for Russia, and a family of 2 for Brazil
    for size in (3, 1, 4):
        build(registered_on=D(2012, 2, 1), departed_on=D(2012, 9, 1), destination="RU", size=size)
    build(registered_on=D(2012, 2, 1), departed_on=D(2012, 9, 1), destination="BR", size=2)

    # when the 2012 report is computed
    reab = year_report(2012)["reab"]

    # then the figures are persons: 8 to Russia, 2 to Brazil
    assert (reab["registered"], reab["departed"]) == (10, 10)
    assert reab["top_destinations"] == [{"country": "RU", "departed": 8, "pct": 80},
                                        {"country": "BR", "departed": 2, "pct": 20}]
    assert reab["top_destinations_total"] == {"departed": 10, "pct": 100}


def test_reintegration_counts_the_departed_persons_of_households_with_support(build):
    # given a family of three to Ukraine with a microbusiness, a man to Russia with two kinds of support,
    # and a family of two to Brazil without any
    build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), destination="UA", size=3,
          reintegration=["MICROBUSINESS"])
    build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), destination="RU",
          reintegration=["EDUCATION", "HOUSING"])
    build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), destination="BR", size=2)
    # and a family that was promised support but withdrew: not a departure, so not reintegrated
    build(registered_on=D(2012, 1, 2), outcome=S.WITHDRAWN, destination="RU", size=2, reintegration=["HOUSING"])

    # when the 2012 report is computed
    reab = year_report(2012)["reab"]

    # then four of the six departed persons had support (the man with two kinds counts once)
    assert reab["reintegration"] == {"persons": 4, "share_of_departed_pct": 67}
    assert reab["top_reintegration_destinations"] == [{"country": "UA", "persons": 3, "pct": 75},
                                                      {"country": "RU", "persons": 1, "pct": 25}]
    assert reab["top_reintegration_total"] == {"persons": 4, "pct": 100}
    assert (reab["registered"], reab["departed"]) == (8, 6)


def test_partner_types_count_the_country_office_as_iom(build, country_office, other_partner):
    # given households referred by the NGO (3 persons), by a Red Cross centre (2, withdrawn), by a Fedasil centre
    # and by a city (1 each), and by the country office itself (2 persons)
    fedasil_centre = OrganisationFactory(name="Centre Fedasil Jodoigne", type=OrganisationType.FEDASIL_CENTRE)
    city = OrganisationFactory(name="CPAS Liège", type=OrganisationType.CITY)
    build(registered_on=D(2012, 5, 1), departed_on=D(2012, 6, 1), size=3)
    build(registered_on=D(2012, 5, 1), outcome=S.WITHDRAWN, size=2, partner=other_partner)
    build(registered_on=D(2012, 5, 1), departed_on=D(2012, 6, 1), partner=fedasil_centre)
    build(registered_on=D(2012, 5, 1), outcome=S.NO_SHOW, partner=city)
    build(registered_on=D(2012, 5, 1), departed_on=D(2012, 6, 1), size=2, partner=country_office)

    # when the 2012 report is computed
    reab = year_report(2012)["reab"]

    # then each type has its persons, and the country office's are under IOM
    assert reab["by_partner_type"] == by_partner_type(
        NGO=(3, 3), FEDASIL_CENTRE=(1, 1), RED_CROSS_CENTRE=(2, 0), CITY=(1, 0), IOM=(2, 2)
    )
    assert (reab["registered"], reab["departed"], reab["effective_return_rate_pct"]) == (9, 6, 67)


def test_categories_are_a_complete_breakdown_that_sums_to_100(build):
    # given one departed person in each REAB category
    for category in ("ASYLUM_WITHDRAWN", "ASYLUM_REJECTED", "NON_ASYLUM"):
        build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), category=category)

    # when the 2012 report is computed, then a third each, the odd point to the first category
    assert year_report(2012)["reab"]["by_category"] == by_category(withdrawn=(1, 34), rejected=(1, 33),
                                                                   non_asylum=(1, 33))


def test_ranked_tables_break_ties_by_country_name(build):
    # given one departure each to Spain, Egypt and Albania, and two to Ukraine
    for destination in ("ES", "EG", "AL"):
        build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), destination=destination)
    build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), destination="UA", size=2)

    # when the 2012 report is computed, then Ukraine leads and the ties follow by name
    assert [row["country"] for row in year_report(2012)["reab"]["top_destinations"]] == ["UA", "AL", "EG", "ES"]


def test_ranked_tables_do_not_depend_on_the_language(build):
    # given one departure each to Egypt and Spain
    for destination in ("EG", "ES"):
        build(registered_on=D(2012, 1, 2), departed_on=D(2012, 2, 1), destination=destination)

    # when the report is computed in English and in French
    english = year_report(2012)
    with translation.override("fr"):
        french = year_report(2012)

    # then the figures are the same, in the same order
    assert french == english


KINDS = ["MICROBUSINESS", "MEDICAL", "EDUCATION", "HOUSING"]


def test_every_combination_of_support_counts_where_it_belongs(build, avrrl):
    # given one AVRRL household of (number of kinds + 1) persons for each combination of four kinds of support
    combinations = [[kind for bit, kind in enumerate(KINDS) if number >> bit & 1] for number in range(16)]
    for kinds in combinations:
        build(registered_on=D(2012, 1, 3), departed_on=D(2012, 3, 1), programme="AVRRL", destination="XK",
              size=len(kinds) + 1, reintegration=kinds)

    # when the 2012 report is computed
    avrrl_figures = year_report(2012)["avrrl"]

    # then each figure counts exactly the households with that kind (or with any kind, for reintegration)
    def persons_and_cases(having) -> dict[str, int]:
        chosen = [kinds for kinds in combinations if having(kinds)]
        return {"cases": len(chosen), "persons": sum(len(kinds) + 1 for kinds in chosen)}

    assert avrrl_figures["reintegration"] == persons_and_cases(bool)
    assert avrrl_figures["microbusiness"] == persons_and_cases(lambda kinds: "MICROBUSINESS" in kinds)
    assert avrrl_figures["medical"] == {"persons": persons_and_cases(lambda kinds: "MEDICAL" in kinds)["persons"]}
    assert avrrl_figures["departed"] == sum(len(kinds) + 1 for kinds in combinations)
