"""Name folding for search: any script to lower-case ASCII, so a clerk can type what they hear."""

import re

from anyascii import anyascii

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def name_fold(text: str) -> str:
    """`Ševčenko` → `sevcenko`, `Шевченко` → `shevchenko`, `Al-Hassan` → `al hassan`."""
    return _NOT_ALPHANUMERIC.sub(" ", anyascii(text).lower()).strip()


def search_name_for(*, family_name: str, given_names: str) -> str:
    return f"{name_fold(family_name)} {name_fold(given_names)}".strip()
