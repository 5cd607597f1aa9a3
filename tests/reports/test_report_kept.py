"""The whole register's year report is computed once for each state of the register and kept (reports/readers.py,
core/changes.py): every path that changes what it is computed from ends the kept one."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from homeward.cases import services as case_services
from homeward.cases.models import Case, CaseState, Relation
from homeward.core.changes import register_changes
from homeward.organisations.models import Organisation, OrganisationType, Role
from homeward.reports.readers import year_report_of_register
from tests.exchange.casefiles import csv_bytes, row
from tests.factories import UserFactory, member, principal

D = datetime.date
S = CaseState


def _by_partner_type(report: dict) -> dict[str, int]:
    return {line["partner_type"]: line["departed"] for line in report["reab"]["by_partner_type"]}


def test_the_report_is_computed_once_for_each_state_of_the_register(build, django_assert_num_queries):
    build(registered_on=D(2012, 2, 1), departed_on=D(2012, 5, 5), size=2)
    first = year_report_of_register(2012)

    with django_assert_num_queries(1):  # the count of changes; the figures come from the cache
        again = year_report_of_register(2012)

    assert again == first
    assert first["reab"]["departed"] == 2


def test_a_departure_ends_the_kept_report(build):
    build(registered_on=D(2012, 2, 1), departed_on=D(2012, 5, 5))
    assert year_report_of_register(2012)["reab"]["departed"] == 1

    build(registered_on=D(2012, 3, 1), departed_on=D(2012, 9, 1), size=3)

    assert year_report_of_register(2012)["reab"]["departed"] == 4


def test_an_edit_of_the_household_ends_the_kept_report(build, officer):
    case = build(registered_on=D(2012, 2, 1), outcome=S.REGISTERED)
    assert year_report_of_register(2012)["reab"]["registered"] == 1
    lead = case.members.get(relation=Relation.PRINCIPAL)
    applicant = lead.person

    case_services.case_update(
        actor=officer, case=case, expected_version=case.version,
        principal=replace(principal(family_name=applicant.family_name, given_names=applicant.given_names,
                                    date_of_birth=applicant.date_of_birth), member_id=lead.pk),
        members=[member(Relation.CHILD, family_name="Bondarenko", given_names="Olha")],
        destination=case.destination, reab_category=case.reab_category,
    )

    assert year_report_of_register(2012)["reab"]["registered"] == 2


def test_a_change_rolled_back_takes_its_count_with_it(build, officer):
    # given a registered case and the count of changes so far
    case = build(registered_on=D(2012, 2, 1), outcome=S.REGISTERED)
    before = register_changes()

    # when a move is made and counted, but the request it belongs to fails afterwards
    with pytest.raises(RuntimeError), transaction.atomic():
        case_services.case_transition(actor=officer, case=case, to_state=S.UNDER_REVIEW)
        assert register_changes() == before + 1
        raise RuntimeError("the page failed after the move")

    # then the move and its count are both undone: the count still names the register as it is
    assert register_changes() == before
    assert Case.objects.get(pk=case.pk).state == S.REGISTERED


def test_an_import_ends_the_kept_report(build, country_office, tmp_path):
    build(registered_on=D(2012, 2, 1), departed_on=D(2012, 5, 5))
    assert year_report_of_register(2012)["reab"]["departed"] == 1
    UserFactory(username="importer", organisation=country_office, roles=[Role.ADMINISTRATOR])
    path = Path(tmp_path) / "cases.csv"
    path.write_bytes(csv_bytes([row(case_ref="C-001", person_ref="P-001", registered_on="2012-03-01",
                                    departed_on="2012-06-14")]))

    call_command("import-cases", str(path), "--user", "importer", "--quiet")

    assert year_report_of_register(2012)["reab"]["departed"] == 2


def test_a_partner_type_changed_by_the_administration_ends_the_kept_report(build, partner):
    build(registered_on=D(2012, 2, 1), departed_on=D(2012, 5, 5))
    assert _by_partner_type(year_report_of_register(2012))["NGO"] == 1
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    request = RequestFactory().post("/admin/")
    request.user = superuser
    organisation = Organisation.objects.get(pk=partner.pk)
    organisation.type = OrganisationType.CITY

    admin.site._registry[Organisation].save_model(request, organisation, form=None, change=True)

    by_type = _by_partner_type(year_report_of_register(2012))
    assert (by_type["NGO"], by_type["CITY"]) == (0, 1)
