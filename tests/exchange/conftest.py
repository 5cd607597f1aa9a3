"""The administrator who imports, and a way to run the import command on a file the test writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from homeward.organisations.models import Role
from tests.factories import UserFactory


@pytest.fixture
def admin(country_office):
    return UserFactory(username="admin", organisation=country_office, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def import_file(tmp_path):
    """`import_file(content, user, name=...)` writes the file and imports it; returns (stdout, stderr).

    Errors (CommandError) propagate; the command's stderr is kept in `import_file.stderr` for the test to read.
    """

    class Importer:
        stderr = ""

        def __call__(self, content: bytes, user, name: str = "cases.csv", *options: str) -> tuple[str, str]:
            path = Path(tmp_path) / name
            path.write_bytes(content)
            out, err = io.StringIO(), io.StringIO()
            try:
                call_command("import-cases", str(path), "--user", user.username, "--quiet", *options, stdout=out,
                             stderr=err)
            finally:
                self.stderr = err.getvalue()
            return out.getvalue(), err.getvalue()

    return Importer()
