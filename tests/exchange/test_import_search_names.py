"""An imported household is found by the names of its persons, as they stand after every import (Case.search_names,
which the importer writes itself on its fast path), and keeps its size (Case.persons) likewise."""

from __future__ import annotations

from homeward.cases.models import Case
from homeward.cases.selectors import case_search
from tests.exchange.casefiles import csv_bytes, row


def _found(text: str) -> set[str]:
    return set(case_search(Case.objects.all(), text).values_list("source_ref", flat=True))


def test_imported_households_are_found_by_their_members_names(admin, import_file):
    # given a file with a household of two, and a second case of its father, registered again later
    import_file(csv_bytes([
        row(case_ref="C-001", person_ref="P-001"),
        row(case_ref="C-001", person_ref="P-002", role="MEMBER", family_name="Kovalenko", given_names="Maria",
            sex="F", date_of_birth="2010-02-01"),
    ]), admin)
    import_file(csv_bytes([row(case_ref="C-002", person_ref="P-001", registered_on="2014-01-10",
                               departed_on="2014-05-02")]), admin)

    # then each household is found by the names of its members, the second by the father's name in the register
    assert _found("maria kovalenko") == {"C-001"}
    assert _found("oleksandr shevchenko") == {"C-001", "C-002"}
    assert _found("maria shevchenko") == set()


def test_a_name_a_later_file_corrects_is_searched_in_every_case_of_that_person(admin, import_file):
    # given a father in two cases, imported from two files (a file names a person once)
    import_file(csv_bytes([row(case_ref="C-001", person_ref="P-001")]), admin)
    import_file(csv_bytes([row(case_ref="C-002", person_ref="P-001", registered_on="2014-01-10",
                               departed_on="2014-05-02")]), admin)

    # when a later file of the first case corrects his family name
    import_file(csv_bytes([row(case_ref="C-001", person_ref="P-001", family_name="Shevchuk")]), admin)

    # then both of his cases are found by the name he has now, and neither by the old one
    assert _found("shevchuk") == {"C-001", "C-002"}
    assert _found("shevchenko") == set()


def _sizes() -> dict[str, tuple[int, int]]:
    return {case.source_ref: (case.persons, case.members.count()) for case in Case.objects.all()}


def test_an_imported_household_keeps_its_size_through_later_files(admin, import_file):
    # given a household of two, imported on the fast path
    import_file(csv_bytes([
        row(case_ref="C-001", person_ref="P-001"),
        row(case_ref="C-001", person_ref="P-002", role="MEMBER", family_name="Kovalenko", given_names="Maria",
            sex="F", date_of_birth="2010-02-01"),
    ]), admin)
    assert _sizes() == {"C-001": (2, 2)}

    # when a later file adds a third person, then another takes two away
    import_file(csv_bytes([
        row(case_ref="C-001", person_ref="P-001"),
        row(case_ref="C-001", person_ref="P-002", role="MEMBER", family_name="Kovalenko", given_names="Maria",
            sex="F", date_of_birth="2010-02-01"),
        row(case_ref="C-001", person_ref="P-003", role="MEMBER", given_names="Taras", date_of_birth="2012-03-01"),
    ]), admin)
    assert _sizes() == {"C-001": (3, 3)}
    import_file(csv_bytes([row(case_ref="C-001", person_ref="P-001")]), admin)

    # then the case keeps the size each file left
    assert _sizes() == {"C-001": (1, 1)}
