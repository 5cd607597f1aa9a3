"""The pages work under the Content-Security-Policy: the browser reports no violation on any of them, htmx
included (adding a household member, searching), and the API's documentation page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from homeward.cases.models import CaseState
from tests.browser.conftest import log_in
from tests.factories import case_in_state


def test_no_page_breaks_the_content_security_policy(new_page, counsellor, officer, movement, reab):
    case = case_in_state(CaseState.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement)
    page = new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    log_in(page, officer)
    for url in ["/", "/cases/", f"/cases/{case.reference}/", "/eligibility/rules/", "/reports/year/",
                "/account/tokens/", "/api/v1/docs"]:
        page.goto(url)
    page.goto("/cases/new/")
    page.get_by_role("button", name="+ Add a household member").click()
    expect(page.get_by_test_id("member")).to_have_count(1)
    page.goto("/cases/")
    page.get_by_label("Name or reference").press_sequentially("shevchenko", delay=20)
    expect(page).to_have_url(re.compile(r"/cases/\?.*q=shevchenko"))
    expect(page.locator("#case-table tbody tr")).to_have_count(1)
    assert violations == []
