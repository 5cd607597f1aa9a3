"""The home page per role, the access log, and the settings' refusal to run production with a laptop key."""

import os
import subprocess
import sys

import pytest

from homeward.cases.models import CaseState
from homeward.core.models import AccessLog
from homeward.organisations import services as organisation_services
from homeward.organisations.models import Role
from tests.factories import UserFactory, case_in_state


@pytest.fixture
def departed_case(counsellor, officer, movement):
    return case_in_state(CaseState.DEPARTED, counsellor=counsellor, officer=officer, movement=movement)


def test_the_programme_manager_sees_this_years_figures(client, programme_manager, departed_case):
    client.force_login(programme_manager)

    response = client.get("/")

    figures = response.context["figures"]
    assert figures.persons_registered == 1
    assert figures.persons_departed == 1
    assert [(str(country.code), persons) for country, persons in figures.top_destinations] == [("UA", 1)]


def test_the_home_page_counts_the_cases_each_user_can_see_by_state(client, counsellor, other_counsellor, officer,
                                                                   movement, departed_case):
    # given a second case of the counsellor's, registered, and one of another partner's, registered too
    people = {"officer": officer, "movement": movement}
    case_in_state(CaseState.REGISTERED, counsellor=counsellor, **people)
    case_in_state(CaseState.REGISTERED, counsellor=other_counsellor, **people)

    def counts(user):
        client.force_login(user)
        response = client.get("/")
        return response.context["total"], {state: count for state, _label, count in response.context["state_counts"]
                                           if count}

    # then the counsellor counts its own two, the country office all three
    assert counts(counsellor) == (2, {CaseState.DEPARTED: 1, CaseState.REGISTERED: 1})
    assert counts(officer) == (3, {CaseState.DEPARTED: 1, CaseState.REGISTERED: 2})


def test_the_reintegration_officer_sees_the_returnees_who_departed(client, country_office, departed_case):
    reintegration = UserFactory(organisation=country_office, roles=[Role.REINTEGRATION_OFFICER])
    client.force_login(reintegration)

    response = client.get("/")

    assert [case.reference for case in response.context["recently_departed"]] == [departed_case.reference]


def test_an_administrator_gets_the_administration_pages(client, country_office):
    admin = organisation_services.user_create(
        username="ana", password="a-long-enough-password", organisation=country_office, roles=[Role.ADMINISTRATOR]
    )
    client.force_login(admin)

    assert client.get("/").context["is_administrator"] is True
    assert client.get("/admin/core/accesslog/").status_code == 200


def test_a_counsellor_cannot_open_the_administration_pages(client, counsellor):
    client.force_login(counsellor)

    response = client.get("/admin/core/accesslog/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_opening_a_case_is_attributable(client, officer, departed_case):
    client.force_login(officer)

    client.get(f"/cases/{departed_case.reference}/", REMOTE_ADDR="10.1.2.3")

    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_type, entry.object_id, entry.ip_address) == (
        officer, "view", "case", departed_case.reference, "10.1.2.3"
    )


def test_a_refused_case_page_writes_no_access_entry(client, other_counsellor, departed_case):
    client.force_login(other_counsellor)

    assert client.get(f"/cases/{departed_case.reference}/").status_code == 404
    assert AccessLog.objects.count() == 0


def _settings_import(**environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", "import homeward.settings"], env=env, capture_output=True, text=True, check=False
    )


def test_production_mode_refuses_the_laptop_key():
    result = _settings_import(DEBUG="false", ALLOWED_HOSTS="homeward.example.org")

    assert result.returncode != 0
    assert "needs a SECRET_KEY of at least 40 random characters" in result.stderr


def test_production_mode_needs_allowed_hosts():
    result = _settings_import(DEBUG="false", SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "needs ALLOWED_HOSTS" in result.stderr


def test_production_mode_starts_with_a_real_key_and_hosts():
    result = _settings_import(DEBUG="false", SECRET_KEY="k" * 50, ALLOWED_HOSTS="homeward.example.org")

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_postgresql_connections_are_tuned_for_many_short_queries():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL session settings")
    with connection.cursor() as cursor:
        found = {}
        for name in ("max_parallel_workers_per_gather", "jit", "random_page_cost"):
            cursor.execute(f"SHOW {name}")
            found[name] = cursor.fetchone()[0]

    assert found == {"max_parallel_workers_per_gather": "0", "jit": "off", "random_page_cost": "1.1"}
