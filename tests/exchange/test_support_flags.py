"""What a case keeps of its household's reintegration support (Case.support_flags, read by the year report instead of
the support rows) follows every path that records support: the service, an import, a later file that changes it,
and the migration that fills it for a register; and a history load leaves its tables ready for the report's
index-only reads on PostgreSQL."""

from __future__ import annotations

import importlib

import pytest
from django.db import DatabaseError, connection
from hypothesis import given
from hypothesis import strategies as st

from homeward.cases import services
from homeward.cases.models import (
    Case,
    CaseState,
    ReintegrationKind,
    ReintegrationSupport,
    SupportFlags,
    support_flags_of,
)
from homeward.exchange import bulk, importer
from homeward.reports.year import year_report
from tests.exchange.casefiles import REGISTER, csv_bytes, row
from tests.factories import case_in_state

COMMAND = importlib.import_module("homeward.exchange.management.commands.import-cases")

KINDS = [kind.value for kind in ReintegrationKind]


def _kept() -> dict[str, tuple[int, int]]:
    """Each case's kept flags beside the flags of its support rows as they are."""
    return {case.source_ref or case.reference: (case.support_flags,
                                                support_flags_of(case.reintegration.values_list("kind", flat=True)))
            for case in Case.objects.all()}


@given(st.sets(st.sampled_from(KINDS)))
def test_the_flags_say_whether_there_was_any_support_and_whether_a_microbusiness_or_medical_expenses(kinds):
    flags = SupportFlags(support_flags_of(kinds))
    assert bool(flags & SupportFlags.ANY) == bool(kinds)
    assert bool(flags & SupportFlags.MICROBUSINESS) == (ReintegrationKind.MICROBUSINESS in kinds)
    assert bool(flags & SupportFlags.MEDICAL) == (ReintegrationKind.MEDICAL in kinds)


def test_support_recorded_through_the_service_is_kept_on_the_case(counsellor, officer, movement):
    case = case_in_state(CaseState.DEPARTED, counsellor=counsellor, officer=officer, movement=movement)

    services.case_support_set(case, ["MICROBUSINESS", "HOUSING"])
    assert Case.objects.get(pk=case.pk).support_flags == SupportFlags.ANY | SupportFlags.MICROBUSINESS

    services.case_support_set(case, ["MEDICAL"])  # in place of what was recorded
    assert sorted(case.reintegration.values_list("kind", flat=True)) == ["MEDICAL"]
    assert Case.objects.get(pk=case.pk).support_flags == SupportFlags.ANY | SupportFlags.MEDICAL

    services.case_support_set(case, [])
    assert Case.objects.get(pk=case.pk).support_flags == 0
    assert not case.reintegration.exists()


def test_imported_households_keep_their_support_through_later_files(admin, import_file):
    # given a history with households with and without support
    import_file(csv_bytes(REGISTER), admin)
    kept = _kept()
    assert all(flags == rows for flags, rows in kept.values())
    assert any(flags for flags, _rows in kept.values()) and any(not flags for flags, _rows in kept.values())

    # when a later file changes the first household's support and takes the support of another away
    supported = sorted(ref for ref, (flags, _rows) in kept.items() if flags and ref != "C-001")
    changed = {"C-001": "MEDICAL", supported[0]: ""}
    later = [{**item, "reintegration": changed.get(item["case_ref"], item["reintegration"])} for item in REGISTER]
    import_file(csv_bytes(later), admin)

    # then every case keeps the flags of the support it now has
    kept = _kept()
    assert all(flags == rows for flags, rows in kept.values())
    assert kept["C-001"][0] == SupportFlags.ANY | SupportFlags.MEDICAL
    assert kept[supported[0]][0] == 0


def test_the_migration_fills_the_flags_of_every_case_already_registered(admin, import_file):
    # given a register written before the flags were kept (every flag 0)
    import_file(csv_bytes([*REGISTER, row(case_ref="C-900", person_ref="P-900", reintegration="MEDICAL;EDUCATION")]),
                admin)
    Case.objects.update(support_flags=0)

    # when the migration's statement runs
    fill = importlib.import_module("homeward.cases.migrations.0010_case_support_flags_report_indexes").FILL
    with connection.cursor() as cursor:
        cursor.execute(fill)

    # then each case has the flags of its support
    kept = _kept()
    assert all(flags == rows for flags, rows in kept.values())
    assert kept["C-900"][0] == SupportFlags.ANY | SupportFlags.MEDICAL


