"""The eligibility rules, no database: every rule of the specification and every date on which one changes.

Each row is one person's facts on one decision date; the test asserts whether the support is granted and the
reason codes that explain it. The base person is an Afghan whose asylum application was rejected, returning home
through REAB in June 2013 with no means, no refugee status and no earlier departure: eligible for return
assistance, and a row changes only what it is about.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from homeward.eligibility.reasons import SENTENCES, reason_text
from homeward.eligibility.rule_data import default_rules
from homeward.eligibility.rules import AVRRL, REAB, SUPPORTS, Facts, Outcome, PreviousReturn, Reason, evaluate

D = datetime.date
RULES = default_rules()
BASE = Facts(
    programme=REAB, decision_date=D(2013, 6, 1), category="ASYLUM_REJECTED", nationality="AF", destination="AF"
)
REAB_ELIGIBLE = ("category_covered", "lacks_means", "not_eu_schengen_citizen", "no_recent_return")
REAB_REIMBURSED = ("category_covered", "lacks_means", "not_eu_schengen_citizen", "earlier_return_reimbursed")
AVRRL_ELIGIBLE = ("category_covered", "not_eu_schengen_citizen")
REFUSED = ("needs_return_assistance",)
KOSOVO = ("no_reintegration_destination",)


def facts(**changes: object) -> Facts:
    return replace(BASE, **changes)


def reab_departure(departed_on: datetime.date, *, reimbursed: bool = False) -> tuple[PreviousReturn, ...]:
    return (PreviousReturn(REAB, departed_on, reimbursed),)


def codes(outcome: Outcome) -> tuple[str, ...]:
    return tuple(reason.code for reason in outcome.reasons)


def row(row_id: str, eligible: bool, reason_codes: tuple[str, ...], **changes: object):
    return pytest.param(facts(**changes), eligible, reason_codes, id=row_id)


# Return assistance

RETURN_ASSISTANCE = [
    row("reab-asylum-withdrawn", True, REAB_ELIGIBLE, category="ASYLUM_WITHDRAWN"),
    row("reab-asylum-rejected", True, REAB_ELIGIBLE, category="ASYLUM_REJECTED"),
    row("reab-non-asylum", True, REAB_ELIGIBLE, category="NON_ASYLUM"),
    row("reab-asylum-seeker-not-covered", False, ("category_not_covered",), category="ASYLUM_SEEKER"),
    row("reab-irregular-migrant-not-covered", False, ("category_not_covered",), category="IRREGULAR_MIGRANT"),
    row("reab-category-missing", False, ("category_missing",), category=""),
    row("reab-has-means", False, ("has_means",), has_means=True),
    row("reab-recognised-refugee", False, ("recognised_refugee",), recognised_refugee=True),
    row("reab-every-failure-is-given", False, ("category_not_covered", "has_means", "recognised_refugee",
                                               "eu_schengen_citizen", "five_year_bar"),
        category="ASYLUM_SEEKER", has_means=True, recognised_refugee=True, nationality="DE",
        previous_returns=reab_departure(D(2012, 1, 1))),
    row("reab-stateless", True, REAB_ELIGIBLE, nationality=""),
    # EU and Schengen-associated citizens, on the decision date
    row("reab-german", False, ("eu_schengen_citizen",), nationality="DE"),
    row("reab-croat-day-before-accession", True, REAB_ELIGIBLE, nationality="HR", decision_date=D(2013, 6, 30)),
    row("reab-croat-accession-day", False, ("eu_schengen_citizen",), nationality="HR", decision_date=D(2013, 7, 1)),
    row("reab-romanian-day-before-accession", True, REAB_ELIGIBLE, nationality="RO", decision_date=D(2006, 12, 31)),
    row("reab-romanian-accession-day", False, ("eu_schengen_citizen",), nationality="RO",
        decision_date=D(2007, 1, 1)),
    row("reab-swiss-day-before-free-movement", True, REAB_ELIGIBLE, nationality="CH", decision_date=D(2002, 5, 31)),
    row("reab-swiss-free-movement-day", False, ("eu_schengen_citizen",), nationality="CH",
        decision_date=D(2002, 6, 1)),
    row("reab-norwegian", False, ("eu_schengen_citizen",), nationality="NO"),
    row("reab-british-last-day-of-membership", False, ("eu_schengen_citizen",), nationality="GB",
        decision_date=D(2020, 1, 31)),
    row("reab-british-day-after-brexit", True, REAB_ELIGIBLE, nationality="GB", decision_date=D(2020, 2, 1)),
    # The five-year bar: departure 2009-03-01 bars up to 2014-02-28
    row("bar-day-before-five-years", False, ("five_year_bar",), decision_date=D(2014, 2, 28),
        previous_returns=reab_departure(D(2009, 3, 1))),
    row("bar-exactly-five-years", True, REAB_ELIGIBLE, decision_date=D(2014, 3, 1),
        previous_returns=reab_departure(D(2009, 3, 1))),
    row("bar-reimbursed-day-before-five-years", True, REAB_REIMBURSED, decision_date=D(2014, 2, 28),
        previous_returns=reab_departure(D(2009, 3, 1), reimbursed=True)),
    row("bar-reimbursed-exactly-five-years", True, REAB_ELIGIBLE, decision_date=D(2014, 3, 1),
        previous_returns=reab_departure(D(2009, 3, 1), reimbursed=True)),
    row("bar-29-february-day-before-1-march", False, ("five_year_bar",), decision_date=D(2013, 2, 28),
        previous_returns=reab_departure(D(2008, 2, 29))),
    row("bar-29-february-ends-1-march", True, REAB_ELIGIBLE, decision_date=D(2013, 3, 1),
        previous_returns=reab_departure(D(2008, 2, 29))),
    row("bar-departed-on-decision-day", False, ("five_year_bar",), decision_date=D(2013, 6, 1),
        previous_returns=reab_departure(D(2013, 6, 1))),
    row("bar-departure-after-decision-date-ignored", True, REAB_ELIGIBLE, decision_date=D(2013, 6, 1),
        previous_returns=reab_departure(D(2013, 6, 2))),
    row("bar-avrrl-departure-does-not-bar-reab", True, REAB_ELIGIBLE,
        previous_returns=(PreviousReturn(AVRRL, D(2012, 1, 1), False),)),
    row("bar-one-reimbursed-one-not", False, ("five_year_bar",),
        previous_returns=(PreviousReturn(REAB, D(2009, 1, 1), True), PreviousReturn(REAB, D(2011, 1, 1), False))),
    # AVRRL: no means test, no five-year bar
    row("avrrl-asylum-seeker", True, AVRRL_ELIGIBLE, programme=AVRRL, category="ASYLUM_SEEKER"),
    row("avrrl-asylum-rejected", True, AVRRL_ELIGIBLE, programme=AVRRL, category="ASYLUM_REJECTED"),
    row("avrrl-irregular-migrant", True, AVRRL_ELIGIBLE, programme=AVRRL, category="IRREGULAR_MIGRANT"),
    row("avrrl-non-asylum-not-covered", False, ("category_not_covered",), programme=AVRRL, category="NON_ASYLUM"),
    row("avrrl-asylum-withdrawn-not-covered", False, ("category_not_covered",), programme=AVRRL,
        category="ASYLUM_WITHDRAWN"),
    row("avrrl-category-missing", False, ("category_missing",), programme=AVRRL, category=""),
    row("avrrl-no-means-test", True, AVRRL_ELIGIBLE, programme=AVRRL, has_means=True),
    row("avrrl-recognised-refugee", False, ("recognised_refugee",), programme=AVRRL, recognised_refugee=True),
    row("avrrl-german", False, ("eu_schengen_citizen",), programme=AVRRL, nationality="DE"),
    row("avrrl-croat-day-before-accession", True, AVRRL_ELIGIBLE, programme=AVRRL, nationality="HR",
        decision_date=D(2013, 6, 30)),
    row("avrrl-croat-accession-day", False, ("eu_schengen_citizen",), programme=AVRRL, nationality="HR",
        decision_date=D(2013, 7, 1)),
    row("avrrl-no-five-year-bar", True, AVRRL_ELIGIBLE, programme=AVRRL, decision_date=D(2014, 2, 28),
        previous_returns=reab_departure(D(2009, 3, 1))),
]


@pytest.mark.parametrize(("given", "eligible", "reason_codes"), RETURN_ASSISTANCE)
def test_return_assistance(given, eligible, reason_codes):
    outcome = evaluate(given, RULES).return_assistance

    assert (outcome.eligible, codes(outcome)) == (eligible, reason_codes)


def test_the_five_year_bar_names_the_departure_and_the_first_day_allowed():
    # given a REAB departure on 2009-03-01 and a decision the day before the five years are over
    given = facts(decision_date=D(2014, 2, 28), previous_returns=reab_departure(D(2009, 3, 1)))

    # when evaluated
    outcome = evaluate(given, RULES).return_assistance

    # then the reason says when the bar ends, in words
    assert outcome == Outcome(False, (Reason.of("five_year_bar", departed_on=D(2009, 3, 1), until=D(2014, 3, 1),
                                                years=5),))
    assert reason_text(outcome.reasons[0]) == (
        "Departed through REAB on 2009-03-01: no new application within 5 years, that is before 2014-03-01, "
        "unless the costs of that departure are reimbursed."
    )


def test_a_departure_on_29_february_is_barred_until_1_march_five_years_later():
    outcome = evaluate(facts(decision_date=D(2013, 2, 28), previous_returns=reab_departure(D(2008, 2, 29))), RULES)

    assert outcome.return_assistance.reasons == (
        Reason.of("five_year_bar", departed_on=D(2008, 2, 29), until=D(2013, 3, 1), years=5),
    )


# Reintegration grant

GRANT = [
    row("reab-refused-return-assistance", False, REFUSED, has_means=True),
    row("avrrl-refused-return-assistance", False, REFUSED, programme=AVRRL, recognised_refugee=True),
    row("day-before-criterion-visa-free-brazilian", True, ("before_visa_criterion",), nationality="BR",
        destination="BR", decision_date=D(2012, 5, 14)),
    row("criterion-day-visa-free-brazilian", False, ("visa_free_national",), nationality="BR", destination="BR",
        decision_date=D(2012, 5, 15)),
    row("brazilian-2030", False, ("visa_free_national",), nationality="BR", destination="BR",
        decision_date=D(2030, 12, 31)),
    row("day-before-criterion-visa-required", True, ("before_visa_criterion",), decision_date=D(2012, 5, 14)),
    row("criterion-day-visa-required", True, ("visa_required_national",), decision_date=D(2012, 5, 15)),
    row("avrrl-visa-required", True, ("visa_required_national",), programme=AVRRL),
    # Visa waivers that took effect before the criterion: the grant is still for everyone until 2012-05-15
    row("serbian-day-before-waiver", True, ("before_visa_criterion",), nationality="RS", destination="RS",
        decision_date=D(2009, 12, 18)),
    row("serbian-waiver-day", True, ("before_visa_criterion",), nationality="RS", destination="RS",
        decision_date=D(2009, 12, 19)),
    row("serbian-criterion-day", False, ("visa_free_national",), nationality="RS", destination="RS",
        decision_date=D(2012, 5, 15)),
    row("montenegrin-criterion-day", False, ("visa_free_national",), nationality="ME", destination="ME",
        decision_date=D(2012, 5, 15)),
    row("macedonian-criterion-day", False, ("visa_free_national",), nationality="MK", destination="MK",
        decision_date=D(2012, 5, 15)),
    row("albanian-day-before-waiver", True, ("before_visa_criterion",), nationality="AL", destination="AL",
        decision_date=D(2010, 12, 14)),
    row("albanian-criterion-day", False, ("visa_free_national",), nationality="AL", destination="AL",
        decision_date=D(2012, 5, 15)),
    row("bosnian-criterion-day", False, ("visa_free_national",), nationality="BA", destination="BA",
        decision_date=D(2012, 5, 15)),
    # Visa waivers that took effect after the criterion: day before and day of
    row("moldovan-day-before-waiver", True, ("visa_required_national",), nationality="MD", destination="MD",
        decision_date=D(2014, 4, 27)),
    row("moldovan-waiver-day", False, ("visa_free_national",), nationality="MD", destination="MD",
        decision_date=D(2014, 4, 28)),
    row("georgian-day-before-waiver", True, ("visa_required_national",), nationality="GE", destination="GE",
        decision_date=D(2017, 3, 27)),
    row("georgian-waiver-day", False, ("visa_free_national",), nationality="GE", destination="GE",
        decision_date=D(2017, 3, 28)),
    row("ukrainian-day-before-waiver", True, ("visa_required_national",), nationality="UA", destination="UA",
        decision_date=D(2017, 6, 10)),
    row("ukrainian-waiver-day", False, ("visa_free_national",), nationality="UA", destination="UA",
        decision_date=D(2017, 6, 11)),
    # A Kosovar returning elsewhere: the Kosovo destination rule would otherwise hide the nationality rule
    row("kosovar-day-before-waiver", True, ("visa_required_national",), nationality="XK", destination="AL",
        decision_date=D(2023, 12, 31)),
    row("kosovar-waiver-day", False, ("visa_free_national",), nationality="XK", destination="AL",
        decision_date=D(2024, 1, 1)),
    # Kosovo as destination
    row("to-kosovo-day-before-stop", True, ("visa_required_national",), nationality="XK", destination="XK",
        decision_date=D(2012, 12, 31)),
    row("to-kosovo-stop-day", False, KOSOVO, nationality="XK", destination="XK", decision_date=D(2013, 1, 1)),
    row("serbian-to-kosovo-stop-day", False, KOSOVO, nationality="RS", destination="XK",
        decision_date=D(2013, 1, 1)),
    row("to-kosovo-before-criterion", True, ("before_visa_criterion",), nationality="XK", destination="XK",
        decision_date=D(2012, 5, 14)),
]


@pytest.mark.parametrize(("given", "eligible", "reason_codes"), GRANT)
def test_reintegration_grant(given, eligible, reason_codes):
    outcome = evaluate(given, RULES).reintegration_grant

    assert (outcome.eligible, codes(outcome)) == (eligible, reason_codes)


def test_a_visa_free_national_is_told_since_when_and_from_when_it_matters():
    outcome = evaluate(facts(nationality="UA", destination="UA", decision_date=D(2017, 6, 11)), RULES)

    assert outcome.reintegration_grant.reasons == (
        Reason.of("visa_free_national", country="UA", date=D(2017, 6, 11), since=D(2017, 6, 11),
                  starts=D(2012, 5, 15)),
    )
    assert reason_text(outcome.reintegration_grant.reasons[0]) == (
        "Nationals of Ukraine need no visa for short stays in the Schengen area on 2017-06-11 (since 2017-06-11): "
        "no grant for them from 2012-05-15."
    )


# Vulnerability support

VULNERABILITY = [
    row("vulnerable", True, ("vulnerable",), vulnerable=True),
    row("not-vulnerable", False, ("not_vulnerable",)),
    row("vulnerable-visa-free-brazilian", True, ("vulnerable",), vulnerable=True, nationality="BR",
        destination="BR", decision_date=D(2020, 6, 1)),
    row("vulnerable-ukrainian-after-waiver", True, ("vulnerable",), vulnerable=True, nationality="UA",
        destination="UA", decision_date=D(2017, 6, 11)),
    row("vulnerable-avrrl", True, ("vulnerable",), vulnerable=True, programme=AVRRL),
    row("vulnerable-refused-return-assistance", False, REFUSED, vulnerable=True, recognised_refugee=True),
    row("vulnerable-eu-citizen", False, REFUSED, vulnerable=True, nationality="HR", decision_date=D(2013, 7, 1)),
    row("vulnerable-to-kosovo-day-before-stop", True, ("vulnerable",), vulnerable=True, nationality="XK",
        destination="XK", decision_date=D(2012, 12, 31)),
    row("vulnerable-to-kosovo-stop-day", False, KOSOVO, vulnerable=True, nationality="XK", destination="XK",
        decision_date=D(2013, 1, 1)),
]


@pytest.mark.parametrize(("given", "eligible", "reason_codes"), VULNERABILITY)
def test_vulnerability_support(given, eligible, reason_codes):
    outcome = evaluate(given, RULES).vulnerability_support

    assert (outcome.eligible, codes(outcome)) == (eligible, reason_codes)


# Wage subsidy (AVRR B-X, 2011-01-01..2014-12-31, to XK, IQ or AM, with the grant or vulnerability support)

WAGE_SUBSIDY = [
    row("to-iraq-day-before-project", False, ("project_not_running",), nationality="IQ", destination="IQ",
        decision_date=D(2010, 12, 31)),
    row("to-iraq-first-day", True, ("project_covers",), nationality="IQ", destination="IQ",
        decision_date=D(2011, 1, 1)),
    row("to-iraq-last-day", True, ("project_covers",), nationality="IQ", destination="IQ",
        decision_date=D(2014, 12, 31)),
    row("to-iraq-day-after-project", False, ("project_not_running",), nationality="IQ", destination="IQ",
        decision_date=D(2015, 1, 1)),
    row("to-armenia-last-day", True, ("project_covers",), nationality="AM", destination="AM",
        decision_date=D(2014, 12, 31)),
    row("to-kosovo-first-day", True, ("project_covers",), nationality="XK", destination="XK",
        decision_date=D(2011, 1, 1)),
    row("to-kosovo-day-before-stop", True, ("project_covers",), nationality="XK", destination="XK",
        decision_date=D(2012, 12, 31)),
    row("to-kosovo-stop-day", False, KOSOVO, nationality="XK", destination="XK", decision_date=D(2013, 1, 1)),
    row("to-afghanistan", False, ("project_destination",)),
    row("to-afghanistan-after-project", False, ("project_not_running", "project_destination"),
        decision_date=D(2015, 1, 1)),
    # A visa-free Brazilian returning to Armenia has no grant after the criterion: only vulnerability support helps
    row("no-grant-not-vulnerable", False, ("needs_grant_or_vulnerability_support",), nationality="BR",
        destination="AM", decision_date=D(2013, 6, 1)),
    row("no-grant-but-vulnerable", True, ("project_covers",), nationality="BR", destination="AM",
        decision_date=D(2013, 6, 1), vulnerable=True),
    row("grant-before-criterion", True, ("project_covers",), nationality="BR", destination="AM",
        decision_date=D(2012, 5, 14)),
    row("refused-return-assistance", False, REFUSED, nationality="IQ", destination="IQ", has_means=True),
    row("avrrl-to-iraq", True, ("project_covers",), programme=AVRRL, nationality="IQ", destination="IQ"),
]


@pytest.mark.parametrize(("given", "eligible", "reason_codes"), WAGE_SUBSIDY)
def test_wage_subsidy(given, eligible, reason_codes):
    outcome = evaluate(given, RULES).wage_subsidy

    assert (outcome.eligible, codes(outcome)) == (eligible, reason_codes)


# MAGNET (2011-09-01..2013-12-31, Iraqis returning to Iraq)

MAGNET = [
    row("day-before-project", False, ("project_not_running",), nationality="IQ", destination="IQ",
        decision_date=D(2011, 8, 31)),
    row("first-day", True, ("project_covers",), nationality="IQ", destination="IQ", decision_date=D(2011, 9, 1)),
    row("last-day", True, ("project_covers",), nationality="IQ", destination="IQ", decision_date=D(2013, 12, 31)),
    row("day-after-project", False, ("project_not_running",), nationality="IQ", destination="IQ",
        decision_date=D(2014, 1, 1)),
    row("afghan-to-iraq", False, ("project_nationality",), nationality="AF", destination="IQ"),
    row("iraqi-to-afghanistan", False, ("project_destination",), nationality="IQ", destination="AF"),
    row("afghan-to-afghanistan", False, ("project_destination", "project_nationality")),
    row("refused-return-assistance", False, REFUSED, nationality="IQ", destination="IQ", recognised_refugee=True),
    row("avrrl-iraqi", True, ("project_covers",), programme=AVRRL, category="IRREGULAR_MIGRANT", nationality="IQ",
        destination="IQ"),
]


@pytest.mark.parametrize(("given", "eligible", "reason_codes"), MAGNET)
def test_magnet(given, eligible, reason_codes):
    outcome = evaluate(given, RULES).magnet

    assert (outcome.eligible, codes(outcome)) == (eligible, reason_codes)


# Moroccan unaccompanied minors project (2012-01-01..2013-12-31, aged 21 or less, identified as UAM before 18)

UAM_ELIGIBLE = ("project_covers", "young_enough", "identified_as_uam")


def uam_row(row_id: str, eligible: bool, reason_codes: tuple[str, ...], **changes: object):
    moroccan = {"nationality": "MA", "destination": "MA", "date_of_birth": D(1993, 6, 2),
                "uam_identified_before_18": True}
    return row(row_id, eligible, reason_codes, **(moroccan | changes))


UAM = [
    uam_row("eligible", True, UAM_ELIGIBLE),
    uam_row("day-before-project", False, ("project_not_running",), decision_date=D(2011, 12, 31)),
    uam_row("first-day", True, UAM_ELIGIBLE, decision_date=D(2012, 1, 1)),
    uam_row("last-day", True, UAM_ELIGIBLE, decision_date=D(2013, 12, 31)),
    uam_row("day-after-project", False, ("project_not_running",), decision_date=D(2014, 1, 1)),
    uam_row("21st-birthday", True, UAM_ELIGIBLE, date_of_birth=D(1992, 6, 1), decision_date=D(2013, 6, 1)),
    uam_row("aged-21-day-before-22nd-birthday", True, UAM_ELIGIBLE, date_of_birth=D(1991, 6, 2),
            decision_date=D(2013, 6, 1)),
    uam_row("22nd-birthday", False, ("too_old",), date_of_birth=D(1991, 6, 1), decision_date=D(2013, 6, 1)),
    uam_row("born-29-february-aged-21-on-28-february", True, UAM_ELIGIBLE, date_of_birth=D(1992, 2, 29),
            decision_date=D(2013, 2, 28)),
    uam_row("date-of-birth-unknown", False, ("age_unknown",), date_of_birth=None),
    uam_row("not-identified-before-18", False, ("not_identified_as_uam",), uam_identified_before_18=False),
    uam_row("algerian", False, ("project_nationality",), nationality="DZ"),
    uam_row("to-algeria", False, ("project_destination",), destination="DZ"),
    uam_row("every-failure-is-given", False, ("project_not_running", "project_destination", "project_nationality",
                                              "age_unknown", "not_identified_as_uam"),
            nationality="DZ", destination="DZ", date_of_birth=None, uam_identified_before_18=False,
            decision_date=D(2014, 1, 1)),
    uam_row("refused-return-assistance", False, REFUSED, has_means=True),
    uam_row("avrrl", True, UAM_ELIGIBLE, programme=AVRRL, category="ASYLUM_SEEKER"),
]


@pytest.mark.parametrize(("given", "eligible", "reason_codes"), UAM)
def test_uam_project(given, eligible, reason_codes):
    outcome = evaluate(given, RULES).uam_project

    assert (outcome.eligible, codes(outcome)) == (eligible, reason_codes)


@pytest.mark.parametrize(
    ("born", "decided", "age", "eligible"),
    [
        pytest.param(D(1992, 6, 1), D(2013, 5, 31), 20, True, id="day-before-21st-birthday"),
        pytest.param(D(1992, 6, 1), D(2013, 6, 1), 21, True, id="21st-birthday"),
        pytest.param(D(1991, 6, 1), D(2013, 5, 31), 21, True, id="day-before-22nd-birthday"),
        pytest.param(D(1991, 6, 1), D(2013, 6, 1), 22, False, id="22nd-birthday"),
        pytest.param(D(1992, 2, 29), D(2013, 2, 28), 20, True, id="born-29-february-on-28-february"),
        pytest.param(D(1992, 2, 29), D(2013, 3, 1), 21, True, id="born-29-february-on-1-march"),
    ],
)
def test_the_uam_age_is_counted_on_the_decision_date(born, decided, age, eligible):
    given = facts(nationality="MA", destination="MA", date_of_birth=born, decision_date=decided,
                  uam_identified_before_18=True)

    outcome = evaluate(given, RULES).uam_project

    assert outcome.eligible is eligible
    assert Reason.of("young_enough" if eligible else "too_old", age=age, date=decided, max_age=21) in outcome.reasons


# Kosovo destination from 2013-01-01: no grant, no vulnerability support, no wage subsidy

@pytest.mark.parametrize(
    ("decided", "reintegration_allowed"),
    [pytest.param(D(2012, 12, 31), True, id="day-before-stop"), pytest.param(D(2013, 1, 1), False, id="stop-day")],
)
def test_returns_to_kosovo_get_no_reintegration_support_from_2013(decided, reintegration_allowed):
    given = facts(nationality="XK", destination="XK", decision_date=decided, vulnerable=True)

    evaluation = evaluate(given, RULES)

    assert {support: outcome.eligible for support, outcome in evaluation.outcomes().items()} == {
        "return_assistance": True,
        "reintegration_grant": reintegration_allowed,
        "vulnerability_support": reintegration_allowed,
        "wage_subsidy": reintegration_allowed,
        "magnet": False,
        "uam_project": False,
    }


def test_an_unknown_programme_is_refused():
    with pytest.raises(ValueError, match="unknown programme 'AVRR'"):
        evaluate(facts(programme="AVRR"), RULES)


# Reasons in words

ALL_ROWS = RETURN_ASSISTANCE + GRANT + VULNERABILITY + WAGE_SUBSIDY + MAGNET + UAM


def _reasons_of(rows) -> list[Reason]:
    return [
        reason
        for param in rows
        for outcome in evaluate(param.values[0], RULES).outcomes().values()
        for reason in outcome.reasons
    ]


def test_the_tables_produce_every_reason_a_rule_can_give():
    # "granted_by_override" comes from an officer's override, not from the rules (tests/test_eligibility_overrides)
    assert {reason.code for reason in _reasons_of(ALL_ROWS)} == set(SENTENCES) - {"granted_by_override"}


@pytest.mark.parametrize("given", [pytest.param(param.values[0], id=param.id) for param in ALL_ROWS])
def test_every_reason_produced_has_a_sentence_that_renders(given):
    evaluation = evaluate(given, RULES)

    for support in SUPPORTS:
        for reason in getattr(evaluation, support).reasons:
            assert reason.code in SENTENCES
            text = reason_text(reason)
            assert text
            assert "%(" not in text
