"""The year report in a browser: a case officer opens it from the navigation, picks a year, reads the tables and
charts, and follows a country to the cases behind its figure."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from homeward.cases.models import Case
from tests.browser.conftest import log_in
from tests.reports.households import household

D = datetime.date


def test_a_case_officer_reads_the_year_report_and_follows_a_country_to_its_cases(
    new_page, officer, movement, partner, reab
):
    # Given 2012 in the register: four persons to Brazil in two households, two to Ukraine, and a departure to
    # Brazil in 2013 that the 2012 figure must not include (the live server's database was emptied after the last
    # test: the households are built here, through the services)
    def build(**kwargs) -> Case:
        return household(officer=officer, movement=movement, partner=partner, **kwargs)

    brazil_family = build(registered_on=D(2012, 1, 9), departed_on=D(2012, 3, 10), destination="BR", size=3)
    brazil_single = build(registered_on=D(2012, 2, 1), departed_on=D(2012, 5, 5), destination="BR",
                          reintegration=["MICROBUSINESS"])
    build(registered_on=D(2012, 6, 1), departed_on=D(2012, 11, 30), destination="UA", size=2)
    brazil_2013 = build(registered_on=D(2012, 12, 1), departed_on=D(2013, 1, 15), destination="BR")

    # When the case officer opens the year report from the navigation and picks 2012
    page = log_in(new_page(), officer)
    page.get_by_role("link", name="Year report").click()
    expect(page).to_have_url(re.compile(rf"/reports/year/{timezone.localdate().year - 1}/$"))
    page.get_by_label("Year").select_option("2012")
    page.get_by_role("button", name="Show").click()

    # Then the 2012 tables show the figures, with a bar per row
    expect(page).to_have_url(re.compile(r"/reports/year/2012/$"))
    expect(page.get_by_role("heading", name="Year report 2012")).to_be_visible()
    destinations = page.locator("table").first
    expect(destinations.locator("tbody tr").nth(0)).to_contain_text(re.compile(r"Brazil\s*4\s*67 %"))
    expect(destinations.locator("tbody tr").nth(1)).to_contain_text(re.compile(r"Ukraine\s*2\s*33 %"))
    # two destinations, one reintegration row, three categories, six partner types; AVRRL has no departures
    expect(page.locator(".year-report svg rect")).to_have_count(2 + 1 + 3 + 6)
    assert destinations.locator("svg rect").first.get_attribute("width") == "100.0"
    assert destinations.locator("svg rect").nth(1).get_attribute("width") == "50.0"

    # When they click Brazil
    destinations.get_by_role("link", name="Brazil").click()

    # Then the case list shows the two households that left for Brazil in 2012, and not the one of 2013
    expect(page).to_have_url(re.compile(r"/cases/\?.*destination=BR.*departed_from=2012-01-01"))
    rows = page.locator("#case-table tbody tr")
    expect(rows).to_have_count(2)
    for case in (brazil_family, brazil_single):
        expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    expect(page.get_by_role("link", name=brazil_2013.reference)).to_have_count(0)
    expect(page.get_by_label("Departed from")).to_have_value("2012-01-01")
    expect(page.get_by_label("Departed until")).to_have_value("2012-12-31")
