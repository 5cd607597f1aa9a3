"""One case file imported from start to end, for the upload page and the API alike."""

from __future__ import annotations

from typing import IO

from django.utils import timezone
from django_countries import countries

from homeward.exchange.files import open_case_file
from homeward.exchange.importer import ImportResult, cases_import
from homeward.exchange.rows import parse_rows
from homeward.organisations.models import User


def case_file_import(*, actor: User, stream: IO[bytes], name: str) -> ImportResult:
    """Read, check and import a case file (CSV or .xlsx by its name). FileErrors lists every problem and nothing
    is written; DomainError if the actor may not import."""
    case_file = open_case_file(stream, name)
    households = parse_rows(case_file.rows, countries=frozenset(dict(countries)), today=timezone.localdate(),
                            problems=case_file.problems)
    return cases_import(actor=actor, cases=households)
