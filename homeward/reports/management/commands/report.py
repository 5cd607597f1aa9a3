"""`homeward report year YEAR --format json|html|pdf|xlsx [--output FILE]`: the year report from the cases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from homeward.reports.readers import year_report_of_register
from homeward.reports.render import report_html, report_pdf, report_xlsx


class Command(BaseCommand):
    help = "Compute a report from the cases. `report year 2012 --format json` gives the year report."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="kind", required=True)
        year = subcommands.add_parser("year", help="The year report (docs/formats.md).")
        year.add_argument("year", type=int)
        year.add_argument("--format", choices=["json", "html", "pdf", "xlsx"], default="json")
        year.add_argument("--output", help="The file to write (default: standard output).")

    def handle(self, *args: Any, kind: str, year: int, format: str, output: str | None, **options: Any) -> None:
        if not 1900 <= year <= 2200:
            raise CommandError(f"{year} is not a year the register can hold.")
        translation.activate("en")
        report = year_report_of_register(year)
        content: str | bytes
        if format == "json":
            content = json.dumps(report, indent=2) + "\n"
        elif format == "html":
            content = report_html(report)
        elif format == "pdf":
            content = report_pdf(report)
        else:
            content = report_xlsx(report)
        if output:
            path = Path(output)
            try:
                path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
            self.stderr.write(f"Wrote the {year} report to {output}.")
        elif isinstance(content, bytes):
            if sys.stdout.isatty():
                raise CommandError(f"A {format.upper()} report is binary: give --output FILE.")
            sys.stdout.buffer.write(content)
        else:
            self.stdout.write(content, ending="")
