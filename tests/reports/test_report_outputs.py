"""The year report as a page, a PDF, a spreadsheet, JSON and a command; who may read it; the case list behind it."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from homeward.cases.models import CaseState
from homeward.cases.selectors import cases_visible_to
from homeward.core.models import AccessLog
from homeward.reports.year import year_report

D = datetime.date
S = CaseState
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def register(build, country_office, other_partner, avrrl):
    """2012 in a small register: six REAB persons departed (four to Brazil), one withdrew, an AVRRL family of two
    went to Kosovo; a departure in 2013 and a registration in 2011 frame the year."""
    return {
        "ngo_brazil": build(registered_on=D(2011, 12, 1), departed_on=D(2012, 3, 10), destination="BR", size=3),
        "iom_brazil": build(registered_on=D(2012, 2, 1), departed_on=D(2012, 5, 5), destination="BR",
                            category="NON_ASYLUM", partner=country_office, reintegration=["MICROBUSINESS"]),
        "red_cross_ukraine": build(registered_on=D(2012, 6, 1), departed_on=D(2012, 11, 30), destination="UA",
                                   size=2, category="ASYLUM_WITHDRAWN", partner=other_partner),
        "withdrawn_russia": build(registered_on=D(2012, 7, 1), outcome=S.WITHDRAWN, destination="RU"),
        "brazil_2013": build(registered_on=D(2012, 12, 1), departed_on=D(2013, 1, 15), destination="BR"),
        "avrrl_kosovo": build(registered_on=D(2012, 1, 5), departed_on=D(2012, 4, 1), programme="AVRRL",
                              destination="XK", size=2, reintegration=["MICROBUSINESS"]),
    }


def test_a_case_officer_reads_the_year_report_page(register, officer, client, reab, avrrl):
    # given a case officer
    client.force_login(officer)

    # when they open the 2012 report
    response = client.get(reverse("report_year", args=[2012]))

    # then the page shows the figures with country names
    html = response.content.decode()
    assert response.status_code == 200
    assert (response.context["reab"]["registered"], response.context["reab"]["departed"]) == (5, 6)
    assert response.context["avrrl"]["departed"] == 2
    for name in ("Brazil", "Ukraine", "Kosovo"):
        assert name in html
    # and each country links to the cases behind its figure
    brazil = (f'<a href="/cases/?programme={reab.pk}&amp;destination=BR&amp;departed_from=2012-01-01&amp;'
              f'departed_to=2012-12-31">Brazil</a></td><td class="num">4</td><td class="num">67 %</td>')
    assert brazil in html
    assert (f'<a href="/cases/?programme={avrrl.pk}&amp;destination=XK&amp;departed_from=2012-01-01&amp;'
            f'departed_to=2012-12-31">Kosovo (UNSC 1244)</a></td><td class="num">2</td>') in html
    assert (f'href="/cases/?programme={reab.pk}&amp;reab_category=ASYLUM_WITHDRAWN&amp;departed_from=2012-01-01'
            f'&amp;departed_to=2012-12-31"') in html
    assert (f'href="/cases/?programme={reab.pk}&amp;partner_type=IOM&amp;registered_from=2012-01-01'
            f'&amp;registered_to=2012-12-31"') in html


def test_a_programme_manager_reads_only_its_programmes_figures(register, programme_manager, client):
    # given the programme manager of REAB (the donor manages REAB, not AVRRL)
    client.force_login(programme_manager)

    # when they open the 2012 report
    response = client.get(reverse("report_year", args=[2012]))

    # then REAB's figures are all there and AVRRL's households are not counted
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["reab"] == year_report(2012)["reab"]
    assert response.context["avrrl"] == {
        "departed": 0, "top_destinations": [], "top_destinations_total": {"departed": 0},
        "reintegration": {"cases": 0, "persons": 0}, "microbusiness": {"cases": 0, "persons": 0},
        "medical": {"persons": 0},
    }
    assert "Brazil" in html
    assert "Kosovo" not in html


@pytest.mark.parametrize("who", ["counsellor", "office_abroad_user"])
@pytest.mark.parametrize("path", ["/reports/year/2012/", "/reports/year/2012.json", "/reports/year/2012.pdf",
                                  "/reports/year/2012.xlsx", "/reports/year/"])
def test_a_partner_and_an_office_abroad_cannot_read_the_report(register, who, path, counsellor, office_abroad_user,
                                                              client):
    client.force_login({"counsellor": counsellor, "office_abroad_user": office_abroad_user}[who])

    response = client.get(path)

    assert response.status_code == 404
    assert AccessLog.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get("/reports/year/2012/")

    assert (response.status_code, response.url) == (302, "/login/?next=/reports/year/2012/")


@pytest.mark.parametrize("path", ["/reports/year/1900/", "/reports/year/1978/", "/reports/year/1900.json"])
def test_a_year_before_1979_does_not_exist(officer, client, path):
    client.force_login(officer)

    assert client.get(path).status_code == 404


def test_a_year_after_this_one_does_not_exist(officer, client):
    client.force_login(officer)
    next_year = timezone.localdate().year + 1

    assert client.get(f"/reports/year/{next_year}/").status_code == 404


def test_the_year_picker_goes_to_the_year_asked_for_or_last_year(officer, client):
    client.force_login(officer)
    last_year = timezone.localdate().year - 1

    assert client.get("/reports/year/", {"year": "2012"}).url == "/reports/year/2012/"
    assert client.get("/reports/year/").url == f"/reports/year/{last_year}/"
    assert client.get("/reports/year/", {"year": "12x"}).url == f"/reports/year/{last_year}/"


def test_the_json_is_the_year_report(register, officer, client):
    client.force_login(officer)

    response = client.get("/reports/year/2012.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == year_report(2012)
    # and reading it is attributable
    assert list(AccessLog.objects.values_list("user__username", "action", "object_type", "object_id")) == [
        ("caseofficer", "report-json", "report", "2012")]


def test_the_programme_managers_json_is_limited_to_its_programme(register, programme_manager, client):
    client.force_login(programme_manager)

    report = json.loads(client.get("/reports/year/2012.json").content)

    assert report == year_report(2012, cases_visible_to(programme_manager))
    assert (report["reab"]["departed"], report["avrrl"]["departed"]) == (6, 0)


def _pdf_text(content: bytes) -> str:
    result = subprocess.run([PDFTOTEXT, "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def test_the_pdf_is_a_pdf_with_the_tables_numbers(register, officer, client):
    client.force_login(officer)

    response = client.get("/reports/year/2012.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="homeward-year-report-2012.pdf"'
    assert response.content.startswith(b"%PDF")
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text was not checked")
    text = _pdf_text(response.content)
    assert "Year report 2012" in text
    assert re.search(r"Brazil\s+4\s+67 %", text)
    assert re.search(r"Ukraine\s+2\s+33 %", text)
    assert re.search(r"Kosovo \(UNSC 1244\)\s+2", text)


def test_the_spreadsheet_has_one_sheet_per_table_with_the_numbers(register, officer, client):
    client.force_login(officer)

    response = client.get("/reports/year/2012.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="homeward-year-report-2012.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["REAB summary", "REAB destinations", "REAB reintegration", "REAB categories",
                                   "REAB partner types", "AVRRL"]

    def values(title: str) -> list[tuple]:
        return [tuple(row) for row in workbook[title].iter_rows(values_only=True)]

    assert values("REAB summary") == [
        ("Figure", "Value"),
        ("Persons registered", 5),
        ("Persons departed", 6),
        ("Effective return rate (%)", 120),
        ("Persons with reintegration support", 1),
        ("Share of departed with reintegration (%)", 17),
    ]
    assert values("REAB destinations") == [
        ("Country", "Code", "Departed", "%"),
        ("Brazil", "BR", 4, 67),
        ("Ukraine", "UA", 2, 33),
        ("Total", None, 6, 100),
    ]
    assert values("REAB categories") == [
        ("Category", "Departed", "%"),
        ("A – asylum application withdrawn", 2, 33),
        ("B – asylum application rejected", 3, 50),
        ("C – other migrant (no asylum application)", 1, 17),
    ]
    assert values("REAB partner types")[1:] == [
        ("Non-governmental organisations", 3, 2),
        ("Fedasil reception centres", 0, 0),
        ("Immigration Office", 0, 0),
        ("Red Cross centres", 2, 2),
        ("Cities", 0, 0),
        ("The country office itself", 1, 1),
    ]
    assert values("AVRRL")[:3] == [("Country", "Code", "Departed"), ("Kosovo (UNSC 1244)", "XK", 2),
                                   ("Total of the top 5", None, 2)]


@pytest.mark.parametrize("output_format", ["json", "html", "pdf", "xlsx"])
def test_the_report_command_writes_each_format_to_a_file(register, output_format, tmp_path):
    # given a register with 2012 history
    path = tmp_path / f"report.{output_format}"
    err = io.StringIO()

    # when the report command writes the 2012 report
    call_command("report", "year", "2012", "--format", output_format, "--output", str(path), stderr=err)

    # then the file holds it, and the command says where
    assert err.getvalue() == f"Wrote the 2012 report to {path}.\n"
    content = path.read_bytes()
    if output_format == "json":
        assert json.loads(content) == year_report(2012)
    elif output_format == "html":
        html = content.decode("utf-8")
        assert html.startswith("<!doctype html>")
        assert "Year report 2012" in html
        assert "Brazil" in html
        assert "/cases/" not in html  # a document to send, without links into the application
    elif output_format == "pdf":
        assert content.startswith(b"%PDF")
        if PDFTOTEXT is not None:
            assert re.search(r"Brazil\s+4\s+67 %", _pdf_text(content))
    else:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        assert list(workbook["REAB destinations"].iter_rows(min_row=2, max_row=2, values_only=True)) == [
            ("Brazil", "BR", 4, 67)]


def test_the_report_command_writes_json_to_standard_output(register):
    out = io.StringIO()

    call_command("report", "year", "2012", stdout=out)

    assert json.loads(out.getvalue()) == year_report(2012)


@pytest.mark.parametrize("year", ["1800", "2201"])
def test_the_report_command_refuses_a_year_the_register_cannot_hold(year, db):
    with pytest.raises(CommandError, match=rf"^{year} is not a year the register can hold\.$"):
        call_command("report", "year", year, "--format", "json")


def _references(client, **filters) -> set[str]:
    response = client.get(reverse("case_list"), filters)
    assert response.status_code == 200
    return {case.reference for case in response.context["page"].object_list}


def test_the_case_list_filters_behind_the_report_links_select_the_right_cases(register, officer, client, reab):
    # given a case officer
    client.force_login(officer)
    year = {"departed_from": "2012-01-01", "departed_to": "2012-12-31"}

    # then each link of the report lists the cases behind its figure
    assert _references(client, programme=reab.pk, destination="BR", **year) == {
        register["ngo_brazil"].reference, register["iom_brazil"].reference}
    assert _references(client, programme=reab.pk, reab_category="ASYLUM_WITHDRAWN", **year) == {
        register["red_cross_ukraine"].reference}
    assert _references(client, programme=reab.pk, partner_type="IOM", registered_from="2012-01-01",
                       registered_to="2012-12-31") == {register["iom_brazil"].reference}
    assert _references(client, programme=reab.pk, partner_type="NGO", registered_from="2012-01-01",
                       registered_to="2012-12-31") == {register["withdrawn_russia"].reference,
                                                       register["brazil_2013"].reference}
    assert _references(client, departed_from="2013-01-01") == {register["brazil_2013"].reference}
    assert _references(client, departed_to="2012-03-31") == {register["ngo_brazil"].reference}
