"""Two person records compared field by field: the level of each comparison, the score, the band and the why."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from homeward.people.screening.compare import LEVELS, MATCH, PersonRecord, compare, levels

D = datetime.date

OLEKSANDR = PersonRecord(
    "A", "Shevchenko", "Oleksandr", sex="M", date_of_birth=D(1985, 11, 3), dob_precision="DAY", nationality="UA"
)


def other(**changes) -> PersonRecord:
    """Oleksandr's record as another office wrote it: the same but for the changes."""
    return replace(OLEKSANDR, ref="B", **changes)


def born(value: D | None, precision: str = "DAY") -> dict:
    return {"date_of_birth": value, "dob_precision": precision if value else "UNKNOWN"}


# (Oleksandr's date, the other record's date, the level): the precision is DAY unless a YEAR is given.
DATES = [
    pytest.param(born(D(1985, 11, 3)), born(D(1985, 11, 3)), "exact", id="exact"),
    pytest.param(born(D(1985, 1, 1), "YEAR"), born(D(1985, 1, 1), "YEAR"), "exact", id="exact-both-year-only"),
    pytest.param(born(D(1985, 11, 3)), born(D(1985, 3, 11)), "day_month_swapped", id="day-month-swapped"),
    pytest.param(born(D(1985, 11, 3)), born(D(1985, 1, 1), "YEAR"), "same_year", id="same-year-year-only"),
    pytest.param(born(D(1985, 11, 3)), born(D(1985, 1, 1)), "same_year", id="same-year-1-january-placeholder"),
    pytest.param(born(D(1985, 11, 3)), born(D(1985, 11, 8)), "near", id="near-one-digit"),
    pytest.param(born(D(1985, 11, 3)), born(D(1986, 11, 3)), "near", id="near-one-year"),
    pytest.param(born(D(1989, 11, 3)), born(D(1990, 11, 3)), "near", id="near-one-year-over-a-decade"),
    pytest.param(born(D(1985, 11, 3)), born(D(1983, 11, 3)), "near", id="near-one-digit-of-the-year"),
    pytest.param(born(D(1985, 11, 3)), born(D(1979, 6, 21)), "different", id="different"),
    pytest.param(born(D(1985, 11, 3)), born(D(1960, 11, 3)), "different", id="different-25-years"),
    pytest.param(born(D(1985, 11, 3)), born(None), "missing", id="missing-unknown"),
    pytest.param(born(None), born(None), "missing", id="missing-both-unknown"),
    pytest.param(born(D(1985, 1, 1), "YEAR"), born(D(1985, 1, 1)), "same_year", id="year-only-vs-1-january"),
]


@pytest.mark.parametrize(("ours", "theirs", "level"), DATES)
def test_the_dates_of_birth_are_compared_into_a_level(ours, theirs, level):
    # given Oleksandr's record and another, alike but for the dates of birth
    a, b = replace(OLEKSANDR, **ours), other(**theirs)

    # when compared, then the date of birth is at the level, both ways round
    assert levels(a, b)[0]["date_of_birth"] == level
    assert levels(b, a)[0]["date_of_birth"] == level


@pytest.mark.parametrize(
    ("ours", "theirs", "level"),
    [
        ("M", "M", "agree"),
        ("M", "F", "different"),
        ("M", "", "missing"),
        ("M", "X", "missing"),  # 'Other / not stated' tells nothing either way
        ("X", "X", "missing"),
    ],
)
def test_sex_is_compared_into_a_level(ours, theirs, level):
    assert levels(replace(OLEKSANDR, sex=ours), other(sex=theirs))[0]["sex"] == level


@pytest.mark.parametrize(("ours", "theirs", "level"), [("UA", "UA", "agree"), ("UA", "RU", "different"),
                                                       ("UA", "", "missing"), ("", "", "missing")])
def test_nationality_is_compared_into_a_level(ours, theirs, level):
    assert levels(replace(OLEKSANDR, nationality=ours), other(nationality=theirs))[0]["nationality"] == level


