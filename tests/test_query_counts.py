"""No page's query count grows with the number of cases (issue 7): every page a user reaches in a day, measured with
a small register and again after many more cases of every state, costs exactly as many queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from homeward.cases.models import Case, CaseState
from tests.factories import case_in_state, principal

S = CaseState
STATES = [S.DRAFT, S.REGISTERED, S.UNDER_REVIEW, S.APPROVED, S.DEPARTED, S.CLOSED, S.WITHDRAWN]
YEAR = timezone.localdate().year


FAMILIES = ["Petrenko", "Gashi", "Hovhannisyan", "Beridze", "Batbayar", "Rahimi", "Krasniqi", "Mamani", "Okafor",
            "Tesfaye", "Popescu", "Nguyen", "Diallo", "Haddad", "Kaya", "Shrestha"]


def _register(users, rounds: int, start: int = 0) -> None:
    """Households of different persons (no screening candidate holds an approval)."""
    for number in range(start, start + rounds * len(STATES)):
        applicant = principal(family_name=FAMILIES[number % len(FAMILIES)], given_names=f"Test{number:03d}",
                              date_of_birth=datetime.date(1950 + number % 50, 1 + number % 12, 1 + number % 28))
        case_in_state(STATES[number % len(STATES)], applicant=applicant, **users)


def _pages(case: Case) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "case list": reverse("case_list"),
        "case list, page 2": reverse("case_list") + "?page=2",
        "name search": reverse("case_list") + "?q=Shevchenko",
        "filtered list": reverse("case_list") + "?state=REGISTERED&destination=UA&sort=-registered",
        "case": reverse("case_detail", args=[case.reference]),
        "case edit": reverse("case_edit", args=[case.reference]),
        "year report": reverse("report_year", args=[YEAR]),
        "year report json": reverse("report_year_file", args=[YEAR, "json"]),
        "api case list": "/api/v1/cases/?limit=20",
        "api case": f"/api/v1/cases/{case.reference}",
    }


OFFICER_PAGES = ["home", "case list", "case list, page 2", "name search", "filtered list", "case", "case edit",
                 "year report", "year report json", "api case list", "api case"]
COUNSELLOR_PAGES = ["home", "case list", "case list, page 2", "name search", "filtered list", "case", "case edit",
                    "api case list", "api case"]


def _counts(client, pages: dict[str, str], names: list[str]) -> dict[str, int]:
    """Each page drawn with nothing kept in the cache (the filter form, the year report): the most it costs."""
    counts = {}
    for name in names:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(pages[name])
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize(("who", "names"), [("officer", OFFICER_PAGES), ("counsellor", COUNSELLOR_PAGES)])
def test_no_page_costs_more_queries_with_more_cases(client, counsellor, officer, movement, who, names):
    users = {"counsellor": counsellor, "officer": officer, "movement": movement}
    # given a register of a few cases of every state (more than one page of the list), and a case to open
    _register(users, 4)
    case = case_in_state(S.REGISTERED, **users)
    client.force_login(users[who])
    pages = _pages(case)
    before = _counts(client, pages, names)

    # when three times as many cases are registered
    _register(users, 8, start=100)
    after = _counts(client, pages, names)

    # then every page costs exactly as many queries as before
    assert after == before
