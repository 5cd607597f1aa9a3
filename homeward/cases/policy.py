"""Who may do what to a case they can see. Which cases they can see at all is `cases.selectors`' business."""

from __future__ import annotations

from homeward.cases.models import Case, CaseState
from homeward.cases.workflow import OPEN_STATES, Move, moves_for_roles
from homeward.organisations.models import Organisation, Role, User

# Until the country office has decided, the partner may still complete the file.
_PARTNER_EDITABLE_STATES = frozenset({CaseState.DRAFT, CaseState.REGISTERED, CaseState.UNDER_REVIEW})


def is_referring_counsellor(user: User, case: Case) -> bool:
    return user.has_role(Role.PARTNER_COUNSELLOR) and user.organisation_id == case.referring_partner_id


def can_register_for(user: User, partner: Organisation) -> bool:
    if not partner.refers_cases or not partner.is_active:
        return False
    if user.has_role(Role.CASE_OFFICER):
        return True
    return user.has_role(Role.PARTNER_COUNSELLOR) and user.organisation_id == partner.pk


def can_register(user: User) -> bool:
    return user.has_role(Role.CASE_OFFICER, Role.PARTNER_COUNSELLOR)


def can_edit(user: User, case: Case) -> bool:
    if case.state not in OPEN_STATES:
        return False
    if user.has_role(Role.CASE_OFFICER):
        return True
    return is_referring_counsellor(user, case) and case.state in _PARTNER_EDITABLE_STATES


def allowed_moves(user: User, case: Case) -> list[Move]:
    """The transitions this user may make on this case now: the buttons on the case page."""
    moves = moves_for_roles(case.state, user.role_set)
    if user.is_country_office_staff:
        return moves
    if is_referring_counsellor(user, case):
        return [move for move in moves if Role.PARTNER_COUNSELLOR in move.roles]
    return []


def sees_asylum_details(user: User) -> bool:
    """An office abroad delivers support; it does not need to know how the asylum procedure went."""
    return user.is_country_office_staff or user.has_role(Role.PARTNER_COUNSELLOR, Role.PROGRAMME_MANAGER)