@pytest.mark.parametrize(
    ("ours", "theirs", "level"),
    [
        (("FE 123456",), ("fe-123456",), "agree"),  # numbers compared without case, spaces and dashes
        (("FE 123456",), ("XK 000111", "FE123456"), "agree"),  # any document of one against any of the other
        (("FE 123456",), ("FE 654321",), "different"),
        (("FE 123456",), (), "missing"),
        ((), (), "missing"),
    ],
)
def test_documents_are_compared_into_a_level(ours, theirs, level):
    assert levels(replace(OLEKSANDR, documents=ours), other(documents=theirs))[0]["document"] == level


@pytest.mark.parametrize(
    ("family_name", "given_names", "family_level", "given_level"),
    [
        ("Shevchenko", "Oleksandr", "exact", "exact"),
        ("SHEVCHENKO", "oleksandr", "exact", "exact"),
        ("Ševčenko", "Aleksandr", "sounds_alike", "sounds_alike"),
        ("Шевченко", "Олександр", "exact", "exact"),  # folded to Latin, the same letters
        ("Kovalenko", "Dmytro", "different", "different"),
        ("Shevchenko", "", "exact", "missing"),
    ],
)
def test_the_names_are_compared_into_a_level(family_name, given_names, family_level, given_level):
    found, swapped = levels(OLEKSANDR, other(family_name=family_name, given_names=given_names))

    assert (found["family_name"], found["given_names"], swapped) == (family_level, given_level, False)


def test_every_comparison_has_a_level_of_its_own_list():
    found, _swapped = levels(OLEKSANDR, other(family_name="Ševčenko", date_of_birth=D(1985, 3, 11)))

    assert set(found) == set(LEVELS)
    assert all(level in LEVELS[name] for name, level in found.items())


@pytest.mark.parametrize(
    ("family_name", "given_names"),
    [("Oleksandr", "Shevchenko"), ("Aleksandr", "Ševčenko"), ("Олександр", "Шевченко")],
)
def test_names_written_the_other_way_round_are_read_swapped_and_still_match(family_name, given_names):
    # given the same person, the given name written in the family name's place and the other way round
    swapped = other(family_name=family_name, given_names=given_names)

    # when compared
    comparison = compare(OLEKSANDR, swapped)
    found, names_swapped = levels(OLEKSANDR, swapped)

    # then the names are read swapped, agree, and with the rest agreeing the pair is a match that says so
    assert names_swapped is comparison.names_swapped is True
    assert found["family_name"] in {"exact", "sounds_alike"}
    assert found["given_names"] in {"exact", "sounds_alike"}
    assert comparison.band == MATCH
    assert "given and family names written the other way round" in comparison.why[0]


def test_the_headline_example_is_a_match_that_mentions_the_day_month_swap():
    # given the example: one man, romanised by two systems, day and month swapped by one office
    ours = PersonRecord("A", "Shevchenko", "Oleksandr", "M", D(1985, 11, 3), "DAY", "UA")
    theirs = PersonRecord("B", "Ševčenko", "Aleksandr", "M", D(1985, 3, 11), "DAY", "UA")

    # when compared
    comparison = compare(ours, theirs)

    # then it is a match, and the why tells the officer about the swapped day and month
    assert comparison.band == MATCH
    assert comparison.names_swapped is False
    assert any("day and month swapped" in reason for reason in comparison.why), comparison.why
    assert compare(theirs, ours).band == MATCH


@pytest.mark.parametrize(
    ("theirs", "with_document", "without_document"),
    [
        # the names agree, the dates do not, the nationality is unknown: the document number decides
        (dict(born(D(1972, 5, 9)), nationality=""), ("FE-123456",), ()),
        # the same, with the date of birth unknown on one side
        (dict(born(None), nationality="RU"), ("fe 123456",), ()),
    ],
)
def test_an_agreeing_document_gives_a_higher_score_than_a_missing_one(theirs, with_document, without_document):
    ours = replace(OLEKSANDR, documents=("FE 123456",))

    agreeing = compare(ours, other(**theirs, documents=with_document))
    missing = compare(ours, other(**theirs, documents=without_document))

    assert agreeing.score > missing.score
    assert {a.field: a.level for a in agreeing.agreements}["document"] == "agree"
    assert {a.field: a.level for a in missing.agreements}["document"] == "missing"


