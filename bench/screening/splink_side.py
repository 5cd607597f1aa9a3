"""The Splink side of the screening benchmark: the reference probabilistic record linkage on the same fields.

    pip install -e '.[dev,bench]'
    python bench/screening/splink_side.py --out bench/screening/splink_results.json [--persons 1200000]

Fields: family name, given names, date of birth; on the transliteration set also sex and nationality (FEBRL4 has
neither). DuckDB backend. Names are standardised as Splink's documentation asks (lower case, accents and other marks
folded to ASCII with anyascii, anything but letters to a space, spaces collapsed); nothing transliteration-aware is
added: that is what the Homeward engine is being compared on.

The model (``settings``), as in Splink's own tutorials:
    - comparisons: ``NameComparison`` on given names and on family name (null / exact, with term-frequency
      adjustment / Jaro-Winkler >= 0.92 / >= 0.88 / >= 0.70 / else), ``DateOfBirthComparison`` (exact / one
      character apart / within a month / a year / ten years / else), ``ExactMatch`` on sex and on nationality;
    - blocking rules for predictions (each must also hold at 1.2 million records): the same date of birth; the first
      three letters of the family name and the year of birth; the first three letters of the given name and the year
      of birth; the same given and family name (reaches records without a date of birth); the first letters of both
      names and the year of birth; the month and day of birth and the first letter of the family name (reaches a
      year slip);
    - training: the prior from deterministic rules (``estimate_probability_two_random_records_match``, recall 0.7);
      u by random sampling (``estimate_u_using_random_sampling``, seeded); m by expectation maximisation in two
      sessions, blocked on the names (trains date, sex, nationality) and blocked on the date of birth (trains the
      names).

Bands: match probability >= 0.99 is "match", >= 0.5 "possible" (``metrics.evaluate``).

Single-record look-ups use ``linker.inference.predict_between(register, one_record)`` (Splink 5): the blocking rules
joined against the registered register table, then the scoring, with the register's term-frequency tables computed
once beforehand. De-duplication is ``linker.inference.predict()`` over the whole register, then clustering at 0.99.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from anyascii import anyascii

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import contextlib

import splink
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from bench.screening import febrl, metrics, register, translit

MATCH, POSSIBLE = 0.99, 0.5
HERE = Path(__file__).resolve().parent
logging.getLogger("splink").setLevel(logging.WARNING)

BLOCKING_RULES = [
    block_on("date_of_birth"),
    block_on("substr(family_name, 1, 3)", "substr(date_of_birth, 1, 4)"),
    block_on("substr(given_names, 1, 3)", "substr(date_of_birth, 1, 4)"),
    block_on("given_names", "family_name"),
    block_on("substr(family_name, 1, 1)", "substr(given_names, 1, 1)", "substr(date_of_birth, 1, 4)"),
    block_on("substr(date_of_birth, 6, 5)", "substr(family_name, 1, 1)"),
]
BLOCKING_RULES_TEXT = [
    "date_of_birth",
    "substr(family_name,1,3) + year of birth",
    "substr(given_names,1,3) + year of birth",
    "given_names + family_name",
    "first letters of family and given name + year of birth",
    "month and day of birth + first letter of family name",
]


# ------------------------------------------------------------------------------------------------------ the model
def clean_name(value) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"[^a-z]+", " ", anyascii(value).lower()).strip()
    return text or None


def to_frame(records: list[dict], extra: bool) -> pd.DataFrame:
    """Records in the shape the benchmark shares (``ref``, ``family_name``, ``given_names``, ``date_of_birth``;
    ``sex``, ``nationality`` where ``extra``; ``source`` for two-file linkage) as Splink's input table."""
    columns = {
        "unique_id": [r["ref"] for r in records],
        "family_name": [clean_name(r.get("family_name")) for r in records],
        "given_names": [clean_name(r.get("given_names")) for r in records],
        "date_of_birth": [r.get("date_of_birth") or None for r in records],
    }
    if extra:
        columns["sex"] = [r.get("sex") or None for r in records]
        columns["nationality"] = [r.get("nationality") or None for r in records]
    if "source" in records[0]:
        columns["source_dataset"] = [r["source"] for r in records]
    return pd.DataFrame(columns)


def clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("family_name", "given_names"):
        uniques = {v: clean_name(v) for v in out[column].dropna().unique()}
        out[column] = out[column].map(uniques)
    return out


