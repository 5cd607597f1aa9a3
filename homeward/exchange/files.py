"""Reading a case file: CSV (UTF-8, a byte-order mark tolerated) or an Excel workbook with the same columns."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from homeward.exchange.rows import COLUMNS, FileErrors, RowError, header_errors


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from(table: Iterator[list[str]], header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    names = [name.strip() for name in header]
    for line, values in enumerate(table, start=2):
        if not any(value.strip() for value in values):
            continue  # a blank line between households is harmless
        padded = [*values, *[""] * (len(names) - len(values))]
        row = {name: padded[index].strip() for index, name in enumerate(names) if name in COLUMNS}
        if len(values) > len(names) and any(value.strip() for value in values[len(names) :]):
            raise FileErrors(
                [
                    RowError(
                        line,
                        "",
                        _("has %(values)s values but the header has %(columns)s columns")
                        % {"values": len(values), "columns": len(names)},
                    )
                ]
            )
        yield line, row


class CaseFile:
    """A case file opened for reading: its header checked, its rows ready to iterate (once)."""

    def __init__(self, rows: Iterator[tuple[int, dict[str, str]]], row_count: int | None) -> None:
        self.rows = rows
        self.row_count = row_count


def _csv_text(stream: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")


def open_csv(stream: IO[bytes]) -> CaseFile:
    text = _csv_text(stream)
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except UnicodeDecodeError as error:
        raise FileErrors(
            [
                RowError(
                    1,
                    "",
                    _(
                        "the file is not UTF-8 text (byte %(byte)s cannot be read); save it as 'CSV UTF-8' and "
                        "import it again"
                    )
                    % {"byte": error.start},
                )
            ]
        ) from None
    except csv.Error as error:
        raise FileErrors(
            [RowError(1, "", _("the file is not a readable CSV file (%(error)s)") % {"error": error})]
        ) from None
    if header is None:
        raise FileErrors([RowError(1, "", _("the file is empty: it needs a header row and at least one person"))])
    errors = header_errors(header)
    if errors:
        raise FileErrors(errors)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            yield from _rows_from(reader, header)
        except UnicodeDecodeError as error:
            raise FileErrors(
                [
                    RowError(
                        reader.line_num + 1,
                        "",
                        _("is not UTF-8 text (byte %(byte)s); save the file as 'CSV UTF-8' and import it again")
                        % {"byte": error.start},
                    )
                ]
            ) from None
        except csv.Error as error:
            raise FileErrors(
                [RowError(reader.line_num, "", _("cannot be read as CSV (%(error)s)") % {"error": error})]
            ) from None

    return CaseFile(rows(), None)


def open_xlsx(stream: IO[bytes]) -> CaseFile:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise FileErrors(
            [RowError(1, "", _("the file is not a readable Excel workbook (%(error)s)") % {"error": error})]
        ) from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    first = next(values, None)
    if first is None:
        raise FileErrors(
            [RowError(1, "", _("the first sheet is empty: it needs a header row and at least one person"))]
        )
    header = [_cell_text(value) for value in first]
    while header and not header[-1]:
        header.pop()
    errors = header_errors(header)
    if errors:
        raise FileErrors(errors)
    table = ([_cell_text(value) for value in row] for row in values)
    return CaseFile(_rows_from(table, header), sheet.max_row - 1 if sheet.max_row else None)


def open_case_file(stream: IO[bytes], name: str) -> CaseFile:
    if Path(name).suffix.lower() == ".xlsx":
        return open_xlsx(stream)
    return open_csv(stream)
