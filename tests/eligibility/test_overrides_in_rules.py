"""Overrides inside the pure rules: a support granted by an officer counts for the supports that depend on it."""

import datetime

from homeward.eligibility.rule_data import default_rules
from homeward.eligibility.rules import Facts, PreviousReturn, evaluate

RULES = default_rules()
# An Iraqi returning to Iraq in 2012, barred by a REAB departure two years before.
BARRED = Facts(
    programme="REAB", decision_date=datetime.date(2012, 6, 1), category="ASYLUM_REJECTED", nationality="IQ",
    destination="IQ", previous_returns=(PreviousReturn("REAB", datetime.date(2010, 6, 1), reimbursed=False),),
)


def test_without_an_override_nothing_follows_a_refused_return_assistance():
    outcomes = evaluate(BARRED, RULES).outcomes()

    assert {support: outcome.eligible for support, outcome in outcomes.items()} == {
        "return_assistance": False, "reintegration_grant": False, "vulnerability_support": False,
        "wage_subsidy": False, "magnet": False, "uam_project": False,
    }


def test_return_assistance_granted_by_override_opens_the_supports_that_depend_on_it():
    outcomes = evaluate(BARRED, RULES, granted=frozenset({"return_assistance"})).outcomes()

    assert outcomes["return_assistance"].eligible is True
    assert [reason.code for reason in outcomes["return_assistance"].reasons][-1] == "granted_by_override"
    assert outcomes["reintegration_grant"].eligible is True  # Iraq needs a visa: the grant follows
    assert outcomes["wage_subsidy"].eligible is True  # Iraq, with the grant, while AVRR B-X runs
    assert outcomes["magnet"].eligible is True
    assert outcomes["vulnerability_support"].eligible is False  # no vulnerability: not granted by the override
    assert not any(reason.code == "granted_by_override" for reason in outcomes["reintegration_grant"].reasons)


def test_an_override_grants_exactly_the_support_it_names():
    outcomes = evaluate(BARRED, RULES, granted=frozenset({"magnet"})).outcomes()

    assert [support for support, outcome in outcomes.items() if outcome.eligible] == ["magnet"]
    assert evaluate(BARRED, RULES) == evaluate(BARRED, RULES, granted=frozenset())