def settings(link_type: str, extra: bool) -> SettingsCreator:
    comparisons = [
        cl.NameComparison("given_names"),
        cl.NameComparison("family_name"),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
    ]
    if extra:
        comparisons += [cl.ExactMatch("sex"), cl.ExactMatch("nationality")]
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def train(linker: Linker, max_pairs: float, seed: int = 42) -> dict:
    """Splink's recommended unsupervised training; returns the seconds each step took."""
    times = {}
    t = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_names", "family_name", "date_of_birth")], recall=0.7
    )
    times["prior"] = time.perf_counter() - t
    t = time.perf_counter()
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    times["u_random_sampling"] = time.perf_counter() - t
    t = time.perf_counter()
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_names", "family_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    times["m_expectation_maximisation"] = time.perf_counter() - t
    return {k: round(v, 2) for k, v in times.items()}


def band(probability: float) -> str | None:
    return "match" if probability >= MATCH else "possible" if probability >= POSSIBLE else None


# ------------------------------------------------------------------------------------------------------- quality
def quality(records: list[dict], true_pairs, link_type: str = "dedupe_only", groups: dict | None = None) -> dict:
    """Precision / recall / F1 of Splink on ``records`` (see ``to_frame`` for their shape) against ``true_pairs``:
    at 0.99 ("match"), at 0.5 ("match+possible") and at the best threshold, through ``metrics.evaluate``; with
    ``groups`` (ref -> label) also the recall per group."""
    extra = "sex" in records[0] and "nationality" in records[0]
    frame = to_frame(records, extra)
    db = DuckDBAPI()
    t0 = time.perf_counter()
    if link_type == "link_only":
        tables = [
            db.register(part.reset_index(drop=True), dataset_display_name=f"source_{name}")
            for name, part in frame.groupby("source_dataset")
        ]
    else:
        tables = [db.register(frame, dataset_display_name="records")]
    linker = Linker(tables, settings(link_type, extra), log_level=logging.WARNING)
    train_times = train(linker, max_pairs=1e7)
    t1 = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    t2 = time.perf_counter()
    predicted = {
        (a, b): (p, band(p))
        for a, b, p in zip(
            predictions["unique_id_l"], predictions["unique_id_r"], predictions["match_probability"], strict=False
        )
    }
    result = metrics.evaluate(predicted, true_pairs)
    if groups:
        result["recall_by_group"] = metrics.recall_by_group(predicted, true_pairs, groups)
    result["records"] = len(records)
    result["seconds"] = {"train": round(t1 - t0, 2), **train_times, "predict": round(t2 - t1, 2)}
    result["fields"] = list(
        frame.columns.drop(["unique_id"] + (["source_dataset"] if link_type == "link_only" else []))
    )
    return result


def translit_records(path: Path = HERE / "data" / "translit.csv", entities: int = 2000, seed: int = 1):
    """The transliteration set's records, true pairs and each record's culture; the file is generated (``entities``,
    ``seed``) if missing: the same file the Homeward side reads."""
    if not path.exists():
        translit.write(translit.generate(entities, seed), path)
    rows = translit.load(path)
    records = [
        {
            "ref": r["record_id"],
            "family_name": r["family_name"],
            "given_names": r["given_names"],
            "date_of_birth": r["date_of_birth"],
            "sex": r["sex"],
            "nationality": r["nationality"],
        }
        for r in rows
    ]
    return records, translit.true_pairs(rows), {r["record_id"]: r["culture"] for r in rows}


def febrl_records() -> tuple[list[dict], set]:
    rows, pairs = febrl.load()
    records = [
        {
            "ref": r["ref"],
            "source": r["source"],
            "family_name": r["surname"],
            "given_names": r["given_name"],
            "date_of_birth": r["date_of_birth"],
        }
        for r in rows
    ]
    return records, pairs


# ------------------------------------------------------------------------------------------------------- latency
TRAINING_PERSONS = 100_000


def trained_register_model(seed: int = 8) -> tuple[dict, dict]:
    """Train the model once on a separate 100,000-person register from the same generator (with its 3% duplicate
    records), as Splink's real-time guide does (train, save the model, load it for the live register). EM blocked on
    the names of a 1.2-million register would see well under 1% matches (namesakes swamp it; Splink asks for 1-99%)
    and took 5 minutes to settle on a model that found a third of the known persons; on 100,000 it is sound."""
    t = time.perf_counter()
    frame = clean_frame(register.generate(TRAINING_PERSONS, seed=seed).drop(columns=["person_id"]))
    db = DuckDBAPI()
    linker = Linker(
        db.register(frame, dataset_display_name="training"),
        settings("dedupe_only", extra=True),
        log_level=logging.WARNING,
    )
    times = train(linker, max_pairs=1e7)
    model = linker.misc.save_model_to_json()
    return model, {"train_s": round(time.perf_counter() - t, 2), **times}