def test_a_history_load_leaves_the_tables_it_wrote_vacuumed_for_index_only_reads(seeded_transactional_db, admin,
                                                                                  import_file, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM and the visibility map are PostgreSQL's")
    monkeypatch.setattr(importer, "HISTORY_LOAD_AFTER", 1)
    tables = [model._meta.db_table for model in importer.TABLES]

    import_file(csv_bytes(REGISTER), admin, "cases.csv", "--history")

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relpages > 0 AND relallvisible = 0",
                       [tables])
        assert cursor.fetchall() == []


def test_a_vacuum_held_up_by_another_maintenance_job_gives_up_and_leaves_the_session_as_it_was(transactional_db,
                                                                                           monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    import psycopg

    # given another session holding a table the load wrote as a maintenance job would (VACUUM's own lock)
    monkeypatch.setattr(bulk, "VACUUM_LOCK_TIMEOUT", "200ms")
    settings = connection.settings_dict
    other = psycopg.connect(host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"],
                            password=settings["PASSWORD"] or None, dbname=settings["NAME"])
    try:
        other.execute(f"LOCK TABLE {Case._meta.db_table} IN SHARE UPDATE EXCLUSIVE MODE")

        # when the tables are vacuumed (a statement timeout, so that a VACUUM waiting on fails this test rather
        # than hanging it), then the VACUUM gives up on a lock timeout instead of waiting on
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '5s'")
        with pytest.raises(DatabaseError, match="lock timeout"):
            bulk.tables_vacuum(importer.TABLES)
    finally:
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")

    # and the session's lock timeout is back to what it was for whatever the connection does next
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone() == ("0",)


def test_support_changed_by_hand_is_flagged_again_by_the_refresh(admin, import_file):
    # given imported households whose support rows were changed in SQL, without the flags
    import_file(csv_bytes(REGISTER), admin)
    first = Case.objects.get(source_ref="C-001")
    ReintegrationSupport.objects.filter(case=first).delete()
    other = Case.objects.exclude(pk=first.pk).filter(support_flags=0).first()
    ReintegrationSupport.objects.create(case=other, kind=ReintegrationKind.MEDICAL)

    # when the refresh runs for them, as the README says
    services.case_support_refresh([first.pk, other.pk])

    # then each keeps the flags of the support it has, none for none
    kept = _kept()
    assert all(flags == rows for flags, rows in kept.values())
    assert kept["C-001"][0] == 0
    assert Case.objects.get(pk=other.pk).support_flags == SupportFlags.ANY | SupportFlags.MEDICAL


def test_the_refresh_in_rounds_reaches_every_case_once(admin, import_file, monkeypatch):
    # given imported households whose flags were all lost, refreshed in rounds of two cases
    import_file(csv_bytes(REGISTER), admin)
    Case.objects.update(support_flags=0)
    monkeypatch.setattr(services, "REFRESHED_AT_ONCE", 2)
    ids = list(Case.objects.values_list("pk", flat=True))

    # when the refresh runs for all of them (some named twice)
    services.case_support_refresh(ids + ids[:3])

    # then each has the flags of its support again
    kept = _kept()
    assert len(kept) > 2 and all(flags == rows for flags, rows in kept.values())
    assert any(flags for flags, _rows in kept.values())


def test_a_report_of_no_visible_case_is_all_zeros(admin, import_file):
    import_file(csv_bytes(REGISTER), admin)

    report = year_report(2012, Case.objects.none())

    assert report["reab"]["departed"] == report["reab"]["registered"] == report["avrrl"]["departed"] == 0


@pytest.mark.parametrize(("history_load_after", "vacuumed"), [(1, True), (10_000, False)])
def test_only_a_history_load_vacuums_and_a_failed_vacuum_loses_no_import(admin, import_file, monkeypatch,
                                                                        history_load_after, vacuumed):
    # given a VACUUM that fails (a timeout, a cancel)
    calls = []

    def vacuum_failing(tables):
        calls.append(tables)
        raise DatabaseError("canceling statement due to statement timeout")

    monkeypatch.setattr(COMMAND, "tables_vacuum", vacuum_failing)
    monkeypatch.setattr(importer, "HISTORY_LOAD_AFTER", history_load_after)

    # when a file is imported with --history, along the history path or not (too small for it)
    out, err = import_file(csv_bytes(REGISTER), admin, "cases.csv", "--history")

    # then only the history path vacuums, and a failed VACUUM is reported beside a complete import
    assert bool(calls) == vacuumed
    assert "cases created" in out
    assert ("VACUUM of the loaded tables failed" in err) == vacuumed
    assert Case.objects.exists()
