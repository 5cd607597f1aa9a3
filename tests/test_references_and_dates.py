"""Pure rules, no database: case references, dates of birth as people give them, and name folding for search."""

from __future__ import annotations

import datetime
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.core.references import ALPHABET, reference_drawn, reference_new, reference_normalise
from homeward.people.dates import date_of_birth_parse
from homeward.people.models import DatePrecision
from homeward.people.names import name_fold, search_name_for

TODAY = datetime.date(2026, 3, 11)
REFERENCE = re.compile(rf"^\d{{4}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}$")


# References


def test_the_alphabet_is_crockfords_base_32():
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert set("ILOU") & set(ALPHABET) == set()


def test_a_new_reference_is_the_year_and_six_characters_of_the_alphabet():
    reference = reference_new(2026, random.Random(7).choice)

    assert REFERENCE.match(reference)
    assert reference.startswith("2026-")
    assert reference == reference_new(2026, random.Random(7).choice)


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1000, max_value=9999))
def test_a_reference_drawn_for_an_import_is_one_and_the_same_for_a_seed(seed, year):
    reference = reference_drawn(year, random.Random(seed))

    assert REFERENCE.match(reference) and reference.startswith(f"{year}-")
    assert reference_normalise(reference) == reference == reference_drawn(year, random.Random(seed))


def test_a_new_reference_is_drawn_with_the_given_choice():
    draws = iter("K7M4QX")

    assert reference_new(2026, lambda alphabet: next(draws)) == "2026-K7M-4QX"


def test_a_new_reference_pads_the_year():
    assert reference_new(7, lambda alphabet: "0") == "0007-000-000"


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1000, max_value=9999))
def test_any_new_reference_normalises_to_itself(seed, year):
    reference = reference_new(year, random.Random(seed).choice)

    assert REFERENCE.match(reference)
    assert reference_normalise(reference) == reference
    assert reference_normalise(reference.lower().replace("-", "")) == reference


@pytest.mark.parametrize(
    "typed",
    [
        "2026-K7M-4QX",
        "2026-k7m-4qx",
        "2026k7m4qx",
        "2026 K7M 4QX",
        "  2026 k7m 4qx\t",
        "2026_K7M.4QX",
        "2026/k7m/4qx",
    ],
)
def test_a_reference_is_accepted_as_people_type_it(typed):
    assert reference_normalise(typed) == "2026-K7M-4QX"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("2O26-K7M-4QX", "2026-K7M-4QX"),
        ("2026-o1o-4qx", "2026-010-4QX"),
        ("2026-I1L-4QX", "2026-111-4QX"),
        ("2026-l0o-ooo", "2026-100-000"),
    ],
)
def test_lookalike_letters_are_read_as_digits(typed, canonical):
    assert reference_normalise(typed) == canonical


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "nonsense",
        "Shevchenko",
        "2026",
        "2026-K7M",
        "2026-K7M-4QXX",
        "26-K7M-4QX",
        "20266-K7M-4QX",
        "2026-K7M-4Q!",
        "2026-K7M-4QÉ",
        "K7M-4QX-2026",
        "2026\x00K7M4QX",
    ],
)
def test_junk_is_not_a_reference(junk):
    assert reference_normalise(junk) is None


@pytest.mark.parametrize("junk", ["٢٠٢٦-K7M-4QX", "2026-UUU-4QX"])
def test_what_cannot_be_a_reference_is_refused(junk):
    assert reference_normalise(junk) is None