def _build_register_model(n_persons: int, hold_out: int = 0, seed: int = 7):
    """Generate the register, take ``hold_out`` of its duplicate records out (they become look-up queries: the same
    person romanised by another system, sometimes with a typo or a date slip), register the rest in DuckDB, load the
    trained model, re-estimate the prior for this register's size and compute the term-frequency tables."""
    t = time.perf_counter()
    frame = register.generate(n_persons, seed=seed)
    held = frame.iloc[0:0]
    if hold_out:
        duplicated = frame[frame.duplicated("person_id", keep="first")]
        held = duplicated.sample(n=min(hold_out, len(duplicated)), random_state=seed)
        frame = frame.drop(index=held.index).reset_index(drop=True)
    generated = time.perf_counter() - t
    model, train_times = trained_register_model()
    t = time.perf_counter()
    clean = clean_frame(frame.drop(columns=["person_id"]))
    db = DuckDBAPI()
    table = db.register(clean, dataset_display_name="register")
    linker = Linker(table, model, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_names", "family_name", "date_of_birth")], recall=0.7
    )
    for column in ("given_names", "family_name"):
        linker.table_management.compute_tf_table(column)
    load = time.perf_counter() - t
    build = {
        "generate_register_s": round(generated, 2),
        "train_on_100k_s": train_times.pop("train_s"),
        "training_steps_s": train_times,
        "load_prior_tf_s": round(load, 2),
    }
    build["build_s"] = round(build["train_on_100k_s"] + load, 2)
    return frame, held, db, table, linker, build


def _queries(held: pd.DataFrame, n_queries: int, seed: int = 11) -> list[tuple[dict, str | None]]:
    """The held-out duplicate records (each with the register person it should find), topped up with new persons
    (who should find nobody), shuffled."""
    import random

    out: list[tuple[dict, str | None]] = []
    for row in held.to_dict("records"):
        person = row.pop("person_id")
        row["unique_id"] = "Q" + row["unique_id"]
        out.append((row, person))
    fresh = register.generate(n_queries - len(out), seed=seed + 1000, dup_rate=0.0, id_prefix="N")
    for row in fresh.to_dict("records"):
        row.pop("person_id")
        out.append((row, None))
    random.Random(seed).shuffle(out)
    return out


def lookup_latency(n_persons: int = 1_200_000, n_queries: int = 200) -> dict:
    """Milliseconds to compare one new record against a register of ``n_persons`` with ``predict_between`` (register
    the one-row table, block, score, fetch the candidates as pandas), p50/p95/p99 over ``n_queries``, after 5
    warm-up look-ups; plus the time to build the model."""
    frame, held, db, table, linker, build = _build_register_model(n_persons, hold_out=n_queries // 2)
    person_of = dict(zip(frame["unique_id"], frame["person_id"], strict=True))
    queries = _queries(held, n_queries)
    timings, found, known, candidates = [], 0, 0, []
    for i, (query, person) in enumerate(queries[:5] + queries):
        q = clean_frame(pd.DataFrame([query]))
        t = time.perf_counter()
        q_table = db.register(q, table_name=f"__query_{i}")
        result = linker.inference.predict_between(
            table, q_table, threshold_match_probability=POSSIBLE, warning_mode="never"
        ).as_pandas_dataframe()
        elapsed = time.perf_counter() - t
        db.delete_table_from_database(q_table.physical_name)
        if i < 5:
            continue
        timings.append(elapsed * 1000)
        candidates.append(len(result))
        if person is not None:
            known += 1
            ids = set(result["unique_id_l"]) | set(result["unique_id_r"])
            found += any(person_of.get(x) == person for x in ids)
    timings.sort()

    def pct(p: float) -> float:
        return round(timings[min(len(timings) - 1, round(p / 100 * (len(timings) - 1)))], 1)

    return {
        "register_records": len(frame),
        "register_persons": n_persons,
        "queries": len(timings),
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": round(statistics.fmean(timings), 1),
        "max_ms": round(timings[-1], 1),
        "mean_candidates_at_0.5": round(statistics.fmean(candidates), 2),
        "known_persons_found_at_0.5": f"{found}/{known}",
        "model": build,
    }


# ------------------------------------------------------------------------------------------------------ dedupe
def dedupe_time(n_persons: int) -> dict:
    """Seconds for Splink to de-duplicate a register of ``n_persons`` (plus its 3% duplicate records): model build
    (as for the look-ups), ``predict()`` over the whole register (pairs kept from 0.5), clustering at 0.99."""
    frame, _, _db, _table, linker, build = _build_register_model(n_persons)
    t = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=POSSIBLE)
    predict_s = time.perf_counter() - t
    pairs = predictions.as_pandas_dataframe()
    n_pairs = len(pairs)
    t = time.perf_counter()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=MATCH
    )
    cluster_frame = clusters.as_pandas_dataframe()
    cluster_s = time.perf_counter() - t
    person_of = dict(zip(frame["unique_id"], frame["person_id"], strict=True))
    truth = metrics.true_pairs_from_entities(
        [{"record_id": u, "entity_id": p} for u, p in person_of.items()], ref="record_id", entity="entity_id"
    )
    predicted = {
        (a, b): (p, band(p))
        for a, b, p in zip(pairs["unique_id_l"], pairs["unique_id_r"], pairs["match_probability"], strict=False)
    }
    quality_result = metrics.evaluate(predicted, truth)
    return {
        "register_persons": n_persons,
        "register_records": len(frame),
        "model": build,
        "predict_s": round(predict_s, 2),
        "pairs_at_0.5": n_pairs,
        "cluster_s": round(cluster_s, 2),
        "clusters": int(cluster_frame["cluster_id"].nunique()),
        "dedupe_s": round(predict_s + cluster_s, 2),
        "total_s": round(build["build_s"] + predict_s + cluster_s, 2),
        "quality_on_planted_duplicates": {k: quality_result[k] for k in ("match", "match+possible", "best")},
    }


