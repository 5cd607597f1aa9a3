"""Comparing two person records field by field, and weighing the agreements (Fellegi–Sunter).

Each field is compared into a *level* (exact, sounds alike, close, ... different, missing); each level carries a
weight, log2(m/u), where m is how often a true pair of records of one person shows that level and u how often two
different persons do. The weights are learned from data by `screening.train` (u from random pairs of the register,
m by expectation-maximisation over the candidate pairs) and kept in `weights.json`; docs/screening.md explains
them. The score is the probability that the two records are one person; bands turn it into what an officer sees.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from rapidfuzz.distance import JaroWinkler

from homeward.people.names import name_fold
from homeward.people.screening.normalise import article_off, name_tokens, skeleton, sounded, spoken, vowel_blind

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
MATCH, POSSIBLE = "match", "possible"

# The levels of each comparison, best first; "missing" carries no weight either way.
LEVELS = {
    "family_name": ("exact", "sounds_alike", "close", "similar", "partial", "different", "missing"),
    "given_names": ("exact", "sounds_alike", "close", "similar", "partial", "different", "missing"),
    "date_of_birth": ("exact", "day_month_swapped", "same_year", "near", "different", "missing"),
    "sex": ("agree", "different", "missing"),
    "nationality": ("agree", "different", "missing"),
    "document": ("agree", "different", "missing"),
}

# What each level means, for the officer reading a candidate's explanation.
LEVEL_TEXT = {
    "exact": _("the same"),
    "sounds_alike": _("written differently, sounds the same"),
    "close": _("nearly the same spelling"),
    "similar": _("similar spelling"),
    "partial": _("one has a name the other lacks"),
    "different": _("different"),
    "missing": _("not known on one side"),
    "day_month_swapped": _("day and month swapped"),
    "same_year": _("same year (one date is a year only or 1 January)"),
    "near": _("close (one digit or one year apart)"),
    "agree": _("the same"),
}
FIELD_TEXT = {
    "family_name": _("family name"),
    "given_names": _("given names"),
    "date_of_birth": _("date of birth"),
    "sex": _("sex"),
    "nationality": _("nationality"),
    "document": _("document number"),
}


@dataclass(frozen=True)
class PersonRecord:
    """What screening looks at of a person, from the register, a form or a file."""

    ref: str
    family_name: str
    given_names: str = ""
    sex: str = ""
    date_of_birth: datetime.date | None = None
    dob_precision: str = "DAY"  # DAY, YEAR (stored as 1 January) or UNKNOWN
    nationality: str = ""
    documents: tuple[str, ...] = ()  # numbers, any document type

    @functools.cached_property
    def family(self) -> tuple[str, ...]:
        return tuple(spoken(token) for token in name_tokens(self.family_name))

    @functools.cached_property
    def given(self) -> tuple[str, ...]:
        return tuple(spoken(token) for token in name_tokens(self.given_names))

    @functools.cached_property
    def family_written(self) -> str:
        return name_fold(self.family_name)

    @functools.cached_property
    def given_written(self) -> str:
        return name_fold(self.given_names)

    @functools.cached_property
    def document_numbers(self) -> frozenset[str]:
        return frozenset(number_normalise(number) for number in self.documents if number_normalise(number))

    @property
    def birth_year(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth and self.dob_precision != "UNKNOWN" else None


def number_normalise(number: str) -> str:
    return "".join(char for char in number.upper() if char.isalnum())


@dataclass(frozen=True)
class Agreement:
    field: str
    level: str
    weight: float
    detail: str = ""

    @property
    def text(self) -> str:
        return f"{FIELD_TEXT[self.field]}: {LEVEL_TEXT[self.level]}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Comparison:
    score: float  # the probability that both records are the same person
    band: str  # "match", "possible" or "" (below both)
    agreements: tuple[Agreement, ...] = field(default=())
    names_swapped: bool = False

    @property
    def why(self) -> list[str]:
        reasons = [agreement.text for agreement in self.agreements if agreement.level != "missing"]
        if self.names_swapped:
            reasons.insert(0, str(_("given and family names written the other way round")))
        return reasons


@dataclass(frozen=True)
class _Words:
    """A name field's spoken words and the forms compared, made once per field (a look-up compares one applicant
    with hundreds of persons)."""

    tokens: tuple[str, ...]
    spaced: str
    spaced_sorted: str
    joined: str
    sounded: str
    bones: tuple[str, ...]
    vowelless: tuple[str, ...]


@functools.lru_cache(maxsize=200_000)
def _words(tokens: tuple[str, ...]) -> _Words:
    return _Words(tokens, " ".join(tokens), " ".join(sorted(tokens)), "".join(tokens),
                  " ".join(map(sounded, tokens)), tuple(sorted(map(skeleton, tokens))),
                  tuple(sorted(map(vowel_blind, tokens))))


def _token_level(a: tuple[str, ...], b: tuple[str, ...], written_a: str, written_b: str) -> tuple[str, float]:
    """The level of two name fields (their spoken words; as written, folded), and the similarity behind it."""
    if not a or not b:
        return "missing", 0.0
    if written_a == written_b:
        return "exact", 1.0
    x, y = _words(a), _words(b)
    if a == b or x.spaced_sorted == y.spaced_sorted:
        return "sounds_alike", 1.0
    written = max(JaroWinkler.similarity(x.spaced, y.spaced), JaroWinkler.similarity(x.spaced_sorted, y.spaced_sorted),
                  JaroWinkler.similarity(x.joined, y.joined))
    similarity = max(written, JaroWinkler.similarity(x.sounded, y.sounded))
    # Same consonants: Gevorgyan / Kevorkian. Short skeletons need a close spelling too: not Ahmadi / Mohammadi
    # (ahmdy / mhmdy: scripts without short vowels leave skeletons too short to tell names apart on their own).
    if x.bones == y.bones and (written >= 0.8 or len("".join(x.bones)) >= 5):
        return "sounds_alike", similarity
    if similarity >= 0.92 or x.vowelless == y.vowelless:
        return "close", similarity  # nearly the same letters, or the same but for unwritten short vowels
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < len(longer) and all(any(_same_word(token, other) for other in longer) for token in shorter):
        return "partial", similarity
    if similarity >= 0.84:
        return "similar", similarity
    return "different", similarity


def _article_off(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words with an Arabic article written on to the first one taken off (ALASAD → asad), or unchanged."""
    bare = article_off(tokens[0]) if tokens else None
    return (bare, *tokens[1:]) if bare else tokens


