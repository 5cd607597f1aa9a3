"""Reading a case file: CSV (UTF-8, a byte-order mark tolerated) or an Excel workbook with the same columns.

A `CaseFile` checks the header when it is opened and gives the rows one by one; a row that cannot be read as a
row (too many values) is recorded in `problems` and skipped, so that every other problem is still found.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from homeward.exchange.rows import COLUMNS, FileErrors, RowError, header_errors

_NOT_UTF8 = "the file is not UTF-8 text (line %(line)s, byte %(byte)s): save it as 'CSV UTF-8' and import it again"


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


class CaseFile:
    """A case file opened for reading: its header checked, its rows ready to iterate (once)."""

    def __init__(self, table: Iterator[list[str]], header: list[str], row_count: int | None) -> None:
        errors = header_errors(header)
        if errors:
            raise FileErrors(errors)
        self.names = [name.strip() for name in header]
        self.row_count = row_count
        self.problems: list[RowError] = []
        self.rows = self._rows(table)

    def _rows(self, table: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
        """Each row's line and its values in COLUMNS' order (the header holds each column once: checked)."""
        width = len(self.names)
        places = [self.names.index(column) for column in COLUMNS]
        in_order = places == list(range(width))  # the usual file: the values as they come
        for line, values in enumerate(table, start=2):
            joined = "".join(values)
            if not joined.strip():
                continue  # a blank line between households is harmless
            if "\x00" in joined:  # a database cannot store it (PostgreSQL refuses it in any text)
                self.problems.append(RowError(line, "", _("contains a NUL character, an invisible control character: "
                                                          "remove it and import the file again")))
                continue
            if len(values) > width and "".join(values[width:]).strip():
                self.problems.append(
                    RowError(
                        line,
                        "",
                        _("has %(values)s values but the header has %(columns)s columns")
                        % {"values": len(values), "columns": width},
                    )
                )
                continue
            if len(values) != width:
                values = [*values[:width], *[""] * (width - len(values))]
            if in_order:
                yield line, list(map(str.strip, values))
            else:
                yield line, [values[place].strip() for place in places]


def open_csv(stream: IO[bytes]) -> CaseFile:
    # Decoded whole, before the CSV reader, so that a byte that is not UTF-8 is reported on its own line.
    data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileErrors([RowError(line, "", _(_NOT_UTF8) % {"line": line, "byte": error.start})]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise FileErrors([RowError(1, "", _("the file is empty: it needs a header row and at least one person"))])
        return CaseFile(_checked(reader), header, None)
    except csv.Error as error:
        raise FileErrors(
            [RowError(reader.line_num, "", _("cannot be read as CSV (%(error)s)") % {"error": error})]
        ) from None


def _checked(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as error:
        line = getattr(reader, "line_num", 0)
        raise FileErrors([RowError(line, "", _("cannot be read as CSV (%(error)s)") % {"error": error})]) from None


def open_xlsx(stream: IO[bytes]) -> CaseFile:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
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
    table = ([_cell_text(value) for value in row] for row in values)
    return CaseFile(table, header, sheet.max_row - 1 if sheet.max_row else None)


def open_case_file(stream: IO[bytes], name: str) -> CaseFile:
    if Path(name).suffix.lower() == ".xlsx":
        return open_xlsx(stream)
    return open_csv(stream)
