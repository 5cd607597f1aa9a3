"""What a case keeps of its household's size (Case.persons, read by the case list and the year report) follows every
path that changes the household: the registration, an edit, and the migration that fills it for a register (the
imports: tests/exchange/test_import_search_names.py)."""

from __future__ import annotations

import importlib
from dataclasses import replace

from django.db import connection

from homeward.cases import services
from homeward.cases.models import Case, CaseState, Relation
from tests.factories import case_in_state, member, principal


def _sizes() -> dict[int, tuple[int, int]]:
    """Each case's kept size beside its members counted."""
    return {case.pk: (case.persons, case.members.count()) for case in Case.objects.all()}


def test_a_registered_household_keeps_its_size(counsellor, officer, movement):
    case = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement,
                         members=[member(given_names="Taras"), member(given_names="Olha")])

    assert _sizes() == {case.pk: (3, 3)}


def test_an_edit_that_removes_and_adds_members_keeps_the_size_it_leaves(counsellor, officer, movement):
    # given a father and a son
    case = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement,
                         members=[member(given_names="Taras")])
    father = case.members.get(relation=Relation.PRINCIPAL)

    # when the son is taken out and two daughters put in
    services.case_update(
        actor=officer, case=case, expected_version=Case.objects.get(pk=case.pk).version,
        principal=replace(principal(), member_id=father.pk),
        members=[member(given_names="Olha"), member(given_names="Maria")], destination="UA",
        reab_category="ASYLUM_REJECTED",
    )

    # then the case keeps three persons
    assert _sizes() == {case.pk: (3, 3)}


def test_the_migration_fills_the_size_of_every_case_already_registered(counsellor, officer, movement):
    # given a register written before the size was kept (every size 0)
    cases = [case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement,
                           members=[member(given_names=f"Child {number}") for number in range(size)])
             for size in (0, 1, 4)]
    Case.objects.update(persons=0)

    # when the migration's statement runs
    fill = importlib.import_module("homeward.cases.migrations.0009_case_persons").FILL
    with connection.cursor() as cursor:
        cursor.execute(fill)

    # then each case has the size of its household
    assert _sizes() == {case.pk: (size, size) for case, size in zip(cases, (1, 2, 5), strict=True)}
