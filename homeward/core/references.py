"""Case references that people can read aloud on the phone: `2026-K7M-4QX`.

The alphabet is Crockford's base 32 (no I, L, O, U), so a reference read out loud cannot be misheard as another
letter, and what a user types back (`2026 k7m 4qx`, `2026-K7M-4QX`, with O for 0) is normalised before a search.
"""

import random
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY = 6  # characters of ALPHABET after the year
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_REFERENCE = re.compile(r"^([0-9]{4})([0-9A-HJKMNP-TV-Z]{3})([0-9A-HJKMNP-TV-Z]{3})$", re.ASCII)


def reference_new(year: int, random_choice=secrets.choice) -> str:
    return reference_of(year, "".join(random_choice(ALPHABET) for _ in range(BODY)))


def reference_drawn(year: int, rng: random.Random) -> str:
    """A reference drawn from a seeded generator, its characters in one draw (an import of 700,000 cases: 1 s, not
    3): an import's references are the same each time it runs with the same seed."""
    return reference_of(year, "".join(rng.choices(ALPHABET, k=BODY)))


def reference_of(year: int, body: str) -> str:
    """The reference of a year and BODY characters of ALPHABET."""
    return f"{year:04d}-{body[:3]}-{body[3:]}"


def reference_normalise(text: str) -> str | None:
    """The canonical reference for what a user typed, or None if it cannot be one."""
    compact = re.sub(r"[\s\-_./]", "", text.upper()).translate(_LOOKALIKES)
    match = _REFERENCE.match(compact)
    if not match:
        return None
    year, first, second = match.groups()
    return f"{year}-{first}-{second}"
