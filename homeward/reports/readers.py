"""Who reads the year report, of which years, and over which cases: one answer for the pages and the API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.cases.selectors import cases_visible_to
from homeward.organisations.models import Role, User
from homeward.reports.year import year_report

EARLIEST_YEAR = 1979  # the agency's first assisted returns


def reads_reports(user: User) -> bool:
    return user.is_country_office_staff or user.has_role(Role.PROGRAMME_MANAGER)


def report_years() -> range:
    return range(EARLIEST_YEAR, timezone.localdate().year + 1)


def year_report_for(user: User, year: int) -> dict[str, Any]:
    """The country office reads the whole register; a programme manager the figures of its programmes."""
    return year_report(year, None if user.is_country_office_staff else cases_visible_to(user))
