"""The year report through the API: the same JSON as `homeward report year YEAR --format json`."""


from typing import Any

from django.http import HttpRequest
from ninja import Path, Router
from ninja.errors import HttpError

from homeward.api.errors import COMMON, Error
from homeward.core.services import access_record
from homeward.core.users import request_user
from homeward.reports.readers import reads_reports, report_years, year_report_for

router = Router(tags=["reports"])


@router.get(
    "/year/{year}", response={200: dict[str, Any], 403: Error, **COMMON},
    summary="The figures of a year (managers)",
)
def report_year(request: HttpRequest, year: Path[int]) -> dict[str, Any]:
    user = request_user(request)
    if not reads_reports(user):
        raise HttpError(403, "The year report is for the country office and programme managers.")
    years = report_years()
    if year not in years:
        raise HttpError(422, f"The year is between {years[0]} and {years[-1]}.")
    access_record(request=request, action="api report", object_type="report", object_id=year)
    return year_report_for(user, year)
