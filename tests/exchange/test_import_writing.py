"""What the importer writes along its fast path (importer._create) besides the file's own values: the moments of the
rows, rendered once each for the database (bulk.moment_value), and the cases' references, drawn clear of those in
use, including, in a history load, those drawn by earlier rounds of the same import and held only in memory."""

from __future__ import annotations

import datetime
import gc
import itertools

import pytest
from django.utils import timezone

from homeward.cases.models import Case, CaseEvent, CaseMember, CaseState, Relation
from homeward.core.references import reference_drawn
from homeward.exchange import importer
from homeward.exchange.bulk import collector_resting
from homeward.people.models import Person
from tests.exchange.casefiles import REGISTER, REGISTER_CASES, csv_bytes, row
from tests.factories import case_in_state


@pytest.fixture
def always_a_history_load(monkeypatch):
    monkeypatch.setattr(importer, "HISTORY_LOAD_AFTER", 1)


@pytest.mark.parametrize("options", [(), ("--history",)], ids=["ordinary import", "history load"])
def test_imported_rows_are_dated_by_the_import_and_their_cases_by_their_last_fact(admin, import_file, options,
                                                                                  always_a_history_load):
    # when the register is imported (a winter's and a summer's departure among its cases)
    before = timezone.now()
    import_file(csv_bytes(REGISTER), admin, "cases.csv", *options)
    after = timezone.now()

    # then each case is dated by its departure, or else its registration, at noon in the agency's time zone
    zone = timezone.get_current_timezone()
    cases = list(Case.objects.all())
    assert len(cases) == REGISTER_CASES
    for case in cases:
        day = case.departed_on or case.registered_on
        assert case.updated_at == datetime.datetime.combine(day, datetime.time(12), tzinfo=zone), case.source_ref
    offsets = {case.updated_at.astimezone(zone).utcoffset() for case in cases}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}  # the test covers both seasons
    # and the rows are created at one moment, the import's
    created = {case.created_at for case in cases}
    created |= {moment for person in Person.objects.all() for moment in (person.created_at, person.updated_at)}
    created |= set(CaseEvent.objects.values_list("at", flat=True))
    assert len(created) == 1
    assert before <= created.pop() <= after


def test_a_history_load_draws_each_reference_clear_of_the_register_and_of_its_earlier_rounds(
    admin, import_file, always_a_history_load, monkeypatch, counsellor, officer, movement
):
    # given a register holding one case, and an import written in rounds of two cases
    held = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement).reference
    monkeypatch.setattr(importer, "CREATE_BATCH", 2)
    # whose draws give the register's reference first, then the first round's two again, before fresh ones
    first, second = "2012-AAA-AAA", "2012-AAA-AAB"
    fresh = (reference_drawn(2012, importer.random.Random(seed)) for seed in itertools.count())
    draws = itertools.chain([held, first, second, first, second], fresh)
    monkeypatch.setattr(importer, "reference_drawn", lambda year, rng: next(draws))

    # when the history is loaded along the fast path
    out, _err = import_file(csv_bytes(REGISTER), admin, "cases.csv", "--history")

    # then every case has a reference of its own
    assert f"{REGISTER_CASES} cases created" in out
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == REGISTER_CASES + 1
    assert {first, second} <= set(references)


@pytest.mark.parametrize("options", [(), ("--history",)], ids=["ordinary import", "history load"])
def test_the_cycle_collector_rests_while_new_households_are_written_and_only_then(admin, import_file, options,
                                                                                  always_a_history_load, monkeypatch):
    # given an import that notes whether the collector runs while it writes new households
    seen = []
    create = importer._create
    monkeypatch.setattr(importer, "_create", lambda *args: seen.append(gc.isenabled()) or create(*args))

    # when the register is imported, and again with one case changed (compared and updated through the ORM)
    import_file(csv_bytes(REGISTER), admin, "cases.csv", *options)
    compared = importer.case_household_refresh
    monkeypatch.setattr(importer, "case_household_refresh",
                        lambda cases: seen.append(("update", gc.isenabled())) or compared(cases))
    changed = [dict(REGISTER[0], family_name="Shevchenko-Bondar"), *REGISTER[1:]]
    import_file(csv_bytes(changed), admin)

    # then it rested while the new households were written, ran while cases were updated, and runs afterwards
    assert seen[0] is False
    assert ("update", True) in seen
    assert gc.isenabled()


def test_a_resting_collector_is_back_after_an_error_unless_it_was_off_before():
    with pytest.raises(RuntimeError), collector_resting():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_resting():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("options", [(), ("--history",)], ids=["ordinary import", "history load"])
def test_the_principal_comes_first_in_the_household_wherever_the_file_lists_them(admin, import_file, options,
                                                                                 always_a_history_load):
    # given a household whose principal is on its second row, between two members
    household = [
        row(person_ref="P-1", role="MEMBER", given_names="Olena"),
        row(person_ref="P-2", role="PRINCIPAL", given_names="Oleksandr"),
        row(person_ref="P-3", role="MEMBER", given_names="Taras"),
    ]

    # when it is imported
    import_file(csv_bytes(household), admin, "cases.csv", *options)

    # then the principal is the household's first member, and the members follow in the file's order
    members = CaseMember.objects.filter(case__source_ref="C-001").order_by("position")
    assert [(member.person.given_names, member.relation) for member in members] == [
        ("Oleksandr", Relation.PRINCIPAL), ("Olena", Relation.NOT_RECORDED), ("Taras", Relation.NOT_RECORDED)]
