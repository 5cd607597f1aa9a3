"""The in-memory index: which records of a register are worth comparing with an applicant, and the best first."""

from __future__ import annotations

import datetime

import pytest

from homeward.people.screening.compare import MATCH, PersonRecord
from homeward.people.screening.index import MemoryIndex, near_skeletons
from homeward.people.screening.normalise import field_skeleton

D = datetime.date

REGISTER = [
    PersonRecord("P1", "Shevchenko", "Oleksandr", "M", D(1985, 11, 3), "DAY", "UA"),
    PersonRecord("P2", "Kovalenko", "Dmytro", "M", D(1985, 11, 3), "DAY", "UA"),
    PersonRecord("P3", "Gevorgyan", "Anahit", "F", D(1990, 2, 14), "DAY", "AM"),
    PersonRecord("P4", "Japaridze", "Giorgi", "M", D(1978, 6, 30), "DAY", "GE"),
    PersonRecord("P5", "Shevchenko", "Taras", "M", D(1961, 3, 9), "DAY", "UA"),
]


@pytest.fixture
def index() -> MemoryIndex:
    return MemoryIndex(REGISTER)


def refs(found) -> list[str]:
    return [item.ref for item in found]


@pytest.mark.parametrize(
    ("applicant", "expected"),
    [
        pytest.param(PersonRecord("A", "Oleksandr", "Shevchenko", "M", D(1985, 11, 3), "DAY", "UA"), "P1",
                     id="names-swapped"),
        pytest.param(PersonRecord("A", "Anahit", "Геворгян", "F", D(1990, 2, 14), "DAY", "AM"), "P3",
                     id="names-swapped-other-script"),
        pytest.param(PersonRecord("A", "Giorgi", "Japaridze", "M", None, "UNKNOWN", "GE"), "P4",
                     id="names-swapped-date-unknown"),
    ],
)
def test_a_record_is_found_under_its_names_read_the_other_way_round(index, applicant, expected):
    # given a register, when an applicant whose given and family names were written swapped is looked up
    found = index.lookup(applicant)

    # then the person is the first candidate, and the comparison read the names swapped
    assert refs(found)[0] == expected
    assert found[0].comparison.names_swapped


@pytest.mark.parametrize(
    ("family_name", "given_names", "born", "expected"),
    [
        ("Shevenko", "Oleksandr", D(1985, 11, 3), "P1"),  # a syllable dropped
        ("Shevcheko", "Aleksandr", D(1985, 3, 11), "P1"),  # a letter dropped, another romanisation, day/month swapped
        ("Gevorgyants", "Anahit", D(1990, 2, 14), "P3"),  # a suffix written on
    ],
)
def test_a_record_is_found_under_a_misspelt_family_name_when_the_given_name_and_year_agree(
    index, family_name, given_names, born, expected
):
    # given a misspelling that changes the family name's skeleton, so that only the given name and year can find it
    registered = index.records[expected]
    assert field_skeleton(family_name) != field_skeleton(registered.family_name)
    applicant = PersonRecord("A", family_name, given_names, registered.sex, born, "DAY", registered.nationality)

    # when it is looked up, then the registered person is the one candidate, and reaches a band
    assert refs(index.candidates(applicant)) == [expected]
    assert refs(index.lookup(applicant)) == [expected]


@pytest.mark.parametrize(
    ("family_name", "given_names", "sex", "nationality", "expected"),
    [
        ("Shevchenko", "Oleksandr", "M", "UA", "P1"),
        ("Ševčenko", "Aleksandr", "M", "UA", "P1"),
        ("Gevorkian", "Anahit", "F", "AM", "P3"),
        ("Джапаридзе", "Георгий", "M", "GE", "P4"),
    ],
)
def test_a_record_is_found_under_an_unknown_date_of_birth_when_both_names_agree(
    index, family_name, given_names, sex, nationality, expected
):
    # given an applicant whose date of birth is not known (so no key with a year can find anyone)
    applicant = PersonRecord("A", family_name, given_names, sex, None, "UNKNOWN", nationality)

    # when looked up, then the person with the same names is the one candidate, and reaches a band
    assert refs(index.candidates(applicant)) == [expected]
    assert refs(index.lookup(applicant)) == [expected]


def test_a_record_is_never_its_own_candidate(index):
    for record in REGISTER:
        assert record.ref not in refs(index.candidates(record))
        assert record.ref not in refs(index.lookup(record))


