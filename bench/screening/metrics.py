"""One scoring code for both sides of the screening benchmark (Homeward's engine and Splink).

A side hands over what it predicted as ``{(ref_a, ref_b): (score, band)}``: ``score`` in 0..1, higher is more alike;
``band`` is ``"match"``, ``"possible"`` or ``None`` (a scored candidate pair the side would not show). The order of the
two refs in a key does not matter, and a pair given twice keeps its higher score. The truth is a set of unordered
pairs of refs that are the same person. A true pair the side never scored counts as missed at every threshold.

    from bench.screening.metrics import evaluate
    result = evaluate(predicted, true_pairs)
    result["match"]["f1"], result["match+possible"]["recall"], result["best"]["threshold"]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

Pair = tuple[Hashable, Hashable]
BANDS = ("match", "possible")


def pair_key(a: Hashable, b: Hashable) -> Pair:
    """The unordered pair ``{a, b}`` as a tuple in a fixed order."""
    return (a, b) if str(a) <= str(b) else (b, a)


def normalise_truth(true_pairs: Iterable[Pair]) -> set[Pair]:
    return {pair_key(a, b) for a, b in true_pairs if a != b}


def true_pairs_from_entities(
    records: Iterable[Mapping], ref: str = "record_id", entity: str = "entity_id"
) -> set[Pair]:
    """Every pair of records that share an entity id (all pairs within each entity, not only a chain)."""
    by_entity: dict[Hashable, list[Hashable]] = defaultdict(list)
    for row in records:
        by_entity[row[entity]].append(row[ref])
    return {pair_key(a, b) for refs in by_entity.values() for a, b in itertools.combinations(refs, 2)}


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate(pairs_predicted: Mapping[Pair, tuple[float, str | None]], true_pairs: Iterable[Pair]) -> dict:
    """Precision, recall and F1 of a side's predictions against the truth.

    - ``match``: the pairs the side put in the band "match";
    - ``match+possible``: the pairs in either band;
    - ``best``: the score threshold (over every scored pair, whatever its band) with the highest F1;
    - ``candidates``: how many pairs were scored at all and how many true pairs were among them (the recall ceiling
      of the side's candidate generation / blocking).
    """
    truth = normalise_truth(true_pairs)
    predicted: dict[Pair, tuple[float, str | None]] = {}
    for (a, b), (score, band) in pairs_predicted.items():
        if a == b:
            continue
        key = pair_key(a, b)
        if band is not None and band not in BANDS:
            raise ValueError(f"unknown band {band!r} for pair {key}")
        if key not in predicted or score > predicted[key][0]:
            predicted[key] = (float(score), band)

    result: dict = {"true_pairs": len(truth)}
    for name, bands in (("match", {"match"}), ("match+possible", {"match", "possible"})):
        chosen = {key for key, (_, band) in predicted.items() if band in bands}
        tp = len(chosen & truth)
        result[name] = _prf(tp, len(chosen) - tp, len(truth) - tp)

    # Best threshold: walk the scored pairs from the highest score down; a threshold sits between distinct scores.
    ordered = sorted(predicted.items(), key=lambda item: -item[1][0])
    best = {"threshold": None, **_prf(0, 0, len(truth))}
    tp = fp = 0
    for i, (key, (score, _)) in enumerate(ordered):
        if key in truth:
            tp += 1
        else:
            fp += 1
        if i + 1 < len(ordered) and ordered[i + 1][1][0] == score:
            continue
        current = _prf(tp, fp, len(truth) - tp)
        if current["f1"] > best["f1"]:
            best = {"threshold": round(score, 6), **current}
    result["best"] = best
    found = sum(1 for key in predicted if key in truth)
    result["candidates"] = {
        "scored_pairs": len(predicted),
        "true_pairs_scored": found,
        "recall_ceiling": round(found / len(truth), 4) if truth else 0.0,
    }
    return result


def recall_by_group(
    pairs_predicted: Mapping[Pair, tuple[float, str | None]],
    true_pairs: Iterable[Pair],
    group_of: Mapping[Hashable, str],
) -> dict[str, dict]:
    """Per group (e.g. the culture of the transliteration set; a true pair's group is its first record's): how many
    true pairs, and the share found in band "match" and in either band."""
    predicted = {pair_key(a, b): band for (a, b), (_, band) in pairs_predicted.items()}
    out: dict[str, dict] = {}
    for a, b in normalise_truth(true_pairs):
        group = out.setdefault(group_of.get(a, "?"), {"true_pairs": 0, "match": 0, "match+possible": 0})
        group["true_pairs"] += 1
        band = predicted.get((a, b))
        group["match"] += band == "match"
        group["match+possible"] += band in BANDS
    for group in out.values():
        n = group["true_pairs"]
        group["recall_match"] = round(group.pop("match") / n, 4)
        group["recall_match+possible"] = round(group.pop("match+possible") / n, 4)
    return dict(sorted(out.items()))
