"""The workflow of a case as an explicit transition table (pure data, no database).

Each allowed move names the roles that may make it and whether a written reason is required. Anything not in
the table is refused by `cases.services.case_transition`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from homeward.cases.models import CaseState as S
from homeward.organisations.models import Role as R

OPEN_STATES = frozenset({S.DRAFT, S.REGISTERED, S.UNDER_REVIEW, S.APPROVED, S.TRAVEL_PREPARATION, S.BOOKED})
# Open and not yet decided: what a rule change would still affect (an approval keeps its decision).
AWAITING_DECISION_STATES = frozenset({S.DRAFT, S.REGISTERED, S.UNDER_REVIEW})
ENDED_STATES = frozenset({S.REJECTED, S.WITHDRAWN, S.NO_SHOW, S.DEPARTED})
# States in which the office in the country of return needs the case: it has been approved and not reopened.
APPROVED_STATES = frozenset({S.APPROVED, S.TRAVEL_PREPARATION, S.BOOKED, S.DEPARTED})


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    roles: frozenset[str]
    label: object
    needs_reason: bool = False
    style: str = "primary"  # how the button looks: primary, secondary or danger
    waits_on: str | None = None  # whose work queue a case in `source` is in, waiting for this move


def _moves() -> dict[tuple[str, str], Move]:
    counsellor, officer, movement = R.PARTNER_COUNSELLOR, R.CASE_OFFICER, R.MOVEMENT_OFFICER
    moves = [
        Move(S.DRAFT, S.REGISTERED, frozenset({counsellor, officer}), _("Register"), waits_on=counsellor),
        Move(S.REGISTERED, S.UNDER_REVIEW, frozenset({officer}), _("Start review"), waits_on=officer),
        Move(S.UNDER_REVIEW, S.APPROVED, frozenset({officer}), _("Approve"), waits_on=officer),
        Move(S.UNDER_REVIEW, S.REJECTED, frozenset({officer}), _("Reject"), needs_reason=True, style="danger"),
        Move(
            S.APPROVED, S.TRAVEL_PREPARATION, frozenset({movement, officer}), _("Start travel preparation"),
            waits_on=movement,
        ),
        Move(S.TRAVEL_PREPARATION, S.BOOKED, frozenset({movement}), _("Mark booked"), waits_on=movement),
        Move(
            S.BOOKED, S.TRAVEL_PREPARATION, frozenset({movement}), _("Cancel booking"),
            needs_reason=True, style="secondary",
        ),
        Move(S.BOOKED, S.DEPARTED, frozenset({movement}), _("Record departure"), waits_on=movement),
    ]
    for state in OPEN_STATES:
        moves.append(
            Move(state, S.WITHDRAWN, frozenset({counsellor, officer}), _("Withdraw"), needs_reason=True,
                 style="danger")
        )
        if state != S.DRAFT:  # a draft has not been submitted: nobody is expected to show up yet
            moves.append(
                Move(state, S.NO_SHOW, frozenset({officer, movement}), _("Record no-show"), needs_reason=True,
                     style="danger")
            )
    for state in ENDED_STATES:
        moves.append(Move(state, S.CLOSED, frozenset({officer}), _("Close file"), style="secondary"))
    # Reopening sends the file back for a new review; the service refuses it for a household that departed.
    for state in (S.REJECTED, S.WITHDRAWN, S.NO_SHOW, S.CLOSED):
        moves.append(
            Move(state, S.REGISTERED, frozenset({officer}), _("Reopen"), needs_reason=True, style="secondary")
        )
    return {(move.source, move.target): move for move in moves}


TRANSITIONS: dict[tuple[str, str], Move] = _moves()


def move_for(source: str, target: str) -> Move | None:
    return TRANSITIONS.get((source, target))


def moves_from(source: str) -> list[Move]:
    return [move for (start, _target), move in TRANSITIONS.items() if start == source]


_STYLE_ORDER = {"primary": 0, "secondary": 1, "danger": 2}


def moves_for_roles(source: str, roles: frozenset[str]) -> list[Move]:
    """The moves these roles may make from `source`, the way forward first and the destructive ones last."""
    moves = [move for move in moves_from(source) if move.roles & roles]
    return sorted(moves, key=lambda move: _STYLE_ORDER[move.style])


def states_waiting_on(roles: frozenset[str]) -> list[str]:
    """States in which a case is in the work queue of one of these roles."""
    waiting = {move.source for move in TRANSITIONS.values() if move.waits_on in roles}
    return [state for state in S.values if state in waiting]
