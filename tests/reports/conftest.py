"""A household builder bound to the country office's officers, for the report tests."""

from __future__ import annotations

import functools

import pytest

from tests.reports.households import household


@pytest.fixture
def build(officer, movement, partner):
    """`build(registered_on=..., departed_on=..., size=...)`: a household referred by the partner unless told."""
    return functools.partial(household, officer=officer, movement=movement, partner=partner)
