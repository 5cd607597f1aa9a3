"""Learning the weights from data, as Fellegi and Sunter proposed and Splink does.

- u (how often two *different* persons show a level) is counted on random pairs of records: almost all random
  pairs are different persons, so their levels are the u distribution, with no labels needed;
- m (how often two records of *one* person show a level) and the prior are found by expectation–maximisation over
  the candidate pairs (pairs sharing a blocking key, where matches are frequent), u held fixed. Each distinct
  pattern of levels is weighed once, with its count, so a million pairs cost a few hundred patterns.

No labels are used: the data's own agreement patterns separate the two populations. `homeward screening-train FILE`
writes the result to `weights.json`, keeping the bands' thresholds.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence

from homeward.people.screening.compare import LEVELS, PersonRecord, Weights, levels
from homeward.people.screening.index import MemoryIndex

SMOOTHING = 0.5  # added to every level's count: no level is ever impossible (a weight of ±infinity)
Pattern = tuple[tuple[str, str], ...]


def _pattern(a: PersonRecord, b: PersonRecord) -> Pattern:
    found, _swapped = levels(a, b)
    return tuple(sorted(found.items()))


def _distribution(patterns: Counter[Pattern]) -> dict[str, dict[str, float]]:
    """Per comparison, the share of each level (missing left out: it weighs nothing)."""
    result = {}
    for comparison, names in LEVELS.items():
        counts: Counter[str] = Counter()
        for pattern, count in patterns.items():
            level = dict(pattern)[comparison]
            if level != "missing":
                counts[level] += count
        total = sum(counts.values()) + SMOOTHING * (len(names) - 1)
        result[comparison] = {name: (counts[name] + SMOOTHING) / total for name in names if name != "missing"}
    return result


def u_estimate(records: Sequence[PersonRecord], pairs: int, rng: random.Random) -> dict[str, dict[str, float]]:
    patterns: Counter[Pattern] = Counter()
    for _index in range(pairs):
        a, b = rng.sample(range(len(records)), 2)
        patterns[_pattern(records[a], records[b])] += 1
    return _distribution(patterns)


def candidate_patterns(index: MemoryIndex, limit: int) -> Counter[Pattern]:
    seen: set[tuple[str, str]] = set()
    patterns: Counter[Pattern] = Counter()
    for refs in index.blocks():
        block = refs[:200]
        for position, a in enumerate(block):
            for b in block[position + 1 :]:
                key = (a, b) if a < b else (b, a)
                if key in seen:
                    continue
                seen.add(key)
                patterns[_pattern(index.records[a], index.records[b])] += 1
                if len(seen) >= limit:
                    return patterns
    return patterns


def _probability(pattern: Pattern, table: dict[str, dict[str, float]]) -> float:
    product = 1.0
    for comparison, level in pattern:
        if level != "missing":
            product *= table[comparison][level]
    return product


def em(
    patterns: Counter[Pattern], u: dict[str, dict[str, float]], *, prior: float = 0.1, iterations: int = 50
) -> tuple[dict[str, dict[str, float]], float]:
    """m and the prior of a match among the candidate pairs, u fixed."""
    m = {comparison: dict(shares) for comparison, shares in u.items()}
    for comparison, shares in m.items():  # start: matches agree (the first level) far more than non-matches
        first = next(iter(shares))
        shares[first] = max(shares[first], 0.5)
        total = sum(shares.values())
        m[comparison] = {level: share / total for level, share in shares.items()}
    for _step in range(iterations):
        weighted: dict[Pattern, float] = {}
        matched = 0.0
        for pattern, count in patterns.items():
            in_match = prior * _probability(pattern, m)
            in_other = (1 - prior) * _probability(pattern, u)
            share = in_match / (in_match + in_other) if in_match + in_other > 0 else 0.0
            weighted[pattern] = count * share
            matched += count * share
        prior = min(max(matched / sum(patterns.values()), 1e-6), 1 - 1e-6)
        m = _distribution_weighted(weighted)
    return m, prior


def _distribution_weighted(weighted: dict[Pattern, float]) -> dict[str, dict[str, float]]:
    result = {}
    for comparison, names in LEVELS.items():
        counts: dict[str, float] = dict.fromkeys(names, 0.0)
        for pattern, weight in weighted.items():
            counts[dict(pattern)[comparison]] += weight
        total = sum(count for name, count in counts.items() if name != "missing") + SMOOTHING * (len(names) - 1)
        result[comparison] = {
            name: (count + SMOOTHING) / total for name, count in counts.items() if name != "missing"
        }
    return result


def train(
    records: Sequence[PersonRecord], *, current: Weights, seed: int = 1, random_pairs: int = 200_000,
    candidate_pairs: int = 2_000_000,
) -> Weights:
    rng = random.Random(seed)
    u = u_estimate(records, random_pairs, rng)
    patterns = candidate_patterns(MemoryIndex(records), candidate_pairs)
    m, prior = em(patterns, u)
    check = sum(math.log2(m[name][level] / u[name][level]) for name, level in (("family_name", "exact"),))
    source = (
        f"learned from {len(records)} records: u from {random_pairs} random pairs, m and the prior by EM over "
        f"{sum(patterns.values())} candidate pairs ({len(patterns)} patterns); exact family name weighs {check:.1f}"
    )
    return Weights(m=m, u=u, prior=prior, match_at=current.match_at, possible_at=current.possible_at, source=source)
