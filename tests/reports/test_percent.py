"""Percentages as the year report prints them: pure functions, no database."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.reports.percent import percent, percents_largest_remainder


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (683, 4694, 15),  # the seed's Brazil row: 14.55 %
        (1110, 1354, 82),  # the seed's reintegration total: 81.98 %
        (0, 0, 0),  # nothing of nothing
        (1, 200, 1),  # exactly 0.5 %: halves round up
        (1, 201, 0),  # 0.4975 %
        (3, 8, 38),  # exactly 37.5 %: up, not to the even 38 by luck of banker's rounding
        (5, 8, 63),  # exactly 62.5 %: banker's rounding would give 62
        (4694, 4694, 100),
        (0, 6160, 0),
    ],
)
def test_percent_rounds_halves_up(part, whole, expected):
    # given a part of a whole, when it is printed as a percentage, then it is the whole number, halves up
    assert percent(part, whole) == expected


def test_the_seeds_categories_split_by_largest_remainder():
    # given the seed's 2012 departures per REAB category (15.83 %, 45.57 %, 38.60 %)
    # when they are printed as a complete breakdown
    # then the largest remainder (38.60) gets the point that rounding each on its own would lose
    assert percents_largest_remainder([743, 2139, 1812]) == [16, 45, 39]


def test_three_equal_parts_give_the_extra_point_to_the_first():
    assert percents_largest_remainder([1, 1, 1]) == [34, 33, 33]


def test_a_breakdown_of_nothing_is_all_zero():
    assert percents_largest_remainder([0, 0, 0]) == [0, 0, 0]


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=30).filter(lambda parts: sum(parts)))
def test_a_breakdown_always_sums_to_100_and_each_share_is_its_floor_or_one_more(parts):
    # given any complete breakdown with something in it
    # when it is printed by largest remainder
    result = percents_largest_remainder(parts)

    # then the percentages add up to exactly 100, and each is the floor of the exact share or one more
    whole = sum(parts)
    assert sum(result) == 100
    assert len(result) == len(parts)
    for part, pct in zip(parts, result, strict=True):
        exact = Fraction(part * 100, whole)
        assert pct in (exact.numerator // exact.denominator, exact.numerator // exact.denominator + 1)
        if exact.denominator == 1:  # a share that is already whole is printed as it is
            assert pct == exact


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_percent_is_the_exact_share_rounded_half_up(part, whole):
    exact = Fraction(part * 100, whole)
    assert percent(part, whole) == int(exact + Fraction(1, 2))  # floor(x + 1/2) is half up for x >= 0
