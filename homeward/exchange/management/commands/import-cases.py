"""`homeward import-cases FILE`: import a case history (CSV or .xlsx in the case exchange format).

The whole file is checked first; if anything is wrong, every problem is listed and nothing is written.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone
from django_countries import countries
from tqdm import tqdm

from homeward.core.errors import DomainError
from homeward.exchange.bulk import collector_resting, tables_vacuum
from homeward.exchange.files import open_case_file
from homeward.exchange.importer import TABLES, cases_import
from homeward.exchange.rows import CaseRows, FileErrors, RowError, parse_rows
from homeward.exchange.users import command_user


class Command(BaseCommand):
    help = "Import cases from a CSV or .xlsx file in the case exchange format (docs/formats.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--user", help="The administrator the import is recorded under.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--history", action="store_true",
            help="A first load of a large history into an empty register: faster on PostgreSQL, but the whole "
                 "register (logins included) waits until it ends. Run it while nobody works.",
        )

    def handle(self, *args: Any, path: str, user: str | None, quiet: bool, history: bool, **options: Any) -> None:
        actor = command_user(user)
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"There is no file {path}.")
        show = not quiet and sys.stderr.isatty()
        with file_path.open("rb") as stream:
            try:
                case_file = open_case_file(stream, file_path.name)
                rows = tqdm(case_file.rows, desc="Checking", unit=" rows", disable=not show, total=case_file.row_count)
                households = _parsed(rows, case_file.problems)
                persons = sum(len(case.persons) for case in households)
                with tqdm(total=persons, desc="Writing", unit=" persons", disable=not show) as bar:
                    result = cases_import(actor=actor, cases=households, progress=bar.update, history=history)
                if result.history_load:
                    self._vacuum()
            except FileErrors as problems:
                for error in problems.errors:
                    self.stderr.write(f"{file_path.name}, {error}")
                raise CommandError(
                    f"{len(problems.errors)} problem(s) found; nothing was imported. Correct the file and import "
                    "it again."
                ) from None
            except DomainError as error:
                raise CommandError(error.message) from None
            finally:
                gc.unfreeze()
        self.stdout.write(
            f"Imported {file_path.name}: {result.cases_created} cases created, {result.cases_updated} updated, "
            f"{result.cases_unchanged} unchanged ({result.persons} person rows)."
        )

    def _vacuum(self) -> None:
        """The load is committed: a VACUUM that fails (a timeout, a cancel) loses nothing but speed until autovacuum
        comes by, so it is reported, not raised."""
        try:
            tables_vacuum(TABLES)
        except DatabaseError as error:
            self.stderr.write(
                f"The import is complete, but VACUUM of the loaded tables failed ({error}); the year report reads "
                "slower until autovacuum or a VACUUM ANALYZE by hand has gone over them."
            )


def _parsed(rows: Iterable[tuple[int, list[str]]], problems: list[RowError]) -> list[CaseRows]:
    """The file's households. A large history is millions of small objects, alive until the import ends and
    holding no cycles: the cycle collector rests while they are read (`collector_resting`), and then leaves them out
    of its walks (`gc.freeze`). It works as usual on what the ORM makes when cases are compared and updated (their
    cases and members do hold cycles)."""
    with collector_resting():
        households = parse_rows(iter(rows), countries=frozenset(dict(countries)), today=timezone.localdate(),
                                problems=problems)
        gc.freeze()
        return households