# ---------------------------------------------------------------------------------------------------------- CLI
def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        )
    mem = ""
    try:
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    import duckdb

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "splink": splink.__version__,
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
    }


def _run_child(kind: str, n: int, timeout: float) -> dict:
    """One measurement in its own process (fresh memory, and a wall-clock cap)."""
    cmd = [sys.executable, __file__, "--child", kind, "--persons", str(n)]
    t = time.perf_counter()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"register_persons": n, "error": f"stopped after {timeout:.0f} s (over the time cap)"}
    if out.returncode != 0:
        return {"register_persons": n, "error": out.stderr.strip().splitlines()[-1:] or ["failed"]}
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = round(time.perf_counter() - t, 1)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the Splink side of the screening benchmark.")
    parser.add_argument("--out", default=str(HERE / "splink_results.json"))
    parser.add_argument("--persons", type=int, default=1_200_000, help="register size for the look-up latency")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dedupe", default="100000,300000,1200000", help="register sizes to de-duplicate")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for one measurement")
    parser.add_argument("--translit", type=Path, default=HERE / "data" / "translit.csv", help="the set's CSV")
    parser.add_argument("--entities", type=int, default=2000, help="entities, if the set must be generated")
    parser.add_argument("--skip", default="", help="comma-separated: quality,latency,dedupe")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "latency":
        print(json.dumps(lookup_latency(args.persons, args.queries)))
        return
    if args.child == "dedupe":
        print(json.dumps(dedupe_time(args.persons)))
        return

    skip = set(filter(None, args.skip.split(",")))
    started = dt.datetime.now(dt.UTC)
    results: dict = {"date": started.isoformat(timespec="seconds"), "machine": machine()}
    results["model"] = {
        "comparisons": [
            "NameComparison(given_names)",
            "NameComparison(family_name)",
            "DateOfBirthComparison(date_of_birth)",
            "ExactMatch(sex), ExactMatch(nationality) where present",
        ],
        "blocking_rules": BLOCKING_RULES_TEXT,
        "training": "prior from deterministic rules (recall 0.7); u by random sampling (seed 42); m by EM blocked "
        "on given+family name, then on date of birth",
        "bands": {"match": MATCH, "possible": POSSIBLE},
    }
    if "quality" not in skip:
        records, pairs = febrl_records()
        results["febrl4"] = quality(records, pairs, "link_only")
        print("FEBRL4", json.dumps({k: results["febrl4"][k] for k in ("match", "match+possible", "best")}))
        records, pairs, cultures = translit_records(args.translit, args.entities)
        results["translit"] = quality(records, pairs, "dedupe_only", groups=cultures)
        results["translit"]["set"] = {
            "file": str(args.translit),
            "generated_with": f"--entities {args.entities} --seed 1",
        }
        print("translit", json.dumps({k: results["translit"][k] for k in ("match", "match+possible", "best")}))
        gc.collect()
    if "latency" not in skip:
        results["lookup_latency"] = _run_child("latency", args.persons, args.timeout)
        print("latency", json.dumps(results["lookup_latency"]))
    if "dedupe" not in skip:
        results["dedupe"] = []
        for n in [int(x) for x in args.dedupe.split(",") if x]:
            result = _run_child("dedupe", n, args.timeout)
            results["dedupe"].append(result)
            print("dedupe", json.dumps(result))
            if "error" in result:
                break  # a larger register will not do better
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
