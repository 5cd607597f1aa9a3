"""The year report as a page for managers and programme managers, and its PDF, spreadsheet and JSON."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from homeward.core.errors import NotVisible
from homeward.core.services import access_record
from homeward.organisations.models import Programme, User
from homeward.reports.readers import reads_reports, report_years, year_report_for
from homeward.reports.render import report_context, report_pdf, report_xlsx


def _reader(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not reads_reports(user):
        raise NotVisible()
    return user


def _report(user: User, year: int) -> dict:
    if year not in report_years():
        raise NotVisible()
    return year_report_for(user, year)


@login_required
def report_latest(request: HttpRequest) -> HttpResponse:
    """The year asked for in the year picker, or last year (the one whose report is being written)."""
    _reader(request)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and len(asked) == 4 else timezone.localdate().year - 1
    return redirect("report_year", year=year)


@login_required
def report_year(request: HttpRequest, year: int) -> HttpResponse:
    user = _reader(request)
    report = _report(user, year)
    managed = set(Programme.objects.filter(managed_by=user.organisation_id).values_list("code", flat=True))
    context = {
        **report_context(report),
        # A programme manager reads the tables of the programmes its organisation manages.
        "hide_reab": not user.is_country_office_staff and "REAB" not in managed,
        "hide_avrrl": not user.is_country_office_staff and "AVRRL" not in managed,
        "links": True,
        "programme_ids": dict(Programme.objects.values_list("code", "pk")),
        "years": list(reversed(report_years())),
    }
    return render(request, "reports/year.html", context)


@login_required
def report_year_file(request: HttpRequest, year: str, format: str) -> HttpResponse:
    user = _reader(request)
    report = _report(user, int(year))
    access_record(request=request, action=f"report-{format}", object_type="report", object_id=year)
    if format == "json":
        return JsonResponse(report)
    if format == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(
            report_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="homeward-year-report-{year}.{format}"'
    return response