# Dates of birth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-03-11", (datetime.date(1985, 3, 11), DatePrecision.DAY)),
        ("1985-3-1", (datetime.date(1985, 3, 1), DatePrecision.DAY)),
        ("11/03/1985", (datetime.date(1985, 3, 11), DatePrecision.DAY)),
        ("11.03.1985", (datetime.date(1985, 3, 11), DatePrecision.DAY)),
        ("1/3/1985", (datetime.date(1985, 3, 1), DatePrecision.DAY)),
        ("1985", (datetime.date(1985, 1, 1), DatePrecision.YEAR)),
        ("  1985 ", (datetime.date(1985, 1, 1), DatePrecision.YEAR)),
        ("2024-02-29", (datetime.date(2024, 2, 29), DatePrecision.DAY)),
        ("1900-01-01", (datetime.date(1900, 1, 1), DatePrecision.DAY)),
        ("1900", (datetime.date(1900, 1, 1), DatePrecision.YEAR)),
        ("2026-03-11", (TODAY, DatePrecision.DAY)),
        ("2026", (datetime.date(2026, 1, 1), DatePrecision.YEAR)),
        ("", (None, DatePrecision.UNKNOWN)),
        ("   ", (None, DatePrecision.UNKNOWN)),
    ],
)
def test_a_date_of_birth_is_read_as_people_write_it(text, expected):
    assert date_of_birth_parse(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "2023-02-30 is not a date that exists."),
        ("2023-02-29", "2023-02-29 is not a date that exists."),
        ("1985-13-01", "1985-13-01 is not a date that exists."),
        ("31/04/1990", "31/04/1990 is not a date that exists."),
        ("2026-03-12", "The date of birth cannot be in the future."),
        ("12/03/2026", "The date of birth cannot be in the future."),
        ("2027", "The date of birth cannot be in the future."),
        ("1899-12-31", "The date of birth cannot be before 1900."),
        ("1899", "The date of birth cannot be before 1900."),
        ("yesterday", "Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."),
        ("03/1985", "Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."),
        ("85", "Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."),
        ("1985-03-11T00:00", "Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."),
        ("11-03-1985", "Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."),
    ],
)
def test_a_date_of_birth_that_cannot_be_is_refused_with_a_message(text, message):
    with pytest.raises(ValueError) as refused:
        date_of_birth_parse(text, today=TODAY)

    assert str(refused.value) == message


def test_the_year_zero_is_refused_with_a_clerks_message():
    with pytest.raises(ValueError) as refused:
        date_of_birth_parse("0000", today=TODAY)

    assert str(refused.value) == "The date of birth cannot be before 1900."


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY))
def test_any_date_from_1900_to_today_written_iso_reads_back_as_itself(born):
    assert date_of_birth_parse(born.isoformat(), today=TODAY) == (born, DatePrecision.DAY)


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY))
def test_any_date_from_1900_to_today_written_day_first_reads_back_as_itself(born):
    assert date_of_birth_parse(born.strftime("%d/%m/%Y"), today=TODAY) == (born, DatePrecision.DAY)


@given(st.dates(min_value=TODAY + datetime.timedelta(days=1)))
def test_any_date_after_today_is_refused(born):
    with pytest.raises(ValueError) as refused:
        date_of_birth_parse(born.isoformat(), today=TODAY)

    assert str(refused.value) == "The date of birth cannot be in the future."


# Names


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Ševčenko", "sevcenko"),
        ("Шевченко", "shevchenko"),
        ("SHEVCHENKO", "shevchenko"),
        ("Олександр", "oleksandr"),
        ("Al-Hassan", "al hassan"),
        ("  O'Brien  ", "o brien"),
        ("Müller-Lüdenscheidt", "muller ludenscheidt"),
        ("Çelik", "celik"),
        ("Γεώργιος", "georgios"),
        ("", ""),
        ("---", ""),
    ],
)
def test_name_fold(written, folded):
    assert name_fold(written) == folded


def test_the_search_name_joins_family_and_given_names():
    # Transliteration is one scheme for every language: Ukrainian "и" comes out as "i", not as "y".
    assert search_name_for(family_name="Шевченко", given_names="Олександр Петрович") == (
        "shevchenko oleksandr petrovich"
    )
    assert search_name_for(family_name="Abdi", given_names="") == "abdi"


@given(st.text())
def test_a_folded_name_is_lower_case_ascii_words(text):
    folded = name_fold(text)

    assert re.fullmatch(r"([a-z0-9]+( [a-z0-9]+)*)?", folded)
