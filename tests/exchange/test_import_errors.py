"""Bad case files: every problem is reported with its line and column, and nothing at all is written."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_countries import countries
from openpyxl import Workbook

from homeward.cases.models import Case
from homeward.exchange.files import open_case_file
from homeward.exchange.rows import COLUMNS, FileErrors, RowError, parse_rows
from homeward.organisations.models import Organisation
from tests.exchange.casefiles import REGISTER, csv_bytes, register_counts, row
from tests.exchange.test_round_trip import export

NOTHING_IMPORTED = "problem(s) found; nothing was imported. Correct the file and import it again."


def problems(content: bytes, name: str = "cases.csv") -> list[RowError]:
    """The problems parse_rows finds in a file (without a database)."""
    case_file = open_case_file(io.BytesIO(content), name)
    with pytest.raises(FileErrors) as raised:
        parse_rows(case_file.rows, countries=frozenset(dict(countries)), today=datetime.date(2024, 6, 30))
    return raised.value.errors


def refused(import_file, content: bytes, admin, name: str = "cases.csv") -> list[str]:
    """Imports a bad file through the command; returns the problems it printed. Asserts that nothing was written."""
    before = register_counts()
    with pytest.raises(CommandError) as raised:
        import_file(content, admin, name)
    printed = import_file.stderr.splitlines()
    assert str(raised.value) == f"{len(printed)} {NOTHING_IMPORTED}"
    assert register_counts() == before
    return printed


def test_a_missing_column_is_named(admin, import_file):
    # given a file without the vulnerable column
    columns = [column for column in COLUMNS if column != "vulnerable"]
    content = csv_bytes([row()], columns)

    # when it is imported, then the command names the column and writes nothing
    assert refused(import_file, content, admin) == [
        "cases.csv, line 1, column vulnerable: the column vulnerable is missing"
    ]


def test_an_unknown_column_is_named(admin, import_file):
    # given a file with a notes column the format does not have
    content = csv_bytes([{**row(), "notes": "call back"}], [*COLUMNS, "notes"])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 1, column notes: 'notes' is not a column of the case exchange format"
    ]


def test_an_unknown_country_is_refused(admin, import_file):
    # given a household returning to "ZZ", which is no country
    content = csv_bytes([row(destination="ZZ")])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 2, column destination: 'ZZ' is not an ISO 3166-1 alpha-2 country code"
    ]


def test_a_case_with_two_principals_is_refused(admin, import_file):
    # given a household whose second row also says PRINCIPAL
    content = csv_bytes([row(), row(person_ref="P-002", given_names="Olena", sex="F")])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 2, column role: case C-001 needs exactly one PRINCIPAL (found on lines: 2, 3)"
    ]


def test_a_case_whose_rows_disagree_is_refused(admin, import_file):
    # given a household whose second person returns to another country than the first
    content = csv_bytes([row(), row(person_ref="P-002", role="MEMBER", destination="RU")])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 3, column destination: case C-001 has 'UA' on line 2 but 'RU' here: the case columns "
        "must agree on every row of a case"
    ]


def test_a_departure_without_a_date_is_refused(admin, import_file):
    content = csv_bytes([row(outcome="DEPARTED", departed_on="")])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 2, column departed_on: a date is required (YYYY-MM-DD)"
    ]


def test_a_date_in_the_future_is_refused(admin, import_file):
    # given an application registered tomorrow
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    content = csv_bytes([row(registered_on=tomorrow, outcome="PENDING", departed_on="")])

    assert refused(import_file, content, admin) == [
        f"cases.csv, line 2, column registered_on: {tomorrow} is in the future"
    ]


def test_a_nul_character_is_refused_on_its_line(admin, import_file):
    # given a name carrying an invisible NUL character (PostgreSQL cannot store one in any text)
    content = csv_bytes([row(family_name="Shev\x00chenko")])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 2: contains a NUL character, an invisible control character: remove it and import the "
        "file again"
    ]


def test_a_file_that_is_not_utf8_is_refused(admin, import_file):
    # given a file saved as Latin-1 by a spreadsheet program
    content = csv_bytes([row(family_name="Müller")]).decode("utf-8").encode("latin-1")

    # when it is imported, then one problem says so in words a clerk can act on
    (printed,) = refused(import_file, content, admin)
    assert printed.startswith("cases.csv, line ")
    assert "is not UTF-8 text" in printed
    assert printed.endswith("save it as 'CSV UTF-8' and import it again") or printed.endswith(
        "save the file as 'CSV UTF-8' and import it again")


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line(admin, import_file):
    # given a file whose second line has a Latin-1 character
    content = csv_bytes([row(family_name="Müller")]).decode("utf-8").encode("latin-1")

    (printed,) = refused(import_file, content, admin)

    assert printed.startswith("cases.csv, line 2")


def test_an_empty_file_is_refused(admin, import_file):
    assert refused(import_file, b"", admin) == [
        "cases.csv, line 1: the file is empty: it needs a header row and at least one person"
    ]


def test_every_problem_of_a_file_is_reported_in_line_order(admin, import_file):
    # given a file with problems on four lines, the first one found last (a principal missing in case C-001)
    content = csv_bytes([
        row(role="MEMBER"),
        row(case_ref="C-002", person_ref="P-002", sex="W", departed_on="14/06/2012"),
        row(case_ref="C-003", person_ref="P-003", programme="AVRR", nationality="Ukraine"),
        row(case_ref="C-004", person_ref="P-002", reintegration="MICROBUSINESS;CASH"),
    ])

    # when it is imported
    printed = refused(import_file, content, admin)

    # then every problem is listed, by line, with its column
    assert printed == [
        "cases.csv, line 2, column role: case C-001 needs exactly one PRINCIPAL (found on lines: none)",
        "cases.csv, line 3, column sex: 'W' is not one of F, M, X",
        "cases.csv, line 3, column departed_on: '14/06/2012' is not a date written YYYY-MM-DD",
        "cases.csv, line 4, column programme: 'AVRR' is not one of AVRRL, REAB",
        "cases.csv, line 4, column nationality: 'Ukraine' is not an ISO 3166-1 alpha-2 country code",
        "cases.csv, line 5, column person_ref: 'P-002' is already used on line 3",
        "cases.csv, line 5, column reintegration: 'CASH' is not one of MICROBUSINESS, EDUCATION, HOUSING, MEDICAL, "
        "WAGE_SUBSIDY, JOB_PLACEMENT",
    ]


def test_parse_rows_lists_the_problems_with_line_and_column(db):
    # given a file with a departure before its registration and an AVRRL case with a REAB category
    content = csv_bytes([
        row(registered_on="2012-06-01", departed_on="2012-05-01"),
        row(case_ref="C-002", person_ref="P-002", programme="AVRRL"),
    ])

    # when it is parsed, then both problems come back as values, in line order
    assert problems(content) == [
        RowError(2, "departed_on", "is before the date the application was registered"),
        RowError(3, "reab_category", "must be empty for an AVRRL case"),
    ]


def test_a_partner_known_with_another_type_is_refused(admin, import_file, partner):
    # given the register knows Caritas International as an NGO, and a file that says it is a city's service
    content = csv_bytes([row(referring_partner="Caritas International", partner_type="CITY")])

    # when it is imported, then the clash is reported and nothing is written
    assert refused(import_file, content, admin) == [
        "cases.csv, line 2, column partner_type: Caritas International is registered as NGO, not CITY"
    ]
    assert Organisation.objects.get(name="Caritas International").type == "NGO"


def test_a_partner_with_two_types_in_one_file_is_refused(admin, import_file):
    content = csv_bytes([row(), row(case_ref="C-002", person_ref="P-002", partner_type="CITY")])

    assert refused(import_file, content, admin) == [
        "cases.csv, line 3, column partner_type: Vluchtelingenwerk Vlaanderen is NGO on line 2 but CITY here"
    ]


def _workbook(rows: list[dict[str, str]]) -> bytes:
    """The rows as an Excel user would have them: dates as date cells, an empty cell for an empty value."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for item in rows:
        values: list[object] = []
        for column in COLUMNS:
            value = item[column]
            if value and column in ("registered_on", "date_of_birth", "departed_on"):
                values.append(datetime.date.fromisoformat(value))
            else:
                values.append(value or None)
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _export(admin, tmp_path) -> str:
    path = tmp_path / "export.csv"
    call_command("export-cases", str(path), "--user", admin.username, stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def test_an_excel_workbook_imports_the_same_as_the_csv(admin, import_file, tmp_path):
    # given the register's history as an Excel workbook
    # when it is imported
    out, _err = import_file(_workbook(REGISTER), admin, "cases.xlsx")

    # then it creates the same cases as the CSV would: exported, they give the CSV back
    assert out == "Imported cases.xlsx: 6 cases created, 0 updated, 0 unchanged (9 person rows).\n"
    assert _export(admin, tmp_path) == csv_bytes(REGISTER).decode("utf-8")


def test_a_bad_excel_workbook_reports_its_problems_by_line(admin, import_file):
    content = _workbook([row(), row(case_ref="C-002", person_ref="P-002", destination="ZZ")])

    assert refused(import_file, content, admin, "cases.xlsx") == [
        "cases.xlsx, line 3, column destination: 'ZZ' is not an ISO 3166-1 alpha-2 country code"
    ]


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(admin, import_file):
    # given a CSV file saved with the .xlsx extension
    content = csv_bytes([row()])

    # when it is imported, then one problem says it is no workbook, and nothing is written
    (printed,) = refused(import_file, content, admin, "cases.xlsx")
    assert printed.startswith("cases.xlsx, line 1: the file is not a readable Excel workbook")
    assert Case.objects.count() == 0


def test_a_byte_order_mark_is_not_a_problem(admin, import_file):
    # given a file saved as "CSV UTF-8" by Excel, which starts with a byte-order mark
    content = "\ufeff".encode() + csv_bytes([row()])

    # when it is imported, then the header is read as usual and the case is created
    out, _err = import_file(content, admin)
    assert out == "Imported cases.csv: 1 cases created, 0 updated, 0 unchanged (1 person rows).\n"
    assert list(Case.objects.values_list("source_ref", "destination")) == [("C-001", "UA")]


def test_a_row_with_too_many_values_is_reported_with_the_other_problems(admin, import_file):
    # given a file whose line 2 has an unknown destination and whose line 3 has one value too many
    content = csv_bytes([row(destination="ZZ")]) + (csv_bytes([row(case_ref="C-002", person_ref="P-002")])
                                                      .decode().splitlines()[1] + ",extra\n").encode()

    # when it is imported, then both problems are listed, in line order
    assert refused(import_file, content, admin) == [
        "cases.csv, line 2, column destination: 'ZZ' is not an ISO 3166-1 alpha-2 country code",
        "cases.csv, line 3: has 19 values but the header has 18 columns",
    ]


def test_a_file_with_its_columns_in_another_order_imports_as_the_usual_one(admin, import_file, tmp_path):
    # given the register's history written with its columns in reverse order (spaces around the values)
    content = csv_bytes([{name: f" {value} " for name, value in item.items()} for item in REGISTER],
                        columns=list(reversed(COLUMNS)))

    # when it is imported, then the register is the one the usual file gives: it exports back to that file
    import_file(content, admin)
    assert export(tmp_path, admin.username) == csv_bytes(REGISTER)


def test_a_value_longer_than_its_column_is_reported_with_the_other_problems():
    # given a file whose line 2 has a family name of 151 letters and whose line 3 lacks its last values
    short = csv_bytes([row(case_ref="C-002", person_ref="P-002")]).decode().splitlines()[1].rsplit(",", 2)[0]
    content = csv_bytes([row(family_name="A" * 151)]) + f"{short}\n".encode()

    # when it is parsed, then the long name is reported on its line and column, and the short row is read as
    # having empty values where it stops
    assert problems(content) == [
        RowError(2, "family_name", "is longer than 150 characters"),
        RowError(3, "vulnerable", "a value is required: one of no, yes"),
    ]
