"""Who reads the year report, of which years, and over which cases: one answer for the pages and the API."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.utils import timezone

from homeward.cases.selectors import cases_visible_to
from homeward.core.changes import register_changes
from homeward.organisations.models import Role, User
from homeward.reports.year import year_report

EARLIEST_YEAR = 1979  # the agency's first assisted returns
# A computed report is kept this long at most; a change of the register ends it at once. The bound is for what the
# count cannot see: a database restored from a backup counts again from an older number (with a shared cache,
# clear it after a restore or an upgrade; the default cache lives and dies with each server process).
KEPT_SECONDS = 3600


def reads_reports(user: User) -> bool:
    return user.is_country_office_staff or user.has_role(Role.PROGRAMME_MANAGER)


def report_years() -> range:
    return range(EARLIEST_YEAR, timezone.localdate().year + 1)


def year_report_for(user: User, year: int) -> dict[str, Any]:
    """The country office reads the whole register; a programme manager the figures of its programmes."""
    return year_report_of_register(year) if user.is_country_office_staff else year_report(year, cases_visible_to(user))


def year_report_of_register(year: int) -> dict[str, Any]:
    """The whole register's figures of `year`, computed once for each state of the register and kept in Django's
    cache under the count of its changes (core/changes.py): the page, its PDF, spreadsheet and JSON, and the API
    ask for the same figures until any case changes (a change of any year ends every year's kept report: the count
    is one for the whole register). A programme manager's figures are computed each time."""
    key = f"year-report:{year}:{register_changes()}"  # the count first: what is computed is at least that new
    report = cache.get(key)
    if report is None:
        report = year_report(year)
        cache.set(key, report, KEPT_SECONDS)
    return report
