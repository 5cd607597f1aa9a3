"""The journeys people make in a browser: a household registered, reviewed, booked and departed; the household
form's add and remove buttons; the case list's search. Each asserts what the person sees, then what was stored."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.cases import services as case_services
from homeward.cases.models import Case, CaseState, MemberOutcome, Relation
from tests.browser.conftest import log_in
from tests.factories import principal


def _fill_person(scope, *, family_name: str, given_names: str, sex: str, date_of_birth: str, nationality: str):
    scope.get_by_label("Family name").fill(family_name)
    scope.get_by_label("Given names").fill(given_names)
    scope.get_by_label("Sex").select_option(sex)
    scope.get_by_label("Date of birth").fill(date_of_birth)
    scope.get_by_label("Nationality").select_option(nationality)


def _add_member(page: Page, expected_count: int) -> None:
    url = page.url
    # A full reload would post to the same address, so the URL alone cannot tell; a reload forgets this mark.
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="+ Add a household member").click()
    expect(page.get_by_test_id("member")).to_have_count(expected_count)
    assert page.url == url
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the household in; no new page


def _click_and_expect_state(page: Page, button: str, state: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text(state)


def test_a_household_goes_from_application_to_departure(
    new_page, live_server, counsellor, other_counsellor, officer, movement, reab
):
    # Given a partner's counsellor who registers a family of three
    counsellor_page = log_in(new_page(), counsellor)
    counsellor_page.get_by_role("link", name="New application").click()
    expect(counsellor_page.get_by_role("heading", name="New application for voluntary return")).to_be_visible()
    register_url = counsellor_page.url
    counsellor_page.get_by_label("Programme").select_option(label="REAB")
    counsellor_page.get_by_label("REAB category").select_option("ASYLUM_REJECTED")
    counsellor_page.get_by_label("Country of return").select_option("UA")
    _fill_person(
        counsellor_page.get_by_test_id("principal"),
        family_name="Kovalenko",
        given_names="Andriy",
        sex="M",
        date_of_birth="1984-02-17",
        nationality="UA",
    )
    _add_member(counsellor_page, 1)
    _add_member(counsellor_page, 2)
    assert counsellor_page.url == register_url
    spouse, child = counsellor_page.get_by_test_id("member").all()
    _fill_person(
        spouse, family_name="Kovalenko", given_names="Olena", sex="F", date_of_birth="1986-07-30", nationality="UA"
    )
    spouse.get_by_label("Relation to the principal").select_option("SPOUSE")
    _fill_person(child, family_name="Kovalenko", given_names="Maksym", sex="M", date_of_birth="2015", nationality="UA")
    child.get_by_label("Relation to the principal").select_option("CHILD")

    # When the application is registered
    counsellor_page.get_by_role("button", name="Register application").click()

    # Then the case page shows it registered, with the three persons
    expect(counsellor_page.get_by_test_id("state")).to_have_text("Registered")
    expect(counsellor_page.locator(".page-head .subtitle")).to_contain_text("3 persons")
    expect(counsellor_page.get_by_test_id("member-row")).to_have_count(3)
    reference = counsellor_page.get_by_test_id("reference").inner_text().strip()
    case_url = f"/cases/{reference}/"
    assert counsellor_page.url == f"{live_server.url}{case_url}"
    case = Case.objects.get(reference=reference)
    assert (case.state, case.programme_id, case.destination.code, case.reab_category) == (
        CaseState.REGISTERED,
        reab.pk,
        "UA",
        "ASYLUM_REJECTED",
    )
    assert case.referring_partner_id == counsellor.organisation_id
    relations = sorted((m.relation, m.person.given_names) for m in case.members.select_related("person"))
    assert relations == [(Relation.CHILD, "Maksym"), (Relation.PRINCIPAL, "Andriy"), (Relation.SPOUSE, "Olena")]

    # When the case officer reviews and approves it
    officer_page = log_in(new_page(), officer)
    officer_page.goto(case_url)
    _click_and_expect_state(officer_page, "Start review", "Under review")
    _click_and_expect_state(officer_page, "Approve", "Approved")

    # And the movement officer books the travel and records that all three left today
    movement_page = log_in(new_page(), movement)
    movement_page.goto(case_url)
    _click_and_expect_state(movement_page, "Start travel preparation", "Travel preparation")
    _click_and_expect_state(movement_page, "Mark booked", "Booked")
    movement_page.locator("summary", has_text="Record departure").click()
    today = timezone.localdate()
    movement_page.get_by_label("Date of departure").fill(today.isoformat())
    departing = movement_page.locator("input[name=departing]")
    expect(departing).to_have_count(3)
    for checkbox in departing.all():
        expect(checkbox).to_be_checked()
    _click_and_expect_state(movement_page, "Confirm: Record departure", "Departed")

    # Then the counsellor sees the household departed
    counsellor_page.goto(case_url)
    expect(counsellor_page.get_by_test_id("state")).to_have_text("Departed")
    expect(counsellor_page.get_by_test_id("member-row").filter(has_text="Departed")).to_have_count(3)
    case.refresh_from_db()
    assert (case.state, case.departed_on) == (CaseState.DEPARTED, today)
    assert sorted(case.members.values_list("outcome", "departed_on")) == [(MemberOutcome.DEPARTED, today)] * 3

    # And the other partner's counsellor cannot open it: the case does not exist for them
    stranger_page = log_in(new_page(), other_counsellor)
    response = stranger_page.goto(case_url)
    assert response is not None and response.status == 404
    expect(stranger_page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(stranger_page.get_by_text(reference)).to_have_count(0)


def test_remove_takes_out_that_member_and_keeps_what_was_typed(page, counsellor, reab):
    # Given a new application with two household members typed in
    log_in(page, counsellor)
    page.goto("/cases/new/")
    page.get_by_test_id("principal").get_by_label("Family name").fill("Haddad")
    _add_member(page, 1)
    _add_member(page, 2)
    first, second = page.get_by_test_id("member").all()
    first.get_by_label("Given names").fill("Leila")
    first.get_by_label("Relation to the principal").select_option("SPOUSE")
    second.get_by_label("Given names").fill("Yusuf")
    second.get_by_label("Relation to the principal").select_option("CHILD")
    url = page.url

    # When the first member's Remove button is clicked
    page.evaluate("window.notReloaded = true")
    first.get_by_role("button", name="Remove").click()

    # Then only the second remains, renumbered, with what was typed, and nothing was saved
    members = page.get_by_test_id("member")
    expect(members).to_have_count(1)
    expect(members.locator("> legend")).to_contain_text("Household member 1")
    expect(members.get_by_label("Given names")).to_have_value("Yusuf")
    expect(members.get_by_label("Relation to the principal")).to_have_value("CHILD")
    expect(page.get_by_test_id("principal").get_by_label("Family name")).to_have_value("Haddad")
    assert page.url == url
    assert page.evaluate("window.notReloaded") is True
    assert Case.objects.count() == 0


def test_typing_a_name_in_the_search_box_narrows_the_case_list(page, counsellor, reab):
    # Given three cases referred by the counsellor's partner
    people = {"Shevchenko": "UA", "Berisha": "XK", "Hovhannisyan": "AM"}
    cases = {
        family_name: case_services.case_register(
            actor=counsellor,
            programme=reab,
            referring_partner=counsellor.organisation,
            destination=country,
            reab_category="ASYLUM_REJECTED",
            principal=principal(family_name=family_name, nationality=country),
        )
        for family_name, country in people.items()
    }
    log_in(page, counsellor)
    page.goto("/cases/")
    rows = page.locator("#case-table tbody tr")
    expect(rows).to_have_count(3)
    url = page.url

    # When a name is typed into the search box (no button pressed)
    page.get_by_label("Name or reference").press_sequentially("berisha", delay=20)

    # Then htmx replaces the table with the one matching case, and the address follows the search
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(cases["Berisha"].reference)
    expect(rows.first).to_contain_text("Berisha")
    expect(page).to_have_url(re.compile(r"/cases/\?.*q=berisha"))
    assert url != page.url

    # And a name nobody has shows the empty message
    page.get_by_label("Name or reference").fill("Nobody")
    expect(page.get_by_text("No case matches")).to_be_visible()
    expect(rows).to_have_count(0)