def test_a_missing_field_weighs_nothing_and_is_left_out_of_the_why():
    comparison = compare(OLEKSANDR, other(sex="", nationality=""))

    weights = {agreement.field: agreement.weight for agreement in comparison.agreements}
    assert weights["sex"] == weights["nationality"] == weights["document"] == 0.0
    assert not any(reason.startswith(("sex", "nationality", "document")) for reason in comparison.why)


def test_a_different_person_born_the_same_day_is_no_candidate():
    # given another man of the same nationality, born the same day, with other family and given names
    comparison = compare(OLEKSANDR, other(family_name="Kovalenko", given_names="Dmytro"))

    # then the pair reaches no band
    assert comparison.band == ""


@pytest.mark.parametrize(
    ("given_names", "sex", "date_of_birth"),
    [("Taras", "M", D(1988, 4, 17)), ("Olena", "F", D(1983, 7, 30)), ("Oleksii", "M", D(1990, 11, 3))],
)
def test_siblings_are_not_a_match(given_names, sex, date_of_birth):
    # given a brother or sister: the same family name, another given name, another date of birth
    comparison = compare(OLEKSANDR, other(given_names=given_names, sex=sex, date_of_birth=date_of_birth))

    assert comparison.band != MATCH


@pytest.mark.parametrize("father_born", [D(1960, 11, 3), D(1960, 5, 14), D(1960, 1, 1)])
def test_a_father_and_son_of_the_same_name_25_years_apart_are_not_a_match(father_born):
    comparison = compare(OLEKSANDR, other(date_of_birth=father_born))

    assert comparison.band != MATCH


WHY_PAIRS = [
    other(),
    other(family_name="Ševčenko", given_names="Aleksandr", date_of_birth=D(1985, 3, 11)),
    other(family_name="Oleksandr", given_names="Shevchenko", sex="X"),
    other(family_name="Shevchenko", given_names="Oleksandr Taras", **born(D(1985, 1, 1), "YEAR")),
    other(family_name="Kovalenko", given_names="Dmytro", nationality="RU", documents=("FE 1",)),
    other(family_name="Shevchenkova", given_names="", **born(None), nationality=""),
    other(given_names="Taras", sex="F", date_of_birth=D(1986, 11, 3)),
]


@pytest.mark.parametrize("theirs", WHY_PAIRS)
def test_every_reason_of_the_why_is_a_non_empty_string(theirs):
    ours = replace(OLEKSANDR, documents=("FE 123456",))

    for comparison in (compare(ours, theirs), compare(theirs, ours)):
        assert comparison.why, comparison
        assert all(isinstance(reason, str) and reason.strip() for reason in comparison.why), comparison.why
        assert 0.0 <= comparison.score <= 1.0


def test_names_that_share_their_consonants_but_are_spelt_apart_are_not_a_match():
    # Japaridze and Beridze keep the same consonants once j is read as y; spelt this differently they are two names
    a = PersonRecord("a", "Japaridze", "Giorgi", "M", datetime.date(1980, 1, 5), "DAY", "GE")
    b = PersonRecord("b", "Beridze", "Giorgi", "M", datetime.date(1980, 1, 5), "DAY", "GE")
    assert compare(a, b).band != "match"


@pytest.mark.parametrize(
    ("ours", "theirs", "level"),
    [
        (("Al-Obeidi", "Ahmad"), ("Al Ubaidi", "Ahmad"), "close"),  # unwritten short vowels read differently
        (("Barrādah", "Ali"), ("Berrada", "Ali"), "close"),
        (("ALASAD", "KHADIJA"), ("El-Asad", "Khadija"), "sounds_alike"),  # the article written on, in a passport
        (("Zhargalsaykhan", "Bat"), ("Jargalsaikhan", "Bat"), "sounds_alike"),  # j read as zh
    ],
)
def test_family_names_written_by_other_systems_are_compared_into_a_level(ours, theirs, level):
    one = PersonRecord("A", *ours, "M", None, "UNKNOWN", "IQ")
    two = PersonRecord("B", *theirs, "M", None, "UNKNOWN", "IQ")

    assert levels(one, two)[0]["family_name"] == level
