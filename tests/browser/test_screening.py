"""Screening in the browser: the issue's man who returned in 2023 applies again under another spelling. The
counsellor sees only that the country office reviews; the case officer sees both persons side by side, with the
reasons, confirms that they are one, and the five-year bar then refuses return assistance."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from homeward.cases import services as case_services
from homeward.cases.models import CandidateStatus, CaseState, ScreeningCandidate
from tests.browser.conftest import log_in
from tests.browser.test_journey import _fill_person
from tests.factories import principal

S = CaseState


def _returned_in_2023(counsellor, officer, movement, reab):
    at = timezone.make_aware(datetime.datetime(2023, 6, 15, 10))
    case = case_services.case_register(
        actor=counsellor, programme=reab, referring_partner=counsellor.organisation, destination="UA",
        reab_category="ASYLUM_REJECTED", at=at,
        principal=principal(family_name="Ševčenko", given_names="Aleksandr", date_of_birth=datetime.date(1985, 3, 11)),
    )
    for target, actor in [(S.UNDER_REVIEW, officer), (S.APPROVED, officer), (S.TRAVEL_PREPARATION, movement),
                          (S.BOOKED, movement), (S.DEPARTED, movement)]:
        case = case_services.case_transition(actor=actor, case=case, to_state=target, at=at,
                                             departed_on=datetime.date(2023, 6, 15) if target == S.DEPARTED else None)
    return case


def test_the_case_officer_is_shown_the_earlier_return_and_joins_the_histories(
    new_page, counsellor, officer, movement, reab
):
    earlier = _returned_in_2023(counsellor, officer, movement, reab)

    # Given the counsellor who registers "Oleksandr Shevchenko, 03/11/1985"
    counsellor_page = log_in(new_page(), counsellor)
    counsellor_page.get_by_role("link", name="New application").click()
    counsellor_page.get_by_label("Programme").select_option(label="REAB")
    counsellor_page.get_by_label("REAB category").select_option("ASYLUM_REJECTED")
    counsellor_page.get_by_label("Country of return").select_option("UA")
    _fill_person(counsellor_page.get_by_test_id("principal"), family_name="Shevchenko", given_names="Oleksandr",
                 sex="M", date_of_birth="03/11/1985", nationality="UA")
    counsellor_page.get_by_role("button", name="Register application").click()
    expect(counsellor_page.get_by_test_id("state")).to_have_text("Registered")
    reference = counsellor_page.get_by_test_id("reference").inner_text().strip()

    # Then the counsellor sees that the country office reviews, and nothing of the other person
    screening = counsellor_page.locator("#screening")
    expect(screening).to_contain_text("Needs review by the country office")
    expect(screening).not_to_contain_text("Ševčenko")

    # And the case officer sees both persons side by side, with the reasons
    officer_page = log_in(new_page(), officer)
    officer_page.goto(f"/cases/{reference}/")
    candidate = officer_page.locator("#screening .candidate")
    expect(candidate).to_contain_text("Ševčenko, Aleksandr")
    expect(candidate).to_contain_text("1985-03-11")
    expect(candidate).to_contain_text("likely the same person")
    expect(candidate).to_contain_text("day and month swapped")
    expect(candidate).to_contain_text(earlier.reference)
    expect(candidate).to_contain_text("departed on 2023-06-15 to Ukraine")

    # When the officer confirms that they are one person
    candidate.get_by_role("button", name="Same person: join the histories").click()

    # Then the review is recorded, and the five-year bar refuses return assistance
    expect(officer_page.get_by_text("Recorded: the same person")).to_be_visible()
    expect(officer_page.locator("#screening")).to_have_count(0)
    assert ScreeningCandidate.objects.get().status == CandidateStatus.CONFIRMED
    expect(officer_page.locator("#eligibility")).to_contain_text("not eligible")
