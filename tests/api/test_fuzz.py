"""Schemathesis against the OpenAPI document: every operation fuzzed with generated requests, valid and invalid,
as a partner counsellor and as a case officer, on a register with cases. No answer may be a server error, and every
answer must be one the document declares, in the declared shape. Examples per operation are bounded for CI."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from homeward.api.tokens import token_create
from homeward.cases.models import CaseState
from homeward.wsgi import application
from tests.factories import case_in_state

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _one_connection_for_the_test():
    """Requests go straight to the WSGI application, which closes a database connection that saw an error when the
    request ends; the test's transaction lives on that connection. Django's test client unhooks the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def register(counsellor, other_counsellor, officer, movement):
    """A small register: cases in several states at two partners."""
    for state in (CaseState.REGISTERED, CaseState.UNDER_REVIEW, CaseState.APPROVED, CaseState.DEPARTED):
        case_in_state(state, counsellor=counsellor, officer=officer, movement=movement)
    case_in_state(CaseState.REGISTERED, counsellor=other_counsellor, officer=officer, movement=movement,
                  destination="MA")


@pytest.fixture(params=["counsellor", "officer"])
def token(request, register):
    _token, raw = token_create(user=request.getfixturevalue(request.param), name="fuzz", days=1)
    return raw


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_request_makes_the_api_fail_or_break_its_document(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
