"""The workflow: every pair of states, allowed or refused, through the one service that moves a case."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from homeward.cases import services
from homeward.cases.models import Case, CaseEvent, CaseEventKind, CaseState, MemberOutcome, Relation
from homeward.cases.workflow import TRANSITIONS, moves_for_roles, states_waiting_on
from homeward.core.errors import TransitionNotAllowed
from homeward.organisations.models import Role
from tests.factories import UserFactory, case_in_state, member
from tests.snapshots import case_snapshot

S = CaseState
ALL_PAIRS = [(source, target) for source in S.values for target in S.values]
REFUSED_PAIRS = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]
# One case per (move, role allowed to make it): each role in the table is tried, not only the first.
ALLOWED_MOVES = [
    (source, target, role)
    for (source, target), move in TRANSITIONS.items()
    for role in sorted(move.roles)
]
REASON = "The family asked for it on the phone."


def _pair_id(value: object) -> str:
    return str(value)


@pytest.fixture
def chief(country_office):
    """A country-office user holding every role that moves cases: a refusal by them comes from the table alone."""
    return UserFactory(
        username="chief", organisation=country_office, roles=[Role.CASE_OFFICER, Role.MOVEMENT_OFFICER]
    )


def _case_at(state: str, *, counsellor, officer, movement) -> Case:
    # case_in_state reaches CLOSED through a departure, and a departed household cannot be reopened; the table's
    # CLOSED -> REGISTERED move is for a file closed without a departure, so that one is closed after withdrawal.
    if state == S.CLOSED:
        case = case_in_state(S.WITHDRAWN, counsellor=counsellor, officer=officer, movement=movement)
        return services.case_transition(actor=officer, case=case, to_state=S.CLOSED)
    return case_in_state(state, counsellor=counsellor, officer=officer, movement=movement)


@pytest.mark.parametrize(("source", "target", "role"), ALLOWED_MOVES, ids=_pair_id)
def test_an_allowed_move_changes_the_state_and_writes_one_event(
    source, target, role, counsellor, officer, movement
):
    # given a case in the source state and a user with a role the table allows for the move
    actor = {Role.PARTNER_COUNSELLOR: counsellor, Role.CASE_OFFICER: officer, Role.MOVEMENT_OFFICER: movement}[role]
    move = TRANSITIONS[(source, target)]
    case = _case_at(source, counsellor=counsellor, officer=officer, movement=movement)
    version_before = case.version
    events_before = list(CaseEvent.objects.filter(case=case).values_list("pk", flat=True))
    today = timezone.localdate()

    # when the user makes the move
    moved = services.case_transition(
        actor=actor,
        case=case,
        to_state=target,
        reason=REASON if move.needs_reason else "",
        departed_on=today if target == S.DEPARTED else None,
    )

    # then the case is in the target state, one version later, with exactly one new history row
    case.refresh_from_db()
    assert moved.state == target
    assert case.state == target
    assert case.version == version_before + 1
    new_events = CaseEvent.objects.filter(case=case).exclude(pk__in=events_before)
    assert list(new_events.values("kind", "actor", "from_state", "to_state", "reason", "changes")) == [
        {
            "kind": CaseEventKind.TRANSITION,
            "actor": actor.pk,
            "from_state": source,
            "to_state": target,
            "reason": REASON if move.needs_reason else "",
            # Approval keeps the eligibility decision, and says so in the same history row.
            "changes": [{"field": "eligibility", "from": "", "to": "v1"}] if target == S.APPROVED else [],
        }
    ]
    if target == S.DEPARTED:
        assert case.departed_on == today


@pytest.mark.parametrize(("source", "target"), REFUSED_PAIRS, ids=_pair_id)
def test_a_move_not_in_the_table_is_refused_and_changes_nothing(
    source, target, counsellor, officer, movement, chief
):
    # given a case in the source state
    case = case_in_state(source, counsellor=counsellor, officer=officer, movement=movement)
    before = case_snapshot(case)

    # when a user holding every workflow role asks for a move the table does not have (reason and date given)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(
            actor=chief, case=case, to_state=target, reason=REASON, departed_on=timezone.localdate()
        )

    # then it is refused with a clerk's message, and nothing changed
    assert refused.value.message == (
        f"A case that is {S(source).label.lower()} cannot become {S(target).label.lower()}."
    )
    assert case_snapshot(case) == before


def test_a_state_that_does_not_exist_is_refused(counsellor, officer, movement):
    case = case_in_state(S.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    before = case_snapshot(case)

    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(actor=officer, case=case, to_state="ARCHIVED")

    assert refused.value.message == "ARCHIVED is not a state of a case."
    assert case_snapshot(case) == before


@pytest.mark.parametrize("reason", ["", "   \n\t "])
def test_a_move_that_needs_a_reason_is_refused_without_one(reason, counsellor, officer, movement):
    # given a case under review
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement)
    before = case_snapshot(case)

    # when the officer rejects it with a blank reason
    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(actor=officer, case=case, to_state=S.REJECTED, reason=reason)

    # then nothing changed
    assert refused.value.message == "This step needs a reason, kept in the history: Reject."
    assert case_snapshot(case) == before


def test_the_reason_is_stored_without_surrounding_blanks(counsellor, officer, movement):
    case = case_in_state(S.UNDER_REVIEW, counsellor=counsellor, officer=officer, movement=movement)

    services.case_transition(actor=officer, case=case, to_state=S.REJECTED, reason="  No documents.\n")

    assert CaseEvent.objects.filter(case=case).latest("pk").reason == "No documents."


@pytest.mark.parametrize(
    ("state", "target", "who", "message"),
    [
        (S.UNDER_REVIEW, S.APPROVED, "movement", "Your role does not allow this step on this case: Approve."),
        (S.UNDER_REVIEW, S.APPROVED, "counsellor", "Your role does not allow this step on this case: Approve."),
        (S.REGISTERED, S.UNDER_REVIEW, "counsellor", "Your role does not allow this step on this case: Start review."),
        (S.TRAVEL_PREPARATION, S.BOOKED, "officer", "Your role does not allow this step on this case: Mark booked."),
        (S.BOOKED, S.NO_SHOW, "counsellor", "Your role does not allow this step on this case: Record no-show."),
        (S.REGISTERED, S.WITHDRAWN, "movement", "Your role does not allow this step on this case: Withdraw."),
        (S.REGISTERED, S.WITHDRAWN, "other_counsellor", "Your role does not allow this step on this case: Withdraw."),
        (S.REGISTERED, S.WITHDRAWN, "office_abroad_user", "Your role does not allow this step on this case: Withdraw."),
        (S.REGISTERED, S.WITHDRAWN, "programme_manager", "Your role does not allow this step on this case: Withdraw."),
        (S.DRAFT, S.REGISTERED, "other_counsellor", "Your role does not allow this step on this case: Register."),
    ],
)
def test_a_user_whose_role_is_not_allowed_is_refused(state, target, who, message, request, counsellor, officer,
                                                     movement):
    # given a case and a user the table does not allow to make the move
    actor = request.getfixturevalue(who)
    case = case_in_state(state, counsellor=counsellor, officer=officer, movement=movement)
    before = case_snapshot(case)

    # when they try it (with a reason and a date, so only the role is wrong)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(
            actor=actor, case=case, to_state=target, reason=REASON, departed_on=timezone.localdate()
        )

    # then it is refused and nothing changed
    assert refused.value.message == message
    assert case_snapshot(case) == before


def test_reopening_a_departed_and_closed_case_is_refused(counsellor, officer, movement):
    # given a household that departed and whose file was closed
    case = case_in_state(S.CLOSED, counsellor=counsellor, officer=officer, movement=movement)
    assert case.departed_on is not None
    before = case_snapshot(case)

    # when the officer reopens it
    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(actor=officer, case=case, to_state=S.REGISTERED, reason=REASON)

    # then it is refused: a new application is needed
    assert refused.value.message == (
        "This household has departed; register a new application instead of reopening this one."
    )
    assert case_snapshot(case) == before


def _booked_family(*, counsellor, officer, movement) -> Case:
    return case_in_state(
        S.BOOKED, counsellor=counsellor, officer=officer, movement=movement,
        members=[
            member(Relation.SPOUSE, family_name="Shevchenko", given_names="Iryna", sex="F"),
            member(Relation.CHILD, family_name="Shevchenko", given_names="Taras",
                   date_of_birth=datetime.date(2015, 6, 1)),
        ],
    )


def test_a_departure_records_who_left_and_who_stayed(counsellor, officer, movement):
    # given a booked household of three
    case = _booked_family(counsellor=counsellor, officer=officer, movement=movement)
    principal, _spouse, child = case.members.order_by("position")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    case.registered_on = yesterday - datetime.timedelta(days=30)
    Case.objects.filter(pk=case.pk).update(registered_on=case.registered_on)

    # when the movement officer records the departure of the principal and the child; the spouse stayed
    services.case_transition(
        actor=movement, case=case, to_state=S.DEPARTED, departed_on=yesterday,
        departing_member_ids=[principal.pk, child.pk],
    )

    # then each person's outcome is recorded, with a date only for those who left
    case.refresh_from_db()
    assert case.state == S.DEPARTED
    assert case.departed_on == yesterday
    assert list(case.members.order_by("position").values_list("person__given_names", "outcome", "departed_on")) == [
        ("Oleksandr", MemberOutcome.DEPARTED, yesterday),
        ("Iryna", MemberOutcome.STAYED, None),
        ("Taras", MemberOutcome.DEPARTED, yesterday),
    ]


def test_a_departure_without_a_list_means_everyone_left(counsellor, officer, movement):
    case = _booked_family(counsellor=counsellor, officer=officer, movement=movement)
    today = timezone.localdate()

    services.case_transition(actor=movement, case=case, to_state=S.DEPARTED, departed_on=today)

    assert list(case.members.order_by("position").values_list("outcome", "departed_on")) == [
        (MemberOutcome.DEPARTED, today), (MemberOutcome.DEPARTED, today), (MemberOutcome.DEPARTED, today),
    ]


@pytest.mark.parametrize(
    ("departing", "departed_in_days", "message"),
    [
        ([], 0, "At least one person of the household must depart."),
        (None, 1, "The date of departure cannot be in the future."),
        (None, None, "Give the date of departure."),
        ("stranger", 0, "Only members of this household can depart with it."),
    ],
    ids=["nobody departs", "date in the future", "no date", "someone from another case"],
)
def test_a_departure_that_cannot_be_is_refused(departing, departed_in_days, message, counsellor, officer, movement):
    # given a booked household of three
    case = _booked_family(counsellor=counsellor, officer=officer, movement=movement)
    if departing == "stranger":
        stranger = case_in_state(S.BOOKED, counsellor=counsellor, officer=officer, movement=movement)
        departing = [case.members.first().pk, stranger.members.get().pk]
    departed_on = None if departed_in_days is None else timezone.localdate() + datetime.timedelta(days=departed_in_days)
    before = case_snapshot(case)

    # when the departure is recorded
    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(
            actor=movement, case=case, to_state=S.DEPARTED, departed_on=departed_on, departing_member_ids=departing
        )

    # then it is refused; the case stays booked and nobody's outcome changed
    assert refused.value.message == message
    assert case_snapshot(case) == before
    assert set(case.members.values_list("outcome", flat=True)) == {MemberOutcome.PENDING}


def test_a_departure_before_the_registration_is_refused(counsellor, officer, movement):
    case = _booked_family(counsellor=counsellor, officer=officer, movement=movement)
    before = case_snapshot(case)

    with pytest.raises(TransitionNotAllowed) as refused:
        services.case_transition(
            actor=movement, case=case, to_state=S.DEPARTED,
            departed_on=case.registered_on - datetime.timedelta(days=1),
        )

    assert refused.value.message == "The date of departure cannot be before the application was registered."
    assert case_snapshot(case) == before


def test_registering_a_draft_sets_the_registration_date(counsellor, officer, movement):
    # given a draft
    case = case_in_state(S.DRAFT, counsellor=counsellor, officer=officer, movement=movement)
    assert case.registered_on is None

    # when the counsellor registers it
    services.case_transition(actor=counsellor, case=case, to_state=S.REGISTERED)

    # then it carries today's date as its registration date
    case.refresh_from_db()
    assert (case.registered_on, case.approved_on, case.departed_on) == (timezone.localdate(), None, None)


def test_approval_sets_the_approval_date_and_reopening_clears_it_keeping_the_registration(
    counsellor, officer, movement
):
    # given an approved case registered 40 days ago
    case = case_in_state(S.APPROVED, counsellor=counsellor, officer=officer, movement=movement)
    today = timezone.localdate()
    assert case.approved_on == today
    registered_on = today - datetime.timedelta(days=40)
    Case.objects.filter(pk=case.pk).update(registered_on=registered_on)
    case.refresh_from_db()

    # when it is withdrawn and then reopened
    services.case_transition(actor=counsellor, case=case, to_state=S.WITHDRAWN, reason=REASON)
    services.case_transition(actor=officer, case=case, to_state=S.REGISTERED, reason="They came back.")

    # then the approval date is gone and the first registration date kept
    case.refresh_from_db()
    assert (case.state, case.registered_on, case.approved_on) == (S.REGISTERED, registered_on, None)


# Pure logic of the table: no database.


@pytest.mark.parametrize(
    ("roles", "states"),
    [
        ({Role.PARTNER_COUNSELLOR}, [S.DRAFT]),
        # A draft waits on the partner who writes it, an approved case on the movement officer who takes it on.
        ({Role.CASE_OFFICER}, [S.REGISTERED, S.UNDER_REVIEW]),
        ({Role.MOVEMENT_OFFICER}, [S.APPROVED, S.TRAVEL_PREPARATION, S.BOOKED]),
        (
            {Role.CASE_OFFICER, Role.MOVEMENT_OFFICER},
            [S.REGISTERED, S.UNDER_REVIEW, S.APPROVED, S.TRAVEL_PREPARATION, S.BOOKED],
        ),
        ({Role.OFFICE_ABROAD}, []),
        ({Role.PROGRAMME_MANAGER}, []),
        ({Role.REINTEGRATION_OFFICER}, []),
        (set(), []),
    ],
)
def test_states_waiting_on(roles, states):
    assert states_waiting_on(frozenset(roles)) == states


@pytest.mark.parametrize(
    ("source", "roles", "targets"),
    [
        (S.DRAFT, {Role.PARTNER_COUNSELLOR}, [S.REGISTERED, S.WITHDRAWN]),
        (S.DRAFT, {Role.MOVEMENT_OFFICER}, []),
        (S.REGISTERED, {Role.PARTNER_COUNSELLOR}, [S.WITHDRAWN]),
        (S.UNDER_REVIEW, {Role.CASE_OFFICER}, [S.APPROVED, S.REJECTED, S.WITHDRAWN, S.NO_SHOW]),
        (S.APPROVED, {Role.MOVEMENT_OFFICER}, [S.TRAVEL_PREPARATION, S.NO_SHOW]),
        # the way forward first, the destructive moves last
        (S.BOOKED, {Role.MOVEMENT_OFFICER}, [S.DEPARTED, S.TRAVEL_PREPARATION, S.NO_SHOW]),
        (S.BOOKED, {Role.CASE_OFFICER}, [S.WITHDRAWN, S.NO_SHOW]),
        (S.DEPARTED, {Role.CASE_OFFICER}, [S.CLOSED]),
        (S.DEPARTED, {Role.MOVEMENT_OFFICER}, []),
        (S.REJECTED, {Role.CASE_OFFICER}, [S.CLOSED, S.REGISTERED]),
        (S.CLOSED, {Role.CASE_OFFICER}, [S.REGISTERED]),
        (S.CLOSED, {Role.PARTNER_COUNSELLOR, Role.MOVEMENT_OFFICER}, []),
        (S.APPROVED, {Role.OFFICE_ABROAD, Role.PROGRAMME_MANAGER}, []),
    ],
)
def test_moves_for_roles(source, roles, targets):
    assert [move.target for move in moves_for_roles(source, frozenset(roles))] == targets


def test_the_moves_that_need_a_reason_are_reject_withdraw_no_show_cancel_booking_and_reopen():
    needing_reason = {pair for pair, move in TRANSITIONS.items() if move.needs_reason}

    assert {target for _source, target in needing_reason} == {S.REJECTED, S.WITHDRAWN, S.NO_SHOW,
                                                              S.TRAVEL_PREPARATION, S.REGISTERED}
    assert (S.BOOKED, S.TRAVEL_PREPARATION) in needing_reason
    assert (S.APPROVED, S.TRAVEL_PREPARATION) not in needing_reason
    assert (S.DRAFT, S.REGISTERED) not in needing_reason


def test_the_table_has_the_documented_shape():
    assert len(TRANSITIONS) == 8 + 6 + 5 + 4 + 4
    assert {source for source, target in TRANSITIONS if target == S.WITHDRAWN} == {
        S.DRAFT, S.REGISTERED, S.UNDER_REVIEW, S.APPROVED, S.TRAVEL_PREPARATION, S.BOOKED,
    }
    assert {source for source, target in TRANSITIONS if target == S.NO_SHOW} == {
        S.REGISTERED, S.UNDER_REVIEW, S.APPROVED, S.TRAVEL_PREPARATION, S.BOOKED,
    }
    assert {source for source, target in TRANSITIONS if target == S.CLOSED} == {
        S.REJECTED, S.WITHDRAWN, S.NO_SHOW, S.DEPARTED,
    }
    assert {source for source, target in TRANSITIONS if target == S.REGISTERED} == {
        S.DRAFT, S.REJECTED, S.WITHDRAWN, S.NO_SHOW, S.CLOSED,
    }


def test_after_a_refused_departure_a_corrected_retry_with_the_same_object_succeeds(counsellor, officer, movement):
    # given a booked case held by the caller, whose departure with nobody departing was refused
    case = _booked_family(counsellor=counsellor, officer=officer, movement=movement)
    version = case.version
    today = timezone.localdate()
    with pytest.raises(TransitionNotAllowed):
        services.case_transition(
            actor=movement, case=case, to_state=S.DEPARTED, departed_on=today, departing_member_ids=[]
        )

    # when the caller corrects the list and tries again with the same object
    principal_member = case.members.get(relation=Relation.PRINCIPAL)
    services.case_transition(
        actor=movement, case=case, to_state=S.DEPARTED, departed_on=today, departing_member_ids=[principal_member.pk]
    )

    # then the departure is recorded
    case.refresh_from_db()
    assert (case.state, case.version, case.departed_on) == (S.DEPARTED, version + 1, today)
