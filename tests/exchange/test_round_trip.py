"""Export and import keep their promises: the same file back, nothing new on a second import, updates by
case_ref, the user's access on export, administrators only on import, and every export attributable."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from homeward.cases import services as case_services
from homeward.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseMember,
    CaseState,
    MemberVulnerability,
    ReintegrationSupport,
    Relation,
)
from homeward.core.models import AccessLog
from homeward.organisations.models import Organisation
from homeward.people.models import Person
from tests.exchange.casefiles import REGISTER, REGISTER_CASES, REGISTER_PERSONS, csv_bytes, register_counts, row
from tests.factories import case_in_state, member


def export(tmp_path: Path, username: str, name: str = "export.csv") -> bytes:
    path = tmp_path / name
    call_command("export-cases", str(path), "--user", username, stderr=io.StringIO())
    return path.read_bytes()


def empty_the_register() -> None:
    """What an empty database holds before an import: the programmes, the users and their organisations."""
    CaseEvent.objects.all().delete()
    ReintegrationSupport.objects.all().delete()
    MemberVulnerability.objects.all().delete()
    CaseMember.objects.all().delete()
    Case.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.filter(users__isnull=True).delete()


def test_export_then_import_into_an_empty_register_then_export_gives_the_same_file(admin, import_file, tmp_path):
    # given a register built from a history of six households
    import_file(csv_bytes(REGISTER), admin)
    first = export(tmp_path, admin.username, "first.csv")
    assert first == csv_bytes(REGISTER)  # the history was written in export's own order

    # when the register is emptied, the export imported into it, and exported again
    empty_the_register()
    assert register_counts()["cases"] == 0
    out, _err = import_file(first, admin, "first.csv")
    second = export(tmp_path, admin.username, "second.csv")

    # then the second export is the first, byte for byte
    assert out == f"Imported first.csv: {REGISTER_CASES} cases created, 0 updated, 0 unchanged (9 person rows).\n"
    assert second == first


def test_the_imported_register_holds_the_households_as_written(admin, import_file):
    # given the history imported
    import_file(csv_bytes(REGISTER), admin)

    # then each household has its outcome, its persons and its support
    cases = {case.source_ref: case for case in Case.objects.select_related("programme", "referring_partner")}
    assert {ref: (case.programme.code, case.state, case.departed_on) for ref, case in cases.items()} == {
        "C-001": ("REAB", CaseState.DEPARTED, datetime.date(2012, 6, 14)),
        "C-002": ("REAB", CaseState.DEPARTED, datetime.date(2012, 2, 20)),
        "C-003": ("REAB", CaseState.WITHDRAWN, None),
        "C-004": ("REAB", CaseState.NO_SHOW, None),
        "C-005": ("AVRRL", CaseState.DEPARTED, datetime.date(2012, 7, 1)),
        "C-006": ("REAB", CaseState.REGISTERED, None),
    }
    assert [member.person.source_ref for member in cases["C-001"].members.select_related("person")] == [
        "P-001", "P-002", "P-003"]
    assert sorted(cases["C-001"].reintegration.values_list("kind", flat=True)) == ["HOUSING", "MICROBUSINESS"]
    assert list(MemberVulnerability.objects.values_list("member__person__source_ref", flat=True)) == ["P-002"]
    assert cases["C-004"].referring_partner == admin.organisation  # partner type IOM: the country office
    assert (Case.objects.count(), Person.objects.count(), CaseMember.objects.count()) == (
        REGISTER_CASES, REGISTER_PERSONS, REGISTER_PERSONS)


def test_importing_the_same_file_twice_changes_nothing(admin, import_file):
    # given the history imported once
    import_file(csv_bytes(REGISTER), admin)
    before = register_counts()
    versions = dict(Case.objects.values_list("source_ref", "version"))

    # when it is imported again
    out, _err = import_file(csv_bytes(REGISTER), admin)

    # then every case is unchanged, and nothing was written
    assert out == "Imported cases.csv: 0 cases created, 0 updated, 6 unchanged (9 person rows).\n"
    assert register_counts() == before
    assert dict(Case.objects.values_list("source_ref", "version")) == versions


def test_a_later_file_updates_the_case_with_the_same_case_ref(admin, import_file):
    # given a pending household of one, returning to Brazil
    pending = row(case_ref="C-010", person_ref="P-010", destination="BR", outcome="PENDING", departed_on="")
    import_file(csv_bytes([pending]), admin)
    case = Case.objects.get(source_ref="C-010")
    reference = case.reference

    # when a later file says it left for Portugal on 3 September 2012, with a child added to the household
    departed = {"destination": "PT", "outcome": "DEPARTED", "departed_on": "2012-09-03"}
    later = [
        {**pending, **departed},
        row(case_ref="C-010", person_ref="P-011", role="MEMBER", given_names="Maria", sex="F",
            date_of_birth="2010-04-04", **departed),
    ]
    out, _err = import_file(csv_bytes(later), admin)

    # then the same case is updated, not a new one created
    assert out == "Imported cases.csv: 0 cases created, 1 updated, 0 unchanged (2 person rows).\n"
    case = Case.objects.get(source_ref="C-010")
    assert (case.reference, case.destination.code, case.state, case.departed_on, case.version) == (
        reference, "PT", CaseState.DEPARTED, datetime.date(2012, 9, 3), 2)
    assert list(case.members.values_list("person__source_ref", "outcome", "departed_on")) == [
        ("P-010", "DEPARTED", datetime.date(2012, 9, 3)),
        ("P-011", "DEPARTED", datetime.date(2012, 9, 3)),
    ]
    # and the history says who changed what
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.IMPORT, from_state=CaseState.REGISTERED)
    assert (event.actor, event.to_state) == (admin, CaseState.DEPARTED)
    assert event.changes == [
        {"field": "destination", "from": "BR", "to": "PT"},
        {"field": "state", "from": "REGISTERED", "to": "DEPARTED"},
        {"field": "departed_on", "from": "", "to": "2012-09-03"},
        {"field": "member", "from": "", "to": event.changes[3]["to"]},
    ]
    assert "Maria" in event.changes[3]["to"]
    assert CaseEvent.objects.filter(case=case).count() == 2  # the creation and this update

    # and importing the later file again changes nothing more
    out, _err = import_file(csv_bytes(later), admin)
    assert out == "Imported cases.csv: 0 cases created, 0 updated, 1 unchanged (2 person rows).\n"


def test_a_later_file_without_a_member_removes_them_from_the_household(admin, import_file):
    family = [row(case_ref="C-020", person_ref="P-020"),
              row(case_ref="C-020", person_ref="P-021", role="MEMBER", given_names="Olena", sex="F")]
    import_file(csv_bytes(family), admin)

    out, _err = import_file(csv_bytes(family[:1]), admin)

    assert out == "Imported cases.csv: 0 cases created, 1 updated, 0 unchanged (1 person rows).\n"
    assert list(Case.objects.get(source_ref="C-020").members.values_list("person__source_ref", flat=True)) == [
        "P-020"]


def test_a_partner_exports_only_its_own_cases(admin, import_file, counsellor, tmp_path):
    # given a register with two households referred by the counsellor's organisation and others by other partners
    ours = [row(case_ref="C-101", person_ref="P-101", referring_partner="Caritas International"),
            row(case_ref="C-102", person_ref="P-102", referring_partner="Caritas International", outcome="WITHDRAWN",
                departed_on="")]
    import_file(csv_bytes([*REGISTER, *ours]), admin)

    # when the counsellor exports
    content = export(tmp_path, counsellor.username)

    # then the file has only that partner's households, in the same format
    assert content == csv_bytes(ours)
    # while the administrator's export has all of them
    assert export(tmp_path, admin.username, "all.csv") == csv_bytes([*REGISTER, *ours])


def test_an_import_by_someone_who_is_not_an_administrator_is_refused(admin, import_file, officer):
    # given a good file and a case officer (country office staff, not an administrator)
    before = register_counts()

    # when the officer imports it, then it is refused and nothing is written
    with pytest.raises(CommandError, match=r"^Only an administrator can import case files\.$"):
        import_file(csv_bytes(REGISTER), officer)
    assert register_counts() == before


def test_an_import_by_an_unknown_user_is_refused(admin, import_file):
    class Nobody:
        username = "nobody"

    before = register_counts()
    with pytest.raises(CommandError, match=r"^There is no active Homeward user 'nobody'\.$"):
        import_file(csv_bytes(REGISTER), Nobody())
    assert register_counts() == before


def test_an_export_is_recorded_in_the_access_log_under_the_user(admin, import_file, counsellor, tmp_path):
    # given a register with history
    import_file(csv_bytes(REGISTER), admin)
    assert AccessLog.objects.count() == 0

    # when the counsellor exports
    path = tmp_path / "cases.csv"
    call_command("export-cases", str(path), "--user", counsellor.username, stderr=io.StringIO())

    # then one access log row says who exported what
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.object_type, log.object_id) == (
        counsellor, "export", "cases", str(path)[:64])


def test_the_export_command_says_how_many_person_rows_it_wrote(admin, import_file, tmp_path):
    import_file(csv_bytes(REGISTER), admin)
    path = tmp_path / "cases.csv"
    err = io.StringIO()

    call_command("export-cases", str(path), "--user", admin.username, stderr=err)

    assert err.getvalue() == f"Exported {REGISTER_PERSONS} person rows to {path}.\n"


def test_cases_made_in_homeward_survive_the_round_trip_too(admin, import_file, counsellor, officer, movement,
                                                          tmp_path):
    # given cases registered through the workflow, not imported: departed then closed, withdrawn then closed,
    # rejected (the format has no outcome for it) and a draft (never submitted)
    users = {"counsellor": counsellor, "officer": officer, "movement": movement}
    closed_departed = case_in_state(CaseState.CLOSED, **users)
    withdrawn = case_in_state(CaseState.WITHDRAWN, **users)
    closed_withdrawn = case_services.case_transition(actor=officer, case=case_in_state(CaseState.WITHDRAWN, **users),
                                                     to_state=CaseState.CLOSED)
    case_in_state(CaseState.REJECTED, **users)
    case_in_state(CaseState.DRAFT, **users)

    # when they are exported
    first = export(tmp_path, admin.username, "first.csv")

    # then the rejected and the draft are left out, and the others carry their outcome
    outcomes = {line.split(",")[0]: line.split(",")[14] for line in first.decode().splitlines()[1:]}
    assert outcomes == {closed_departed.reference: "DEPARTED", withdrawn.reference: "WITHDRAWN",
                        closed_withdrawn.reference: "WITHDRAWN"}

    # and imported into an empty register and exported again, they give the same file
    empty_the_register()
    import_file(first, admin, "first.csv")
    assert export(tmp_path, admin.username, "second.csv") == first


@pytest.mark.xfail(strict=True, reason=(
    "Format gap (docs/formats.md, homeward/exchange/exporter.py): `outcome` and `departed_on` are case columns, so "
    "a member who stayed behind (CaseMember.outcome STAYED) is exported with the household's DEPARTED and "
    "imported as departed: a register moved by export -> import reports more departures than the original. Fix: "
    "a person-level column (e.g. `departed` yes/no, or `stayed_behind`) in a version 2 of the format, written by "
    "the exporter and read by importer._member_outcome."
))
def test_a_member_who_stayed_behind_is_still_behind_after_the_round_trip(admin, import_file, counsellor, officer,
                                                                         movement, tmp_path):
    # given a family of two of whom only the principal left
    users = {"counsellor": counsellor, "officer": officer, "movement": movement}
    case = case_in_state(CaseState.BOOKED, members=[member(given_names="Olena")], **users)
    principal_member = case.members.get(relation=Relation.PRINCIPAL)
    case_services.case_transition(actor=movement, case=case, to_state=CaseState.DEPARTED,
                                  departed_on=datetime.date.today(), departing_member_ids=[principal_member.pk])

    # when the register is exported and imported into an empty one
    content = export(tmp_path, admin.username)
    empty_the_register()
    import_file(content, admin)

    # then the member who stayed is still not counted as departed
    assert sorted(CaseMember.objects.values_list("outcome", flat=True)) == ["DEPARTED", "STAYED"]
