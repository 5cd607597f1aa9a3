"""Finding the candidates worth comparing: blocking keys, in memory and in the register.

Comparing an applicant with every person of a register of a million is out of the question; comparing with those
who share a *blocking key* is cheap and misses little. A person has three keys, each robust to a different kind of
error (docs/screening.md):

- family-name skeleton and year of birth (given names missing, misspelt or different);
- given-names skeleton and year of birth (family name misspelt or changed);
- family and given skeletons together (date of birth unknown, swapped, a year off).

An applicant is looked up under its own keys and under those of its names read the other way round (given and
family names swapped), and a year of birth either side. In the register the keys are three columns of the person,
kept by `Person.derived_refresh` (the people services) and by the importer, behind three indexes; the look-up is
one query (`register.py`, which also computes them again: `homeward screening-rekey`).
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from homeward.people.screening.compare import Comparison, PersonRecord, Weights, compare
from homeward.people.screening.normalise import field_skeleton, first_skeleton, spelling_variants

CANDIDATES_COMPARED = 200  # at most this many persons sharing keys are compared, those sharing most keys first
NEAR_ONLY_COMPARED = 50  # of which at most this many found only under a name one letter away
EXACT, NEAR = 10, 1  # what sharing a key counts for in the ranking: as it is, one letter away


def screen_keys(
    family_name: str, given_names: str, date_of_birth: datetime.date | None, precision: str
) -> tuple[str, str, int | None]:
    """The person's screening columns: family skeleton, first given name's skeleton, year of birth (None if
    unknown)."""
    year = date_of_birth.year if date_of_birth is not None and precision != "UNKNOWN" else None
    return field_skeleton(family_name), first_skeleton(given_names), year


def query_keys(record: PersonRecord) -> set[tuple[str, str, object]]:
    """The keys an applicant is looked up under: its own, those of its names read the other way round, and a year
    of birth either side of its own."""
    family, given, year = screen_keys(record.family_name, record.given_names, record.date_of_birth,
                                      record.dob_precision)
    keys: set[tuple[str, str, object]] = set()
    # Names are looked up as written and as other systems write them (Alasad / El-Asad, Joukov / Zhukov).
    families = {family} | {field_skeleton(text) for text in spelling_variants(record.family_name)}
    givens = {given} | {first_skeleton(text) for text in spelling_variants(record.given_names)}
    for family_form, given_form in itertools.product(sorted(families), sorted(givens)):
        for first, second in ((family_form, given_form), (given_form, family_form)):
            for near in (year - 1, year, year + 1) if year is not None else ():  # a year written one off
                if first:
                    keys.add(("family_year", first, near))
                if second:
                    keys.add(("given_year", second, near))
            if first and second:
                keys.add(("names", first, second))
    return keys


SKELETON_LETTERS = "bklmnrstv"  # what a skeleton is written in (normalise: consonant classes)


def near_skeletons(bones: str) -> set[str]:
    """The skeletons one letter away (one left out, changed or added): a typo in a name. Only for skeletons of three
    letters or more, whose neighbours are still rare enough to look up."""
    if len(bones) < 3:
        return set()
    near = {bones[:i] + bones[i + 1 :] for i in range(len(bones))}
    for i in range(len(bones) + 1):
        for letter in SKELETON_LETTERS:
            near.add(bones[:i] + letter + bones[i:])
            if i < len(bones):
                near.add(bones[:i] + letter + bones[i + 1 :])
    near.discard(bones)
    return {form for form in near if 2 <= len(form) <= 32}


def typo_keys(record: PersonRecord) -> set[tuple[str, str, object]]:
    """Keys for a record with a typo in one name and another error besides (date unknown or a year off, a name
    missing): one name's skeleton one letter away, with the other name (if that has two letters or more), or with
    the year of birth (then only a neighbour of three letters or more): a one-letter name like Li, or a two-letter
    skeleton and a year, are shared by thousands."""
    family, given, year = screen_keys(record.family_name, record.given_names, record.date_of_birth,
                                      record.dob_precision)
    keys: set[tuple[str, str, object]] = set()
    for first, second in ((family, given), (given, family)):
        for near in near_skeletons(first):
            if year is not None and len(near) >= 3:
                keys.add(("family_year", near, year))
            if len(second) >= 2:
                keys.add(("names", near, second))
        for near in near_skeletons(second):
            if year is not None and len(near) >= 3:
                keys.add(("given_year", near, year))
            if len(first) >= 2:
                keys.add(("names", first, near))
    return keys


def compared(ranked: Sequence[Any], shared: dict[Any, int] | Counter[Any]) -> list[Any]:
    """The candidates to compare, best ranked first: at most CANDIDATES_COMPARED, of which at most
    NEAR_ONLY_COMPARED share no key as it is (a short name one letter away from a common one finds many)."""
    chosen, near_only = [], 0
    for item in ranked:
        if shared[item] < EXACT:
            if near_only == NEAR_ONLY_COMPARED:
                continue
            near_only += 1
        chosen.append(item)
        if len(chosen) == CANDIDATES_COMPARED:
            break
    return chosen


def record_keys(record: PersonRecord) -> set[tuple[str, str, object]]:
    """The keys a person of the register is filed under."""
    family, given, year = screen_keys(record.family_name, record.given_names, record.date_of_birth,
                                      record.dob_precision)
    keys: set[tuple[str, str, object]] = set()
    if family and year is not None:
        keys.add(("family_year", family, year))
    if given and year is not None:
        keys.add(("given_year", given, year))
    if family and given:
        keys.add(("names", family, given))
    return keys


@dataclass(frozen=True)
class Candidate:
    ref: str
    comparison: Comparison

    @property
    def score(self) -> float:
        return self.comparison.score

    @property
    def band(self) -> str:
        return self.comparison.band

    @property
    def why(self) -> list[str]:
        return self.comparison.why


def ranked(applicant: PersonRecord, records: Iterable[PersonRecord], weights: Weights | None = None) -> list[Candidate]:
    """The records that reach a band, best first."""
    found = []
    for record in records:
        comparison = compare(applicant, record, weights)
        if comparison.band:
            found.append(Candidate(record.ref, comparison))
    found.sort(key=lambda candidate: (-candidate.score, candidate.ref))
    return found


class MemoryIndex:
    """The same keys and comparison as the register's, held in memory: for files and benchmarks."""

    def __init__(self, records: Iterable[PersonRecord] = ()) -> None:
        self.records: dict[str, PersonRecord] = {}
        self.keys: dict[tuple[str, str, object], list[str]] = defaultdict(list)
        for record in records:
            self.add(record)

    def add(self, record: PersonRecord) -> None:
        self.records[record.ref] = record
        for key in record_keys(record):
            self.keys[key].append(record.ref)

    def candidates(self, record: PersonRecord) -> list[PersonRecord]:
        hits: Counter[str] = Counter()
        for key in query_keys(record):
            for ref in self.keys.get(key, ()):
                hits[ref] += EXACT
        for key in typo_keys(record):
            for ref in self.keys.get(key, ()):
                hits[ref] += NEAR
        hits.pop(record.ref, None)
        return [self.records[ref] for ref in compared(sorted(hits, key=lambda ref: (-hits[ref], ref)), hits)]

    def lookup(self, record: PersonRecord, weights: Weights | None = None) -> list[Candidate]:
        return ranked(record, self.candidates(record), weights)

    def blocks(self) -> Sequence[list[str]]:
        """The groups of refs sharing a key (for deduplication)."""
        return [refs for refs in self.keys.values() if len(refs) > 1]
