"""A large history loaded into a (nearly) empty register takes the fast path of exchange.bulk.history_load: on
PostgreSQL its tables are locked, their foreign keys set aside and checked once at the end, keys taken in blocks.
The register it gives must be the one an ordinary import gives, the keys must come back exactly, and a broken key
must still roll everything back."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from homeward.cases.models import Case, CaseMember, CaseState, Relation
from homeward.exchange import importer
from homeward.exchange.bulk import history_load, ids_allocate, rows_insert
from homeward.organisations.models import Organisation, Programme
from homeward.people.models import Person
from tests.exchange.casefiles import REGISTER, REGISTER_CASES, csv_bytes, register_counts
from tests.exchange.test_round_trip import export
from tests.factories import case_in_state


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("history_load sets foreign keys aside on PostgreSQL only")


@pytest.fixture
def always_a_history_load(monkeypatch):
    monkeypatch.setattr(importer, "HISTORY_LOAD_AFTER", 1)


def _catalogue(query: str) -> set[tuple[str, ...]]:
    """What PostgreSQL's catalogue says of the import's tables (`query` takes them as an array)."""
    with connection.cursor() as cursor:
        cursor.execute(query, [[model._meta.db_table for model in importer.TABLES]])
        return set(cursor.fetchall())


def foreign_keys() -> set[tuple[str, ...]]:
    return _catalogue("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                      " WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])")


def unique_constraints() -> set[tuple[str, ...]]:
    return _catalogue("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable::text"
                      " FROM pg_constraint WHERE contype = 'u' AND conrelid = ANY(%s::regclass[])")


def indexes() -> set[tuple[str, ...]]:
    return _catalogue("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
                      " WHERE indrelid = ANY(%s::regclass[])")


def test_a_history_load_gives_the_register_an_ordinary_import_gives(admin, import_file, tmp_path,
                                                                    always_a_history_load):
    # when the history is imported into the empty register along the fast path
    out, _err = import_file(csv_bytes(REGISTER), admin, "cases.csv", "--history")

    # then every household is there, as the file says, and exports back to the same file
    assert f"{REGISTER_CASES} cases created" in out
    assert export(tmp_path, admin.username) == csv_bytes(REGISTER)
    counts = register_counts()

    # and importing it again (now an ordinary import: the register is no longer smaller) changes nothing
    out, _err = import_file(csv_bytes(REGISTER), admin)
    assert f"0 cases created, 0 updated, {REGISTER_CASES} unchanged" in out
    assert register_counts() == counts


def test_a_history_is_not_loaded_along_the_fast_path_into_a_register_that_holds_more_cases(
    admin, import_file, always_a_history_load, monkeypatch, counsellor, officer, movement
):
    # given a register already holding more cases than the file brings
    for _index in range(REGISTER_CASES + 1):
        case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    loads = []
    monkeypatch.setattr(importer, "history_load", lambda tables: loads.append(tables) or history_load(tables))

    # when the file is imported, even with --history
    import_file(csv_bytes(REGISTER), admin, "cases.csv", "--history")

    # then the import kept the ordinary checks per row
    assert loads == []


def test_without_the_operators_request_an_import_never_takes_the_fast_path(admin, import_file, monkeypatch,
                                                                           always_a_history_load):
    loads = []
    monkeypatch.setattr(importer, "history_load", lambda tables: loads.append(tables) or history_load(tables))
    import_file(csv_bytes(REGISTER), admin)  # the upload page and the API never ask
    assert loads == []


def test_the_foreign_keys_and_indexes_come_back_word_for_word(postgres, admin, import_file, always_a_history_load,
                                                               monkeypatch):
    before = foreign_keys()
    assert len(before) >= 9  # case: programme, partner, creator; member: case, person; and the rest
    uniques_before = unique_constraints()
    assert {"case_reference_unique", "person_source_ref_unique"} <= {row[1] for row in uniques_before}
    indexes_before = indexes()
    assert "case_search_names_trgm" in {name for name, _definition in indexes_before}  # the GIN among them
    loads = []
    monkeypatch.setattr(importer, "history_load", lambda tables: loads.append(tables) or history_load(tables))

    import_file(csv_bytes(REGISTER), admin, "cases.csv", "--history")

    assert loads  # the fast path was taken

    assert foreign_keys() == before
    assert unique_constraints() == uniques_before
    assert indexes() == indexes_before


def test_a_row_that_breaks_a_unique_constraint_rolls_the_whole_load_back(postgres, admin, counsellor, officer,
                                                                         movement):
    uniques_before, indexes_before = unique_constraints(), indexes()
    held = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    cases = Case.objects.count()

    # when a load writes a case under a reference already in use (the uniqueness is set aside until its end)
    with pytest.raises(IntegrityError, match="case_reference_unique"), transaction.atomic(), \
            history_load(importer.TABLES):
        rows_insert(Case, ("id", "reference", "programme_id", "referring_partner_id", "destination", "state",
                           "registered_on", "has_means_to_return", "version", "persons", "support_flags",
                           "search_names", "reab_category", "avrrl_status", "notes", "created_at", "updated_at"),
                    [(10_000_001, held.reference, held.programme_id, held.referring_partner_id, "UA", "REGISTERED",
                      datetime.date(2026, 1, 5), False, 1, 1, 0, "", "", "", "", held.created_at, held.updated_at)])

    # then the constraints and indexes are back as they were, and nothing was written
    assert unique_constraints() == uniques_before
    assert indexes() == indexes_before
    assert Case.objects.count() == cases


def test_a_row_that_breaks_a_foreign_key_rolls_the_whole_load_back(postgres, admin):
    before = foreign_keys()
    indexes_before = indexes()
    person = Person.objects.create(family_name="Shevchenko", sex="M")
    members = CaseMember.objects.count()

    # when a load writes a member of a case that does not exist
    with pytest.raises(IntegrityError), transaction.atomic(), history_load(importer.TABLES):
        rows_insert(
            CaseMember,
            ("id", "case_id", "person_id", "relation", "outcome", "departed_on", "recognised_refugee",
             "uam_identified_before_18", "position"),
            [(10_000_001, 987_654_321, person.pk, Relation.PRINCIPAL, "PENDING", None, False, False, 0)],
        )

    # then the keys and indexes are back as they were, and nothing was written
    assert foreign_keys() == before
    assert indexes() == indexes_before
    assert CaseMember.objects.count() == members


def test_keys_taken_in_a_block_follow_the_sequence_and_the_next_case_follows_them(
    postgres, admin, counsellor, officer, movement
):
    existing = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    with transaction.atomic(), history_load(importer.TABLES):
        block = ids_allocate(Case, 5, exclusive=True)
    assert list(block) == list(range(block[0], block[0] + 5))
    assert block[0] > existing.pk
    later = Case.objects.create(
        reference="2026-ZZZ-ZZZ",
        programme=Programme.objects.get(code="REAB"),
        referring_partner=existing.referring_partner,
        destination="UA",
        registered_on=datetime.date(2026, 1, 5),
    )
    assert later.pk > block[-1]


def test_ids_taken_one_by_one_are_as_many_as_asked(admin):
    ids = ids_allocate(Person, 3)
    assert len(set(ids)) == 3
    assert ids_allocate(Person, 0) == []


def test_a_large_import_leaves_statistics_on_the_tables_it_wrote_and_those_its_cases_point_to(
    postgres, admin, import_file, monkeypatch
):
    # given a register whose small tables autovacuum never analyses (programmes, organisations: reltuples -1)
    monkeypatch.setattr(importer, "ANALYZE_AFTER", 1)
    tables = [model._meta.db_table for model in (*importer.TABLES, Programme, Organisation)]

    # when a file counted as large is imported
    import_file(csv_bytes(REGISTER), admin)

    # then the planner knows how many rows every one of them holds
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [tables])
        unknown = [name for name, rows in cursor.fetchall() if rows < 0]
    assert unknown == []
