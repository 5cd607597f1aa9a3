"""The import page: administrators upload a case file and see what was imported, or every problem in it."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from homeward.cases.models import Case
from homeward.core.models import AccessLog
from tests.exchange.casefiles import REGISTER, csv_bytes, register_counts, row

URL = reverse("import_upload")


HTMX = {"HX-Request": "true"}


def upload(client, content: bytes, name: str = "cases.csv", headers: dict[str, str] | None = None):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, content_type="text/csv")}, headers=headers)


def problem_rows(html: str) -> list[tuple[str, str, str]]:
    """(line, column, problem) of each row of the problems table."""
    return re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>', html)


def test_the_page_offers_the_upload_form_to_an_administrator(admin, client):
    client.force_login(admin)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.templates[0].name == "exchange/import.html"
    assert 'type="file"' in response.content.decode()


def test_an_administrator_imports_a_good_file(admin, client):
    # given an administrator on the import page
    client.force_login(admin)

    # when they upload the history
    response = upload(client, csv_bytes(REGISTER))

    # then the cases are created and the page says what was imported
    assert response.status_code == 200
    assert "Imported: 6 cases created, 0 updated, 0 unchanged (9 person rows)." in response.content.decode()
    assert sorted(Case.objects.values_list("source_ref", flat=True)) == [
        "C-001", "C-002", "C-003", "C-004", "C-005", "C-006"]
    # and the import is in the access log under the administrator
    assert list(AccessLog.objects.values_list("user__username", "action", "object_type", "object_id")) == [
        ("admin", "import", "case-file", "cases.csv")]


def test_a_bad_file_shows_every_problem_with_its_line_and_column_and_imports_nothing(admin, client):
    # given an administrator and a file with three problems
    client.force_login(admin)
    content = csv_bytes([
        row(),
        row(case_ref="C-002", person_ref="P-002", destination="ZZ"),
        row(case_ref="C-003", person_ref="P-003", sex="W", outcome="DEPARTED", departed_on=""),
    ])
    before = register_counts()

    # when it is uploaded
    response = upload(client, content)

    # then the page lists the three problems by line and column, and nothing was written
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 problems found: nothing was imported" in html
    assert problem_rows(html) == [
        ("3", "destination", "&#x27;ZZ&#x27; is not an ISO 3166-1 alpha-2 country code"),
        ("4", "sex", "&#x27;W&#x27; is not one of F, M, X"),
        ("4", "departed_on", "a date is required (YYYY-MM-DD)"),
    ]
    assert register_counts() == before
    assert AccessLog.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(admin, client, settings):
    # given a page that takes files up to 1 MB, and a file of 1.2 MB
    settings.IMPORT_UPLOAD_MAX_BYTES = 1_000_000
    client.force_login(admin)
    content = csv_bytes(REGISTER) + b"\n" * (1_200_000 - len(csv_bytes(REGISTER)))
    before = register_counts()

    # when it is uploaded
    response = upload(client, content)

    # then the page says why and what to do instead, and nothing was written
    html = response.content.decode()
    assert response.status_code == 200
    assert ("The file is 1.2 MB; the page takes files up to 1 MB. Import larger histories with the command "
            "`homeward import-cases FILE`, which has no limit.") in html
    assert register_counts() == before


def test_a_limit_below_one_megabyte_is_shown_as_it_is(admin, client, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 500_000
    client.force_login(admin)

    response = upload(client, b"x" * 600_000)

    html = response.content.decode()
    assert "The file is 0.6 MB; the page takes files up to " in html
    assert "the page takes files up to 0 MB" not in html


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(admin, client):
    client.force_login(admin)
    before = register_counts()

    response = upload(client, csv_bytes(REGISTER), name="cases.txt")

    assert "Upload a .csv or .xlsx file in the case exchange format." in response.content.decode()
    assert register_counts() == before


@pytest.mark.parametrize("who", ["counsellor", "officer", "programme_manager"])
def test_someone_who_is_not_an_administrator_gets_a_404_and_nothing_is_imported(
    who, counsellor, officer, programme_manager, client
):
    # given a logged-in user who is not an administrator
    client.force_login({"counsellor": counsellor, "officer": officer, "programme_manager": programme_manager}[who])
    before = register_counts()

    # when they open the page or post a good file to it
    opened = client.get(URL)
    posted = upload(client, csv_bytes(REGISTER))

    # then the page does not exist for them, and nothing was written
    assert (opened.status_code, posted.status_code) == (404, 404)
    assert register_counts() == before


def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_is_imported(client, db):
    before = register_counts()

    response = upload(client, csv_bytes(REGISTER))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"
    assert register_counts() == before


def test_an_htmx_upload_gets_only_the_result_fragment(admin, client):
    # given an administrator whose browser posts the form with htmx
    client.force_login(admin)

    # when a good file is uploaded
    response = upload(client, csv_bytes(REGISTER), headers=HTMX)

    # then the answer is the result alone, to swap into the page
    html = response.content.decode()
    assert [template.name for template in response.templates] == ["exchange/_import_result.html"]
    assert "<html" not in html
    assert "Import a case history" not in html
    assert "Imported: 6 cases created, 0 updated, 0 unchanged (9 person rows)." in html
    assert Case.objects.count() == 6


def test_an_htmx_upload_of_a_bad_file_gets_the_problems_fragment(admin, client):
    client.force_login(admin)

    response = upload(client, csv_bytes([row(destination="ZZ")]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "1 problem found: nothing was imported" in html
    assert problem_rows(html) == [("2", "destination", "&#x27;ZZ&#x27; is not an ISO 3166-1 alpha-2 country code")]
    assert Case.objects.count() == 0


def test_an_upload_named_xlsx_that_is_not_a_workbook_shows_a_problem(admin, client):
    client.force_login(admin)
    before = register_counts()

    response = upload(client, csv_bytes(REGISTER), name="cases.xlsx")

    assert response.status_code == 200
    assert problem_rows(response.content.decode())[0][:2] == ("1", "—")
    assert register_counts() == before
