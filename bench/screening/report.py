"""Writes bench/screening/results.md from the two sides' JSON (homeward_results.json, splink_results.json).

    python bench/screening/report.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"lookup_p95_ms": 50, "translit_match_precision": 0.99, "translit_recall": 0.98, "dedupe_minutes": 20}


def _load(name: str) -> dict:
    path = HERE / name
    return json.loads(path.read_text()) if path.exists() else {}


def _prf(result: dict, band: str) -> str:
    if not result or band not in result:
        return "—"
    row = result[band]
    return f"{row['precision']:.3f} / {row['recall']:.3f} / {row['f1']:.3f}"


def _mark(ok: bool) -> str:
    return "meets" if ok else "**misses**"


def main() -> int:
    homeward, splink = _load("homeward_results.json"), _load("splink_results.json")
    hw_lookup, sp_lookup = homeward.get("lookup", {}), splink.get("lookup_latency", {})
    hw_dedupe = homeward.get("dedupe", {})
    sp_dedupe = [run for run in splink.get("dedupe", []) if "error" not in run]
    hw_translit, sp_translit = homeward.get("translit", {}), splink.get("translit", {})
    hw_febrl, sp_febrl = homeward.get("febrl4", {}), splink.get("febrl4", {})
    lines = [
        "# Screening benchmark: Homeward beside Splink",
        "",
        "`bench/screening/run` runs both sides on the same data and writes this file. Quality: precision / recall / F1",
        "of the pairs each side puts in the band `match` (probability ≥ 0.99 for Splink) and in `match` or `possible`",
        "(≥ 0.5), computed by the same code (`metrics.py`). Data: the transliteration set of `translit.py` (3,913",
        "records of 2,000 persons from ten cultures, romanised by different systems, with swaps, typos and placeholder",
        "dates; seed 1) and FEBRL4 (5,000 + 5,000 records, names and date of birth only). Look-ups and deduplication:",
        "a synthetic register of 1.2 million persons (`register.py`, 3% with a second record).",
        "",
        f"- Homeward run: {homeward.get('date', '—')}, {homeward.get('machine', '—')}, Python "
        f"{homeward.get('python', '—')}, PostgreSQL for the register"
        + (f"; quality measured again after the last change to the engine, {homeward['quality_date']}"
           if homeward.get("quality_date") else "")
        + (f"; look-ups measured again over the same register, {homeward['lookup_date']} (the deduplication is the "
           "first run's)" if homeward.get("lookup_date") else ""),
        f"- Splink run: {splink.get('date', '—')}, Splink {splink.get('machine', {}).get('splink', '—')} "
        f"(DuckDB {splink.get('machine', {}).get('duckdb', '—')})",
        "",
        "## Quality",
        "",
        "| data | side | match P / R / F1 | match+possible P / R / F1 | best threshold F1 |",
        "|---|---|---|---|---|",
    ]
    for name, hw, sp in (("transliteration set", hw_translit, sp_translit), ("FEBRL4 (names, date of birth)",
                                                                            hw_febrl, sp_febrl)):
        for side, result in (("Homeward", hw), ("Splink", sp)):
            best = result.get("best", {}).get("f1")
            lines.append(f"| {name} | {side} | {_prf(result, 'match')} | {_prf(result, 'match+possible')} | "
                         f"{best if best is not None else '—'} |")
    lines += [
        "",
        "## One look-up against the register",
        "",
        "| side | persons | p50 | p95 | p99 | index build | index size |",
        "|---|---|---|---|---|---|---|",
    ]
    register = homeward.get("register", {})
    if hw_lookup:
        lines.append(
            f"| Homeward (PostgreSQL, `register_candidates`) | {register.get('persons', 0):,} | "
            f"{hw_lookup['p50_ms']} ms | {hw_lookup['p95_ms']} ms | {hw_lookup['p99_ms']} ms | "
            f"keys {register.get('keys_seconds')} s + write {register.get('write_seconds')} s | "
            f"{register.get('screening_index_mb')} MB (3 B-tree indexes) |"
        )
    if sp_lookup and "p95_ms" in sp_lookup:
        lines.append(
            f"| Splink (`predict` of one record against the register) | {sp_lookup.get('register_records', 0):,} | "
            f"{sp_lookup['p50_ms']} ms | {sp_lookup['p95_ms']} ms | {sp_lookup['p99_ms']} ms | "
            f"{sp_lookup.get('model', {}).get('build_s', '—')} s | in memory |"
        )
    lines += [
        "",
        "## Deduplication of the whole register",
        "",
        "| side | persons | time | peak memory | match P / R / F1 | match+possible P / R / F1 |",
        "|---|---|---|---|---|---|",
    ]
    if hw_dedupe:
        lines.append(
            f"| Homeward (`homeward find-duplicates`' code) | {register.get('persons', 0):,} | "
            f"{hw_dedupe['seconds'] / 60:.1f} min | {hw_dedupe['peak_rss_mb']} MB | "
            f"{_prf(hw_dedupe, 'match')} | {_prf(hw_dedupe, 'match+possible')} |"
        )
    for run in sp_dedupe:
        quality = run.get("quality_on_planted_duplicates", {})
        lines.append(
            f"| Splink | {run['register_persons']:,} | {run['total_s'] / 60:.1f} min | — | "
            f"{_prf(quality, 'match')} | {_prf(quality, 'match+possible')} |"
        )
    for run in splink.get("dedupe", []):
        if "error" in run:
            lines.append(f"| Splink | {run['register_persons']:,} | {run['error']} | | | |")
    recall = hw_translit.get("match+possible", {}).get("recall", 0)
    precision = hw_translit.get("match", {}).get("precision", 0)
    lines += [
        "",
        "## Against the figures of issue 5",
        "",
        f"- One look-up at 1.2 million persons, p95 ≤ {TARGETS['lookup_p95_ms']} ms: "
        f"{hw_lookup.get('p95_ms', '—')} ms, {_mark(hw_lookup.get('p95_ms', 1e9) <= TARGETS['lookup_p95_ms'])}.",
        f"- Transliteration set, `match` precision ≥ {TARGETS['translit_match_precision']}: {precision:.3f}, "
        f"{_mark(precision >= TARGETS['translit_match_precision'])}; `match`+`possible` recall ≥ "
        f"{TARGETS['translit_recall']}: {recall:.3f}, {_mark(recall >= TARGETS['translit_recall'])}.",
        f"- FEBRL4 (names, date of birth), best F1 ≥ Splink's: {hw_febrl.get('best', {}).get('f1', '—')} against "
        f"{sp_febrl.get('best', {}).get('f1', '—')}.",
        f"- Deduplication of 1.2 million persons ≤ {TARGETS['dedupe_minutes']} min: "
        f"{hw_dedupe.get('seconds', 0) / 60:.1f} min, "
        f"{_mark(0 < hw_dedupe.get('seconds', 1e9) / 60 <= TARGETS['dedupe_minutes'])}.",
        "",
        "## What the numbers mean",
        "",
        "Homeward's look-up is one indexed query over three key columns of the person, then the comparison of at most",
        "200 persons in Python; Splink scores the record against its blocked candidates in DuckDB. On the",
        "transliteration set Homeward's normalisation (scripts, romanisation systems, particles, attached articles,",
        "unwritten vowels, variants) is what Splink, given generic cleaning only, lacks; a Splink model with a",
        "transliteration-aware column would do better. Records with two errors at once (a typo in a name and a date",
        "unknown or a year off, or a missing given name) share no key exactly: the look-up also tries each name one",
        "letter away (near keys, ranked below exact ones, at most 50 such persons compared). What is still missed is",
        "mostly three errors at once, or a name too short to look up one letter away (Sah, Li). The look-up's p99 is",
        "the cyclic garbage collector of Python walking the normalisation caches as they grow during the run: with",
        "the collector paused the same 300 look-ups give a p99 of about 50 ms (measured by hand, 2026-11-30).",
        "The register's name pool is small (about 70,000 family spellings at 1.2 million), so same-name namesakes born",
        "the same year are denser than in a real register: the deduplication's precision is pessimistic for both.",
        "Timings move by about ±10 % between runs on this 2-core machine.",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
