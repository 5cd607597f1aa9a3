"""Properties of the eligibility rules that hold for any facts (hypothesis), no database.

Facts are drawn with decision dates 2000–2030, nationalities from a pool that includes EU and
Schengen-associated countries and those whose status changed (HR, GB, the visa waivers), valid and invalid
categories, and up to three earlier departures.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.eligibility.reasons import SENTENCES, reason_text
from homeward.eligibility.rule_data import default_rules, rules_from_json, rules_to_json
from homeward.eligibility.rules import AVRRL, PROGRAMME_CATEGORIES, REAB, SUPPORTS, Facts, PreviousReturn, evaluate

D = datetime.date
RULES = default_rules()
EU_AND_SCHENGEN = ["DE", "FR", "HR", "GB", "RO", "BG", "PL", "CH", "NO", "IS", "LI"]
OTHERS = ["UA", "BR", "RS", "AL", "BA", "MD", "GE", "XK", "IQ", "MA", "AM", "AF", "SY", "TR", "DZ", ""]
DESTINATIONS = ["XK", "IQ", "AM", "MA", "UA", "BR", "AF", "RS", "GE", "DZ", "HR", "GB"]
VALID_CATEGORIES = sorted(PROGRAMME_CATEGORIES[REAB] | PROGRAMME_CATEGORIES[AVRRL])

decision_dates = st.dates(D(2000, 1, 1), D(2030, 12, 31))
# The projects ran 2011–2014 for Iraqis, Moroccans and returns to Kosovo, Iraq and Armenia: drawn more often too.
project_years = st.dates(D(2011, 1, 1), D(2014, 12, 31))
project_returns = st.sampled_from([("IQ", "IQ"), ("MA", "MA"), ("XK", "XK"), ("AM", "AM"), ("BR", "IQ")])
previous_returns = st.builds(
    PreviousReturn,
    programme=st.sampled_from([REAB, AVRRL]),
    departed_on=st.dates(D(1994, 1, 1), D(2030, 12, 31)),
    reimbursed=st.booleans(),
)
# Valid categories and the absence of means and refugee status are drawn more often, so that many draws are
# eligible for return assistance and the properties about eligible outcomes have something to bite on.
mostly_false = st.sampled_from([False, False, False, True])
any_return = st.tuples(st.sampled_from(EU_AND_SCHENGEN + OTHERS), st.sampled_from(DESTINATIONS))
facts_strategy = st.builds(
    lambda nationality_and_destination, **fields: Facts(
        nationality=nationality_and_destination[0], destination=nationality_and_destination[1], **fields
    ),
    nationality_and_destination=any_return | project_returns,
    programme=st.sampled_from([REAB, AVRRL]),
    decision_date=decision_dates | project_years,
    category=st.sampled_from([*VALID_CATEGORIES, *VALID_CATEGORIES, "", "TOURIST"]),
    recognised_refugee=mostly_false,
    has_means=mostly_false,
    vulnerable=st.booleans(),
    date_of_birth=st.none() | st.dates(D(1970, 1, 1), D(2030, 12, 31)) | st.dates(D(1990, 1, 1), D(1998, 12, 31)),
    uam_identified_before_18=st.booleans(),
    previous_returns=st.lists(previous_returns, max_size=3).map(tuple),
)
# Rule data as a programme manager might change it: other dates and limits, countries dropped from the lists,
# and the lists in any order.
rules_strategy = st.builds(
    lambda criterion, years, max_age, visa_free, citizenship: replace(
        RULES, grant_visa_criterion_from=criterion, reab_bar_years=years, uam_max_age=max_age,
        visa_free=tuple(visa_free), eu_schengen_citizenship=tuple(citizenship),
    ),
    criterion=decision_dates,
    years=st.integers(min_value=1, max_value=10),
    max_age=st.integers(min_value=16, max_value=25),
    visa_free=st.permutations(RULES.visa_free).flatmap(lambda entries: st.lists(
        st.sampled_from(entries), unique=True, max_size=len(entries))),
    citizenship=st.permutations(RULES.eu_schengen_citizenship).map(list),
)


def eu_or_schengen_citizen(facts: Facts) -> bool:
    return any(
        entry.country == facts.nationality and facts.decision_date in entry.period
        for entry in RULES.eu_schengen_citizenship
    )


def eligible(facts: Facts, rules=RULES) -> dict[str, bool]:
    return {support: outcome.eligible for support, outcome in evaluate(facts, rules).outcomes().items()}


@settings(max_examples=300)
@given(facts_strategy.filter(eu_or_schengen_citizen))
def test_an_eu_or_schengen_citizen_is_never_eligible_for_anything(facts):
    assert eligible(facts) == dict.fromkeys(SUPPORTS, False)
    assert "eu_schengen_citizen" in {reason.code for reason in evaluate(facts, RULES).return_assistance.reasons}


@settings(max_examples=300)
@given(facts_strategy, facts_strategy, rules_strategy)
def test_evaluate_depends_only_on_the_facts_and_the_rule_data(facts, other_facts, rules):
    # given an evaluation, then another person's in between (nothing may carry over)
    first = evaluate(facts, rules)
    evaluate(other_facts, rules)

    # when evaluated again, from a rebuilt copy of the facts
    again = evaluate(replace(facts), rules)

    # then the outcomes and their reasons are equal
    assert again == first


@settings(max_examples=300)
@given(facts_strategy, rules_strategy)
def test_rules_stored_as_json_and_read_back_give_the_same_outcomes(facts, rules):
    # the rule data goes through the JSON a RuleVersion stores, as text, and back (reading sorts the lists)
    stored = rules_from_json(json.loads(json.dumps(rules_to_json(rules))))

    assert evaluate(facts, stored) == evaluate(facts, rules)
    # and storing it again changes nothing: a published version reads back as it was written
    assert rules_from_json(rules_to_json(stored)) == stored


@settings(max_examples=300)
@given(facts_strategy, st.data())
def test_marking_an_earlier_return_reimbursed_never_takes_support_away(facts, data):
    # given any facts, and one of their earlier returns (or all of them) now reimbursed
    returns = facts.previous_returns
    if returns:
        index = data.draw(st.integers(min_value=0, max_value=len(returns) - 1))
        one_reimbursed = replace(facts, previous_returns=tuple(
            replace(item, reimbursed=True) if position == index else item for position, item in enumerate(returns)
        ))
    else:
        one_reimbursed = facts
    all_reimbursed = replace(facts, previous_returns=tuple(replace(item, reimbursed=True) for item in returns))
    before = eligible(facts)

    # then whatever was eligible before still is, for every support
    for after in (eligible(one_reimbursed), eligible(all_reimbursed)):
        assert {support for support in SUPPORTS if before[support] and not after[support]} == set()


@settings(max_examples=300)
@given(facts_strategy)
def test_without_a_vulnerability_there_is_no_vulnerability_support(facts):
    with_vulnerability = eligible(replace(facts, vulnerable=True))
    without = eligible(replace(facts, vulnerable=False))

    assert without["vulnerability_support"] is False
    # and removing the vulnerability takes nothing else away except through vulnerability support (wage subsidy)
    assert {support for support in SUPPORTS if without[support] and not with_vulnerability[support]} == set()


@settings(max_examples=300)
@given(facts_strategy)
def test_no_support_is_eligible_without_return_assistance(facts):
    outcomes = eligible(facts)

    if not outcomes["return_assistance"]:
        assert outcomes == dict.fromkeys(SUPPORTS, False)


@settings(max_examples=300)
@given(facts_strategy)
def test_every_reason_given_has_a_sentence_that_renders(facts):
    for outcome in evaluate(facts, RULES).outcomes().values():
        assert outcome.reasons, "every outcome is explained"
        for reason in outcome.reasons:
            assert reason.code in SENTENCES
            assert "%(" not in reason_text(reason)
