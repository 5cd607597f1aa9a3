"""Shared fixtures: a small world of organisations and one user per role."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from homeward.organisations.models import OrganisationType, Programme, Role
from tests.factories import OrganisationFactory, UserFactory


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT is missing until `collectstatic` has run; tests serve no static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the API's rate limit counts there, per user, and user ids repeat
    from one test to the next (their rows are rolled back); so does the count of the register's changes, under
    which the year report is kept."""
    cache.clear()
    yield
    cache.clear()


_SEED_PROGRAMMES = importlib.import_module("homeward.organisations.migrations.0002_programmes")
_SEED_RULES = importlib.import_module("homeward.eligibility.migrations.0002_shipped_rules")


@pytest.fixture
def seeded_transactional_db(transactional_db: None) -> None:
    """A database whose transactions are real (for what needs a commit: a live server, a VACUUM), with what the data
    migrations seed put back first: such a database is emptied after each test, the programmes and rules with it."""
    _SEED_PROGRAMMES.add_programmes(django_apps, None)
    _SEED_RULES.add_version_1(django_apps, None)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; every test creates several users. Tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def country_office(db):
    return OrganisationFactory(name="IOM Brussels", type=OrganisationType.COUNTRY_OFFICE)


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Caritas International", type=OrganisationType.NGO)


@pytest.fixture
def other_partner(db):
    return OrganisationFactory(name="Croix-Rouge Jette", type=OrganisationType.RED_CROSS_CENTRE)


@pytest.fixture
def donor(db):
    organisation = OrganisationFactory(name="Fedasil", type=OrganisationType.DONOR)
    Programme.objects.filter(code="REAB").update(managed_by=organisation)
    return organisation


@pytest.fixture
def office_abroad_ukraine(db):
    return OrganisationFactory(name="IOM Kyiv", type=OrganisationType.OFFICE_ABROAD, country="UA")


@pytest.fixture
def counsellor(partner):
    return UserFactory(username="counsellor", organisation=partner, roles=[Role.PARTNER_COUNSELLOR])


@pytest.fixture
def other_counsellor(other_partner):
    return UserFactory(username="counsellor2", organisation=other_partner, roles=[Role.PARTNER_COUNSELLOR])


@pytest.fixture
def officer(country_office):
    return UserFactory(username="caseofficer", organisation=country_office, roles=[Role.CASE_OFFICER])


@pytest.fixture
def movement(country_office):
    return UserFactory(username="movement", organisation=country_office, roles=[Role.MOVEMENT_OFFICER])


@pytest.fixture
def office_abroad_user(office_abroad_ukraine):
    return UserFactory(username="kyiv", organisation=office_abroad_ukraine, roles=[Role.OFFICE_ABROAD])


@pytest.fixture
def programme_manager(donor):
    return UserFactory(username="fedasil", organisation=donor, roles=[Role.PROGRAMME_MANAGER])


@pytest.fixture
def reab(db):
    return Programme.objects.get(code="REAB")


@pytest.fixture
def avrrl(db):
    return Programme.objects.get(code="AVRRL")
