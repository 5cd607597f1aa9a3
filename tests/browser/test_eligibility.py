"""Eligibility in the browser: the case officer reads explained outcomes and overrides one with a justification;
the programme manager changes a date, sees its impact on the cases awaiting a decision, and publishes it."""

from __future__ import annotations

from playwright.sync_api import expect

from homeward.cases.models import CaseState
from homeward.eligibility.models import Override, RuleVersion
from tests.browser.conftest import log_in
from tests.factories import case_in_state


def _support_row(page, support: str):
    return page.locator("#eligibility tr").filter(has=page.get_by_role("cell", name=support, exact=True))


JUSTIFICATION = "The returnee needs surgery at home; the grant pays for the first month of treatment."


def test_the_case_officer_overrides_a_refused_grant_and_approves(new_page, counsellor, officer, movement, reab):
    case = case_in_state(CaseState.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement,
                         destination="BR")
    page = log_in(new_page(), officer)
    page.goto(f"/cases/{case.reference}/")

    grant = _support_row(page, "Reintegration grant")
    expect(grant).to_contain_text("not eligible")
    expect(grant).to_contain_text("need no visa for short stays in the Schengen area")
    grant.get_by_text("Override…").click()
    grant.get_by_label("Justification").fill(JUSTIFICATION)
    grant.get_by_role("button", name="Grant Reintegration grant by override").click()

    expect(_support_row(page, "Reintegration grant")).to_contain_text("eligible by override")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("Approved")
    expect(page.locator("#eligibility")).to_contain_text("Decided on")
    assert Override.objects.get().justification == JUSTIFICATION
    decision = case.decisions.get()
    assert decision.evaluations[0]["outcomes"]["reintegration_grant"]["eligible"] is True


def test_the_programme_manager_previews_and_publishes_a_rule_change(
    new_page, counsellor, officer, movement, programme_manager, reab
):
    case = case_in_state(CaseState.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement,
                         destination="BR")
    page = log_in(new_page(), programme_manager)
    page.get_by_role("link", name="Eligibility rules").click()
    page.get_by_role("button", name="Prepare a change").click()

    page.get_by_label("No grant for visa-free nationals from").fill("2099-01-01")
    page.get_by_label("What changes and why").fill("The visa criterion is postponed by the new agreement.")
    page.get_by_role("button", name="Save the draft and preview its impact").click()

    impact = page.locator("#impact")
    expect(impact).to_contain_text("1 of 1 cases awaiting a decision would change")
    expect(impact).to_contain_text(case.reference)
    page.get_by_role("button", name="Publish: put this change in force").click()
    expect(page.locator("h1")).to_contain_text("v2")
    assert RuleVersion.objects.get(number=2).data["grant_visa_criterion_from"] == "2099-01-01"
