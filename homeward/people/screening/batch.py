"""Screening many persons at once: a file of applicants against the register, and the register against itself."""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from homeward.people.models import Person
from homeward.people.screening.compare import PersonRecord, Weights, compare
from homeward.people.screening.index import screen_keys

APPLICANT_COLUMNS = ("person_ref", "family_name", "given_names", "sex", "date_of_birth", "nationality")
SMALL_BLOCK = 60  # a block up to this size is compared pair by pair
WINDOW = 40  # in a larger block, each record is compared with the next this many, in order of year of birth


class ApplicantErrors(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def applicants_read(data: bytes) -> list[PersonRecord]:
    """The applicants of a CSV file in the exchange format's person columns; every problem at once."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicantErrors([_("the file is not UTF-8 text: save it as 'CSV UTF-8'")]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in APPLICANT_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ApplicantErrors([_("line 1: the column %(name)s is missing") % {"name": name} for name in missing])
    errors, records = [], []
    for line, row in enumerate(reader, start=2):
        values = {key: (value or "").strip() for key, value in row.items() if key}
        if not values["person_ref"] or not values["family_name"]:
            errors.append(_("line %(line)s: person_ref and family_name are required") % {"line": line})
            continue
        born, precision = None, "UNKNOWN"
        if values["date_of_birth"]:
            try:
                born, precision = datetime.date.fromisoformat(values["date_of_birth"]), "DAY"
            except ValueError:
                errors.append(_("line %(line)s, column date_of_birth: %(value)r is not a date written YYYY-MM-DD")
                              % {"line": line, "value": values["date_of_birth"]})
                continue
        records.append(PersonRecord(values["person_ref"], values["family_name"], values["given_names"],
                                    values["sex"], born, precision, values["nationality"].upper()))
    if errors:
        raise ApplicantErrors(errors)
    return records


def register_records(batch: int = 20_000) -> Iterator[tuple[int, PersonRecord]]:
    """Every person of the register as a record, read in batches of primary keys."""
    last = 0
    fields = ("pk", "family_name", "given_names", "sex", "date_of_birth", "date_of_birth_precision", "nationality")
    while True:
        rows = list(Person.objects.filter(pk__gt=last).order_by("pk").values_list(*fields)[:batch])
        if not rows:
            return
        for pk, family, given, sex, born, precision, nationality in rows:
            yield pk, PersonRecord(str(pk), family, given, sex, born, precision, str(nationality or ""))
        last = rows[-1][0]


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float
    band: str
    why: list[str]


def dedupe_blocks(records: dict[str, PersonRecord]) -> list[list[str]]:
    """Blocks for comparing a register with itself: narrower than a look-up's keys, because every pair inside a
    block is compared. Both names (in either order); family name, year and the given name's first sound; given
    name, year and the family name's first sound. A duplicate differs from its original in one or two fields, and
    keeps at least one of these."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for ref, record in records.items():
        family, given, year = screen_keys(record.family_name, record.given_names, record.date_of_birth,
                                          record.dob_precision)
        if family and given:
            blocks[("names", *sorted((family, given)))].append(ref)
        if year is not None:
            if family:
                blocks[("family_year", family, year, given[:1])].append(ref)
            if given:
                blocks[("given_year", given, year, family[:1])].append(ref)
    return [refs for refs in blocks.values() if len(refs) > 1]


def _block_pairs(refs: list[str], records: dict[str, PersonRecord]) -> Iterator[tuple[str, str]]:
    """The pairs of a block worth comparing: all of them in a small block; in a large one (a common name), each
    record with its neighbours in order of year of birth, as far as a year apart (a sorted neighbourhood)."""
    if len(refs) <= SMALL_BLOCK:
        for position, a in enumerate(refs):
            for b in refs[position + 1 :]:
                yield a, b
        return
    ordered = sorted(refs, key=lambda ref: (records[ref].birth_year or 0, ref))
    for position, a in enumerate(ordered):
        year = records[a].birth_year
        for b in ordered[position + 1 : position + 1 + WINDOW]:
            other = records[b].birth_year
            if year is not None and other is not None and other - year > 1:
                break
            yield a, b


def duplicate_pairs(
    records: dict[str, PersonRecord], weights: Weights | None = None, progress: Callable[[int], None] | None = None
) -> list[Pair]:
    """Every pair of records sharing a block that reaches a band, each pair once."""
    seen: set[tuple[str, str]] = set()
    pairs = []
    for refs in dedupe_blocks(records):
        for a, b in _block_pairs(refs, records):
            key = (a, b) if a < b else (b, a)
            if key in seen:
                continue
            seen.add(key)
            comparison = compare(records[a], records[b], weights)
            if comparison.band:
                pairs.append(Pair(key[0], key[1], comparison.score, comparison.band,
                                  [str(reason) for reason in comparison.why]))
        if progress:
            progress(len(refs))
    return pairs


def clusters(pairs: list[Pair], band: str = "match") -> list[list[str]]:
    """Groups of refs joined by pairs of the band (union-find), largest first."""
    parent: dict[str, str] = {}

    def root(ref: str) -> str:
        parent.setdefault(ref, ref)
        while parent[ref] != ref:
            parent[ref] = parent[parent[ref]]
            ref = parent[ref]
        return ref

    for pair in pairs:
        if pair.band == band:
            parent[root(pair.a)] = root(pair.b)
    groups: dict[str, list[str]] = {}
    for ref in parent:
        groups.setdefault(root(ref), []).append(ref)
    found = [sorted(group) for group in groups.values() if len(group) > 1]
    return sorted(found, key=lambda group: (-len(group), group))
