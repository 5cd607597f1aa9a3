"""The weights can be learned from data: EM over agreement patterns recovers the m probabilities and the share of
matches that made them, given u (as Splink does, u from random pairs)."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from homeward.people.screening.train import em

FIELDS = ("family_name", "given_names", "date_of_birth")
M = {"family_name": {"exact": 0.8, "different": 0.2}, "given_names": {"exact": 0.7, "different": 0.3},
     "date_of_birth": {"exact": 0.9, "different": 0.1}}
U = {"family_name": {"exact": 0.05, "different": 0.95}, "given_names": {"exact": 0.1, "different": 0.9},
     "date_of_birth": {"exact": 0.01, "different": 0.99}}


def _patterns(prior: float, pairs: int) -> Counter:
    """The expected counts of each agreement pattern among `pairs` candidate pairs, `prior` of them matches."""
    patterns: Counter = Counter()
    for levels in itertools.product(("exact", "different"), repeat=len(FIELDS)):
        found = dict(zip(FIELDS, levels, strict=True))
        in_match = prior
        in_other = 1 - prior
        for field, level in found.items():
            in_match *= M[field][level]
            in_other *= U[field][level]
        pattern = tuple(sorted({**found, "sex": "missing", "nationality": "missing", "document": "missing"}.items()))
        patterns[pattern] = round(pairs * (in_match + in_other))
    return patterns


def test_em_recovers_the_m_probabilities_and_the_share_of_matches():
    u = {field: {**shares, **{level: 1e-6 for level in ("sounds_alike", "close", "similar", "partial",
                                                      "day_month_swapped", "same_year", "near", "agree")}}
         for field, shares in U.items()}
    u |= {"sex": {"agree": 0.5, "different": 0.5}, "nationality": {"agree": 0.5, "different": 0.5},
          "document": {"agree": 0.5, "different": 0.5}}

    m, prior = em(_patterns(prior=0.3, pairs=1_000_000), u, iterations=200)

    assert prior == pytest.approx(0.3, abs=0.01)
    for field in FIELDS:
        assert m[field]["exact"] == pytest.approx(M[field]["exact"], abs=0.02)