def _j_as_zh(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The spoken words with j read as the zh of the French and Mongolian systems (Jargalsaikhan, Joukov)."""
    return tuple(token.replace("j", "z") for token in tokens)


def _field_level(a: tuple[str, ...], b: tuple[str, ...], written_a: str, written_b: str) -> tuple[str, float]:
    """The level of two name fields, read as written and in the readings `normalise.spelling_variants` looks up:
    without an article written on to the first word, and with j read as zh."""
    best = _token_level(a, b, written_a, written_b)
    if best[0] in ("exact", "sounds_alike") or not (_other_readings(a) or _other_readings(b)):
        return best
    rank = LEVELS["family_name"].index
    for other_a, other_b in ((_article_off(a), b), (a, _article_off(b)), (_j_as_zh(a), b), (a, _j_as_zh(b))):
        if (other_a, other_b) != (a, b):
            level = _token_level(other_a, other_b, "", " ")
            if rank(level[0]) < rank(best[0]):
                best = level
    return best


def _other_readings(tokens: tuple[str, ...]) -> bool:
    return bool(tokens) and (article_off(tokens[0]) is not None or any("j" in token for token in tokens))


def _same_word(a: str, b: str) -> bool:
    return a == b or (skeleton(a) == skeleton(b) and JaroWinkler.similarity(a, b) >= 0.8)


def _names(a: PersonRecord, b: PersonRecord) -> tuple[str, str, bool]:
    """Family and given name levels, the names read straight or, if that agrees better, swapped."""
    fa, ga, fb, gb = a.family_written, a.given_written, b.family_written, b.given_written
    straight = (_field_level(a.family, b.family, fa, fb), _field_level(a.given, b.given, ga, gb))
    swapped = (_field_level(a.family, b.given, fa, gb), _field_level(a.given, b.family, ga, fb))
    rank = LEVELS["family_name"].index
    straight_rank = rank(straight[0][0]) + rank(straight[1][0])
    swapped_rank = rank(swapped[0][0]) + rank(swapped[1][0])
    if swapped_rank < straight_rank and "missing" not in (swapped[0][0], swapped[1][0]):
        return swapped[0][0], swapped[1][0], True
    return straight[0][0], straight[1][0], False


def _one_digit_apart(a: datetime.date, b: datetime.date) -> bool:
    x, y = a.isoformat(), b.isoformat()
    return sum(1 for left, right in zip(x, y, strict=True) if left != right) == 1


def _date_level(a: PersonRecord, b: PersonRecord) -> str:
    if a.date_of_birth is None or b.date_of_birth is None or "UNKNOWN" in (a.dob_precision, b.dob_precision):
        return "missing"
    x, y = a.date_of_birth, b.date_of_birth
    placeholder = (x.month, x.day) == (1, 1) or (y.month, y.day) == (1, 1)  # 1 January: often "year only"
    year_only = "YEAR" in (a.dob_precision, b.dob_precision) or placeholder
    if x == y and not (year_only and {a.dob_precision, b.dob_precision} == {"YEAR", "DAY"}):
        return "exact"
    if x.year == y.year and x.month == y.day and x.day == y.month and x != y:
        return "day_month_swapped"
    if year_only and x.year == y.year:
        return "same_year"
    a_year_apart = abs(x.year - y.year) == 1 and ((x.month, x.day) == (y.month, y.day) or year_only)
    if _one_digit_apart(x, y) or a_year_apart:
        return "near"
    return "different"


def _simple_level(x: str, y: str) -> str:
    if not x or not y:
        return "missing"
    return "agree" if x == y else "different"


def levels(a: PersonRecord, b: PersonRecord) -> tuple[dict[str, str], bool]:
    """The level of every comparison of two records, and whether their names were read swapped."""
    family, given, swapped = _names(a, b)
    documents = (
        "missing" if not a.document_numbers or not b.document_numbers
        else "agree" if a.document_numbers & b.document_numbers else "different"
    )
    return {
        "family_name": family,
        "given_names": given,
        "date_of_birth": _date_level(a, b),
        "sex": _simple_level(a.sex if a.sex != "X" else "", b.sex if b.sex != "X" else ""),
        "nationality": _simple_level(a.nationality, b.nationality),
        "document": documents,
    }, swapped


@dataclass(frozen=True)
class Weights:
    """m and u per level, the prior that a candidate pair is a match, and the bands' thresholds."""

    m: dict[str, dict[str, float]]
    u: dict[str, dict[str, float]]
    prior: float
    match_at: float
    possible_at: float
    source: str = ""

    def weight(self, comparison: str, level: str) -> float:
        if level == "missing":
            return 0.0
        return math.log2(self.m[comparison][level] / self.u[comparison][level])

    def to_json(self) -> dict:
        return {"m": self.m, "u": self.u, "prior": self.prior, "match_at": self.match_at,
                "possible_at": self.possible_at, "source": self.source}

    @classmethod
    def from_json(cls, data: dict) -> Weights:
        return cls(m=data["m"], u=data["u"], prior=data["prior"], match_at=data["match_at"],
                   possible_at=data["possible_at"], source=data.get("source", ""))


@functools.lru_cache(maxsize=1)
def weights_current() -> Weights:
    return Weights.from_json(json.loads(WEIGHTS_FILE.read_text()))


def compare(a: PersonRecord, b: PersonRecord, weights: Weights | None = None) -> Comparison:
    weights = weights or weights_current()
    found, swapped = levels(a, b)
    agreements = tuple(Agreement(name, level, weights.weight(name, level)) for name, level in found.items())
    total = math.log2(weights.prior / (1 - weights.prior)) + sum(agreement.weight for agreement in agreements)
    score = 1 / (1 + 2 ** (-total)) if total > -60 else 0.0
    band = MATCH if score >= weights.match_at else POSSIBLE if score >= weights.possible_at else ""
    # A match needs both names to agree (at least closely), the same sex and the date of birth to agree (exactly, or day
    # and month swapped), or a document number: namesakes born the same year are many, and twins share a birthday.
    if band == MATCH and found["document"] != "agree" and (
        {"similar", "different", "missing"} & {found["family_name"], found["given_names"]}
        or found["date_of_birth"] not in ("exact", "day_month_swapped")
        or found["sex"] == "different"
    ):
        band = POSSIBLE
    return Comparison(round(score, 4), band, agreements, swapped)
