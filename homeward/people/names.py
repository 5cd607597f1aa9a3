"""Name folding for search: any script to lower-case ASCII, so a clerk can type what they hear."""

import functools
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)  # names repeat: an import of a large history folds the same ones many times
def name_fold(text: str) -> str:
    """`Ševčenko` → `sevcenko`, `Шевченко` → `shevchenko`, `Al-Hassan` → `al hassan`."""
    # NFKC first: a compatibility character (µ for μ, ϐ for β) folds like the letter it stands for.
    return _NOT_ALPHANUMERIC.sub(" ", anyascii(unicodedata.normalize("NFKC", text)).lower()).strip()


def is_latin(text: str) -> bool:
    """True if every letter is a Latin letter (with or without diacritics)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def latin_rendering(text: str) -> str:
    """The text in Latin letters for readers of the Latin script; empty when it already is."""
    return "" if is_latin(text) else anyascii(text)


# Transliteration can lengthen a name a lot (北京 → "beijing"): the search copy is cut to fit its column.
SEARCH_NAME_MAX = 400


def search_name_for(*, family_name: str, given_names: str) -> str:
    return f"{name_fold(family_name)} {name_fold(given_names)}".strip()[:SEARCH_NAME_MAX]


# Between the persons of a household in Case.search_names. Never in a search name (a-z, 0-9 and spaces only), so no
# word typed can match across two persons.
NAMES_APART = "|"


def household_search_names(search_names: Iterable[str]) -> str:
    return NAMES_APART.join(search_names)
