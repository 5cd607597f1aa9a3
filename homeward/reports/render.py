"""The year report as a web page, a printable PDF (WeasyPrint) and a spreadsheet with one sheet per table."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_countries.fields import Country

from homeward.cases.models import ReabCategory

PARTNER_TYPE_LABELS = {
    "NGO": "Non-governmental organisations",
    "FEDASIL_CENTRE": "Fedasil reception centres",
    "IMMIGRATION_OFFICE": "Immigration Office",
    "RED_CROSS_CENTRE": "Red Cross centres",
    "CITY": "Cities",
    "IOM": "The country office itself",
}


def _bars(rows: list[dict[str, Any]], value_key: str) -> list[dict[str, Any]]:
    """Each row with its bar length in percent of the largest value, for the charts (SVG, no script)."""
    largest = max((row[value_key] for row in rows), default=0) or 1
    return [{**row, "bar": round(100 * row[value_key] / largest, 1)} for row in rows]


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "name": str(Country(row["country"]).name or row["country"])} for row in rows]


def report_context(report: dict[str, Any]) -> dict[str, Any]:
    """The report's figures with names in the user's language and chart bars, for the page and the PDF."""
    reab, avrrl = report["reab"], report["avrrl"]
    categories = dict(ReabCategory.choices)
    return {
        "report": report,
        "year": report["year"],
        "reab": reab,
        "avrrl": avrrl,
        "top_destinations": _bars(_named(reab["top_destinations"]), "departed"),
        "top_reintegration": _bars(_named(reab["top_reintegration_destinations"]), "persons"),
        "by_category": _bars([{**row, "name": str(categories.get(row["category"], row["category"]))}
                              for row in reab["by_category"]], "departed"),
        "by_partner_type": _bars([{**row, "name": _(PARTNER_TYPE_LABELS[row["partner_type"]])}
                                  for row in reab["by_partner_type"]], "registered"),
        "avrrl_top": _bars(_named(avrrl["top_destinations"]), "departed"),
    }


def report_html(report: dict[str, Any], *, standalone: bool = True) -> str:
    return render_to_string("reports/year_document.html", {**report_context(report), "standalone": standalone})


def report_pdf(report: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: the PDF needs Pango, the rest of Homeward does not

    return HTML(string=report_html(report)).write_pdf()


def report_xlsx(report: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = report_context(report)
    reab, avrrl = report["reab"], report["avrrl"]
    workbook = Workbook()
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        ("REAB summary", [_("Figure"), _("Value")], [
            [_("Persons registered"), reab["registered"]],
            [_("Persons departed"), reab["departed"]],
            [_("Effective return rate (%)"), reab["effective_return_rate_pct"]],
            [_("Persons with reintegration support"), reab["reintegration"]["persons"]],
            [_("Share of departed with reintegration (%)"), reab["reintegration"]["share_of_departed_pct"]],
        ]),
        ("REAB destinations", [_("Country"), _("Code"), _("Departed"), "%"],
         [[row["name"], row["country"], row["departed"], row["pct"]] for row in context["top_destinations"]]
         + [[_("Total"), "", reab["top_destinations_total"]["departed"], reab["top_destinations_total"]["pct"]]]),
        ("REAB reintegration", [_("Country"), _("Code"), _("Persons"), "%"],
         [[row["name"], row["country"], row["persons"], row["pct"]] for row in context["top_reintegration"]]
         + [[_("Total"), "", reab["top_reintegration_total"]["persons"], reab["top_reintegration_total"]["pct"]]]),
        ("REAB categories", [_("Category"), _("Departed"), "%"],
         [[row["name"], row["departed"], row["pct"]] for row in context["by_category"]]),
        ("REAB partner types", [_("Partner type"), _("Departed"), _("Registered")],
         [[row["name"], row["departed"], row["registered"]] for row in context["by_partner_type"]]),
        ("AVRRL", [_("Country"), _("Code"), _("Departed")],
         [[row["name"], row["country"], row["departed"]] for row in context["avrrl_top"]]
         + [[_("Total of the top 5"), "", avrrl["top_destinations_total"]["departed"]],
            [_("All departures"), "", avrrl["departed"]],
            [_("Reintegration: cases / persons"), avrrl["reintegration"]["cases"], avrrl["reintegration"]["persons"]],
            [_("Microbusiness: cases / persons"), avrrl["microbusiness"]["cases"], avrrl["microbusiness"]["persons"]],
            [_("Medical support: persons"), "", avrrl["medical"]["persons"]]]),
    ]
    first = True
    for title, header, rows in sheets:
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = title
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
