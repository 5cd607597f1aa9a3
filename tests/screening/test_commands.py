"""`homeward screen APPLICANTS.csv` and `homeward find-duplicates` against a small register (database tests)."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from homeward.cases.models import CaseState
from homeward.core.models import AccessLog
from homeward.people.models import Person
from homeward.people.screening.batch import APPLICANT_COLUMNS
from homeward.people.services import person_create
from tests.factories import case_in_state, person_data

D = datetime.date
TODAY = D(2026, 11, 30)


def registered(family_name: str, given_names: str, *, source_ref: str | None = None, **fields) -> Person:
    """A person registered through the service (which keeps the screening keys), with an imported reference."""
    person = person_create(data=person_data(family_name, given_names, **fields), today=TODAY)
    if source_ref:
        Person.objects.filter(pk=person.pk).update(source_ref=source_ref)
    return person


def ref_of(person: Person) -> str:
    return f"P{person.pk}"


@pytest.fixture
def register(db):
    """One man registered twice (imported, then again romanised another way), a woman, and two namesakes."""
    return {
        "oleksandr": registered("Shevchenko", "Oleksandr", source_ref="UA-2019-0001"),
        "oleksandr-again": registered("Ševčenko", "Aleksandr", date_of_birth=D(1985, 3, 11)),
        "anahit": registered("Gevorgyan", "Anahit", sex="F", date_of_birth=D(1990, 2, 14), nationality="AM",
                             source_ref="AM-2021-0042"),
        "dmytro": registered("Kovalenko", "Dmytro"),  # born the same day as Oleksandr
        "taras": registered("Shevchenko", "Taras", date_of_birth=D(1961, 3, 9)),  # his father
    }


def applicants_csv(rows: list[dict[str, str]], columns=APPLICANT_COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def applicant(ref: str, family_name: str, given_names: str, sex: str, date_of_birth: str, nationality: str) -> dict:
    return dict(zip(APPLICANT_COLUMNS, (ref, family_name, given_names, sex, date_of_birth, nationality), strict=True))


@pytest.fixture
def screen(tmp_path):
    """`screen(content, user)` writes the file and screens it; returns the JSON lines printed.

    Errors (CommandError) propagate; what the command printed is kept in `screen.stdout` and `screen.stderr`.
    """

    class Screener:
        stdout = stderr = ""

        def __call__(self, content: bytes, user, name: str = "applicants.csv") -> list[dict]:
            path = Path(tmp_path) / name
            path.write_bytes(content)
            out, err = io.StringIO(), io.StringIO()
            try:
                call_command("screen", str(path), "--user", user.username, stdout=out, stderr=err)
            finally:
                self.stdout, self.stderr = out.getvalue(), err.getvalue()
            return [json.loads(line) for line in self.stdout.splitlines()]

    return Screener()


@pytest.fixture
def find_duplicates():
    def run(user, *options: str) -> list[dict]:
        out = io.StringIO()
        call_command("find-duplicates", "--user", user.username, "--quiet", *options, stdout=out, stderr=io.StringIO())
        return [json.loads(line) for line in out.getvalue().splitlines()]

    return run


def test_each_applicant_gets_one_line_with_its_candidates_best_first(register, officer, screen):
    # given a file of three applicants: Oleksandr as a third office wrote him, a stranger, and Anahit
    content = applicants_csv([
        applicant("APP-17", "Shevchenko", "Oleksandr", "M", "1985-11-03", "UA"),
        applicant("APP-03", "Mammadov", "Rashad", "M", "1992-08-01", "az"),
        applicant("APP-09", "Gevorkian", "Anahit", "F", "1990-02-14", "AM"),
    ])

    # when screened by a case officer
    lines = screen(content, officer)

    # then there is one JSON line per applicant, in the file's order, each with its reference echoed
    assert [line["applicant_ref"] for line in lines] == ["APP-17", "APP-03", "APP-09"]
    assert all(set(line) == {"applicant_ref", "candidates"} for line in lines)
    oleksandr, stranger, anahit = (line["candidates"] for line in lines)
    # Oleksandr's two records are candidates, best first: the imported one under its source reference
    assert [candidate["person_ref"] for candidate in oleksandr][:2] == [
        "UA-2019-0001", ref_of(register["oleksandr-again"])
    ]
    assert [candidate["score"] for candidate in oleksandr] == sorted(
        (candidate["score"] for candidate in oleksandr), reverse=True
    )
    assert oleksandr[0]["band"] == "match"
    # neither the man born the same day nor the father is a match
    assert {ref_of(register["dmytro"]), ref_of(register["taras"])}.isdisjoint(
        candidate["person_ref"] for candidate in oleksandr if candidate["band"] == "match"
    )
    # an applicant with no likely match has an empty list
    assert stranger == []
    assert [candidate["person_ref"] for candidate in anahit] == ["AM-2021-0042"]
    for candidate in oleksandr + anahit:
        assert set(candidate) == {"person_ref", "score", "band", "why"}
        assert candidate["band"] in {"match", "possible"}
        assert 0.5 <= candidate["score"] <= 1
        assert candidate["why"] and all(isinstance(reason, str) and reason for reason in candidate["why"])


def test_the_why_of_a_candidate_tells_about_the_swapped_day_and_month(register, officer, screen):
    # given the example: the register's Oleksandr, and an applicant romanised otherwise with day/month swapped
    Person.objects.filter(pk=register["oleksandr-again"].pk).delete()
    content = applicants_csv([applicant("APP-1", "Ševčenko", "Aleksandr", "M", "1985-03-11", "UA")])

    # when screened
    [line] = screen(content, officer)

    # then Oleksandr is a match, and the why says the day and month are swapped
    [candidate] = line["candidates"]
    assert (candidate["person_ref"], candidate["band"]) == ("UA-2019-0001", "match")
    assert any("day and month swapped" in reason for reason in candidate["why"]), candidate["why"]


def test_a_person_registered_through_a_case_is_found(counsellor, officer, movement, screen):
    # given a case registered by a partner, its principal Oleksandr Shevchenko born 1985-11-03
    case = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    principal = case.members.get().person

    # when an applicant with the names written the other way round, in Cyrillic, is screened
    [line] = screen(applicants_csv([applicant("APP-1", "Олександр", "Шевченко", "M", "1985-11-03", "UA")]), officer)

    # then the principal is the one candidate, a match read with the names swapped
    [candidate] = line["candidates"]
    assert (candidate["person_ref"], candidate["band"]) == (ref_of(principal), "match")
    assert "given and family names written the other way round" in candidate["why"]


def test_a_run_is_recorded_once_in_the_access_log(register, officer, screen):
    content = applicants_csv([
        applicant("APP-1", "Shevchenko", "Oleksandr", "M", "1985-11-03", "UA"),
        applicant("APP-2", "Gevorgyan", "Anahit", "F", "", "AM"),
    ])

    screen(content, officer, name="november.csv")

    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_type, entry.object_id) == (officer, "screen", "file", "november.csv")


def test_a_partner_counsellor_is_refused_and_nothing_is_logged(register, counsellor, screen):
    content = applicants_csv([applicant("APP-1", "Shevchenko", "Oleksandr", "M", "1985-11-03", "UA")])

    with pytest.raises(CommandError, match="country-office staff"):
        screen(content, counsellor)

    assert screen.stdout == ""
    assert not AccessLog.objects.exists()


def test_a_file_missing_columns_names_every_one_and_screens_nothing(register, officer, screen):
    # given a file without the sex and date_of_birth columns
    columns = [column for column in APPLICANT_COLUMNS if column not in {"sex", "date_of_birth"}]
    content = applicants_csv([applicant("APP-1", "Shevchenko", "Oleksandr", "M", "1985-11-03", "UA")], columns)

    # when screened, then the command stops, names both columns and prints no JSON
    with pytest.raises(CommandError, match="2 problem"):
        screen(content, officer)

    assert screen.stderr.splitlines() == [
        "applicants.csv, line 1: the column sex is missing",
        "applicants.csv, line 1: the column date_of_birth is missing",
    ]
    assert screen.stdout == ""
    assert not AccessLog.objects.exists()


def test_a_file_with_bad_rows_reports_every_problem_and_screens_nothing(register, officer, screen):
    # given a file whose good rows are mixed with a bad date, a date written the other way and a row without ref
    content = applicants_csv([
        applicant("APP-1", "Shevchenko", "Oleksandr", "M", "1985-11-03", "UA"),
        applicant("APP-2", "Gevorgyan", "Anahit", "F", "1990-02-30", "AM"),
        applicant("APP-3", "Kovalenko", "Dmytro", "M", "03/11/1985", "UA"),
        applicant("", "Mammadov", "Rashad", "M", "1992-08-01", "AZ"),
    ])

    # when screened
    with pytest.raises(CommandError, match="3 problem"):
        screen(content, officer)

    # then every problem is printed with its line, and not a single JSON line
    problems = screen.stderr.splitlines()
    assert len(problems) == 3
    assert problems[0].startswith("applicants.csv, line 3, column date_of_birth: '1990-02-30'")
    assert problems[1].startswith("applicants.csv, line 4, column date_of_birth: '03/11/1985'")
    assert problems[2] == "applicants.csv, line 5: person_ref and family_name are required"
    assert screen.stdout == ""
    assert not AccessLog.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(register, officer, screen):
    content = applicants_csv([applicant("APP-1", "Ševčenko", "Aleksandr", "M", "1985-03-11", "UA")])

    with pytest.raises(CommandError):
        screen(content.decode().encode("cp1250"), officer)

    assert "UTF-8" in screen.stderr
    assert screen.stdout == ""


def test_find_duplicates_prints_a_cluster_for_one_person_registered_twice(db, officer, find_duplicates):
    # given one man registered twice, once in Cyrillic and once in Latin letters, among others who are not him
    cyrillic = registered("Шевченко", "Олександр")
    registered("Shevchenko", "Oleksandr", source_ref="UA-2019-0001")
    registered("Kovalenko", "Dmytro")
    registered("Shevchenko", "Taras", date_of_birth=D(1961, 3, 9))
    registered("Gevorgyan", "Anahit", sex="F", date_of_birth=D(1990, 2, 14), nationality="AM")

    # when the register is searched for duplicates
    lines = find_duplicates(officer)

    # then there is one cluster, of his two records, and the run is logged
    assert len(lines) == 1
    assert sorted(lines[0]["cluster"]) == sorted([ref_of(cyrillic), "UA-2019-0001"])
    assert lines[0]["persons"] == 2
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action) == (officer, "find duplicates")


def test_find_duplicates_clusters_three_records_of_one_person(db, officer, find_duplicates):
    records = [
        registered("Шевченко", "Олександр"),
        registered("Shevchenko", "Oleksandr"),
        registered("Ševčenko", "Aleksandr", date_of_birth=D(1985, 3, 11)),
    ]

    assert find_duplicates(officer) == [{"cluster": sorted(ref_of(person) for person in records), "persons": 3}]


def test_find_duplicates_prints_nothing_for_a_register_without_duplicates(db, officer, find_duplicates):
    # given a register of different persons: namesakes born apart, brothers, one born the same day as another
    registered("Shevchenko", "Oleksandr")
    registered("Shevchenko", "Oleksandr", date_of_birth=D(1960, 5, 14))  # his father
    registered("Shevchenko", "Taras", date_of_birth=D(1988, 4, 17))  # his brother
    registered("Kovalenko", "Dmytro")
    registered("Gevorgyan", "Anahit", sex="F", date_of_birth=D(1990, 2, 14), nationality="AM")

    assert find_duplicates(officer) == []


def test_find_duplicates_refuses_a_partner_counsellor(db, counsellor, find_duplicates):
    registered("Шевченко", "Олександр")
    registered("Shevchenko", "Oleksandr")

    with pytest.raises(CommandError, match="country-office staff"):
        find_duplicates(counsellor)

    assert not AccessLog.objects.exists()