def test_a_person_registered_twice_finds_the_other_record_but_not_itself():
    # given the same man registered twice, the second time romanised another way
    index = MemoryIndex([*REGISTER, PersonRecord("P9", "Ševčenko", "Aleksandr", "M", D(1985, 11, 3), "DAY", "UA")])

    # then each record finds the other, and only the other
    assert refs(index.lookup(REGISTER[0])) == ["P9"]
    assert refs(index.lookup(index.records["P9"])) == ["P1"]


def test_an_applicant_with_no_likely_match_has_no_candidates(index):
    applicant = PersonRecord("A", "Mammadov", "Rashad", "M", D(1992, 8, 1), "DAY", "AZ")

    assert index.lookup(applicant) == []


def test_the_candidates_come_best_first():
    # given a register holding one man's exact record, a record with the day and month swapped and a weaker one
    # (year of birth only, sex and nationality unknown), a namesake born six years later, and his brother
    index = MemoryIndex(
        [
            PersonRecord("R-weak", "Sevcenko", "Oleksandr", "", D(1985, 1, 1), "YEAR", ""),
            PersonRecord("R-namesake", "Shevchenko", "Oleksandr", "M", D(1991, 7, 30), "DAY", "UA"),
            PersonRecord("R-exact", "Shevchenko", "Oleksandr", "M", D(1985, 11, 3), "DAY", "UA",
                         ("FE 123456",)),
            PersonRecord("R-brother", "Shevchenko", "Taras", "M", D(1988, 4, 17), "DAY", "UA"),
            PersonRecord("R-swapped", "Ševčenko", "Aleksandr", "M", D(1985, 3, 11), "DAY", "UA"),
        ]
    )
    applicant = PersonRecord("A", "Shevchenko", "Oleksandr", "M", D(1985, 11, 3), "DAY", "UA", ("FE-123456",))

    # when looked up
    found = index.lookup(applicant)

    # then the scores never rise down the list, the exact record comes first, the strong ones are matches
    scores = [candidate.score for candidate in found]
    assert scores == sorted(scores, reverse=True)
    assert refs(found)[0] == "R-exact"
    assert found[0].band == MATCH
    assert "R-swapped" in refs(found)
    assert "R-brother" not in refs(found)
    assert all(candidate.band and candidate.why for candidate in found)


@pytest.mark.parametrize(
    "applicant",
    [
        pytest.param(PersonRecord("A", "Shevchnko", "Oleksandr", "M", None, "UNKNOWN", "UA"), id="typo-date-unknown"),
        pytest.param(PersonRecord("A", "Shevchenko", "Olekssandr", "M", D(1987, 11, 3), "DAY", "UA"),
                     id="typo-given-two-years-off"),
        pytest.param(PersonRecord("A", "Shevchenkro", "", "M", D(1985, 11, 3), "DAY", "UA"), id="typo-no-given-name"),
    ],
)
def test_a_record_with_a_typo_and_a_second_error_is_still_a_candidate(index, applicant):
    # given a typo in one name and another error besides (date unknown or years off, given name missing), no key
    # of the applicant agrees exactly; when it is looked up, the record one letter away is compared all the same
    assert "P1" in [record.ref for record in index.candidates(applicant)]


def test_a_key_shared_as_it_is_ranks_a_candidate_before_one_only_a_letter_away():
    index = MemoryIndex([PersonRecord("near", "Shevchenkro", "Oleksandr", "M", D(1985, 11, 3), "DAY", "UA"),
                         PersonRecord("same", "Shevchenko", "Oleksandr", "M", D(1990, 5, 5), "DAY", "UA")])

    candidates = index.candidates(PersonRecord("A", "Shevchenko", "Oleksandr", "M", None, "UNKNOWN", "UA"))

    assert [record.ref for record in candidates] == ["same", "near"]


@pytest.mark.parametrize(("bones", "near"), [("svsnk", "svnk"), ("svsnk", "svsnkv"), ("svsnk", "bvsnk")])
def test_the_skeletons_one_letter_away_are_those_with_a_letter_left_out_added_or_changed(bones, near):
    assert near in near_skeletons(bones)
    assert bones not in near_skeletons(bones)


def test_short_skeletons_have_no_neighbours_to_look_up():
    assert near_skeletons("sn") == set()
