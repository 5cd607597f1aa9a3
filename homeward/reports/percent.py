"""Percentages as the year report prints them: whole numbers, half up, or by largest remainder for a breakdown."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int, whole: int) -> int:
    """`part` of `whole` in whole percent, halves rounded up; 0 of nothing is 0."""
    if whole == 0:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percents_largest_remainder(parts: list[int]) -> list[int]:
    """Whole percentages of a complete breakdown that add up to exactly 100 (largest remainder method).

    Ties in the remainders go to the earlier part, so the result depends only on the input order.
    """
    whole = sum(parts)
    if whole == 0:
        return [0 for _part in parts]
    exact = [Decimal(part) * 100 / Decimal(whole) for part in parts]
    floors = [int(value) for value in exact]
    missing = 100 - sum(floors)
    by_remainder = sorted(range(len(parts)), key=lambda index: (-(exact[index] - floors[index]), index))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors
