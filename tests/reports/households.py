"""Households with a past, built through the real services (registration and every workflow step), dated with
`at=` so that the year report sees applications registered and departures made in earlier years."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from homeward.cases import services as case_services
from homeward.cases.models import Case, CaseState, Relation
from homeward.organisations.models import Organisation, Programme, User
from tests.factories import member, principal

BRUSSELS = ZoneInfo("Europe/Brussels")
S = CaseState
_households = itertools.count(1)


def _name(seed: str) -> str:
    """A made-up name of its own: screening must not take the households of a report test for one family."""
    letters = hashlib.sha256(seed.encode()).hexdigest()
    return "".join("bdfgklmnprstvz"[int(char, 16) % 14] + "aeiou"[int(char, 16) % 5] for char in letters[:4]).title()


def moment(day: datetime.date) -> datetime.datetime:
    """Ten in the morning in Brussels on `day`: an office hour, unambiguous in any time zone the tests run in."""
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=BRUSSELS)


def household(
    *,
    officer: User,
    movement: User,
    partner: Organisation,
    registered_on: datetime.date,
    outcome: str = S.DEPARTED,
    departed_on: datetime.date | None = None,
    programme: str = "REAB",
    destination: str = "UA",
    size: int = 1,
    category: str = "ASYLUM_REJECTED",
    reintegration: Sequence[str] = (),
    staying_behind: int = 0,
) -> Case:
    """A household of `size` persons referred by `partner`, registered on `registered_on` and brought to `outcome`
    (DEPARTED, WITHDRAWN, NO_SHOW or REGISTERED) through the workflow; `staying_behind` members do not leave."""
    reab = Programme.objects.get(code=programme).uses_reab_categories
    start = moment(registered_on)
    number = next(_households)
    case = case_services.case_register(
        actor=officer,
        programme=Programme.objects.get(code=programme),
        referring_partner=partner,
        destination=destination,
        reab_category=category if reab else "",
        avrrl_status="" if reab else category,
        principal=principal(family_name=_name(f"family {number}"), given_names=_name(f"given {number}"),
                            date_of_birth=datetime.date(1960 + number % 30, 1 + number % 12, 1 + number % 28)),
        members=[member(Relation.CHILD, family_name=_name(f"family {number}"), given_names=_name(f"child {child}"),
                        date_of_birth=datetime.date(1995 + number % 10, 1 + child % 12, 1 + number % 28))
                 for child in range(1, size)],
        at=start,
    )

    def step(to_state: str, who: User, **extra) -> None:
        nonlocal case
        case = case_services.case_transition(actor=who, case=case, to_state=to_state, **extra)

    if outcome == S.WITHDRAWN:
        step(S.WITHDRAWN, officer, reason="The family chose to stay.", at=start)
    elif outcome in (S.DEPARTED, S.NO_SHOW):
        step(S.UNDER_REVIEW, officer, at=start)
        step(S.APPROVED, officer, at=start)
        step(S.TRAVEL_PREPARATION, movement, at=start)
        step(S.BOOKED, movement, at=start)
        if outcome == S.NO_SHOW:
            step(S.NO_SHOW, movement, reason="Not at the airport.", at=start)
        else:
            assert departed_on is not None, "a departure needs its date"
            members = list(case.members.order_by("position"))
            leaving = [item.pk for item in members[: len(members) - staying_behind]]
            step(S.DEPARTED, movement, departed_on=departed_on, departing_member_ids=leaving,
                 at=moment(departed_on))
    if reintegration:
        case_services.case_support_set(case, reintegration)
    return case
