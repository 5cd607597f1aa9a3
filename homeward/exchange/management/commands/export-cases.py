"""`homeward export-cases FILE`: the cases the user may see, in the case exchange format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.cases.policy import sees_asylum_details
from homeward.cases.selectors import cases_visible_to
from homeward.core.services import access_log_write
from homeward.exchange.exporter import export_csv
from homeward.exchange.users import command_user


class Command(BaseCommand):
    help = "Export the cases the user may see to a CSV file in the case exchange format."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The CSV file to write ('-' writes to standard output).")
        parser.add_argument("--user", help="Whose access the export follows (a partner exports only its cases).")

    def handle(self, *args: Any, path: str, user: str | None, **options: Any) -> None:
        actor = command_user(user)
        cases = cases_visible_to(actor)
        access_log_write(user=actor, action="export", object_type="cases", object_id=path)
        if path == "-":
            rows = export_csv(cases, self.stdout, asylum_details=sees_asylum_details(actor))
            return
        try:
            with Path(path).open("w", encoding="utf-8", newline="") as stream:
                rows = export_csv(cases, stream, asylum_details=sees_asylum_details(actor))
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        self.stderr.write(f"Exported {rows} person rows to {path}.")
