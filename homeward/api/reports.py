"""The year report through the API: the same JSON as `homeward report year YEAR --format json`."""


from typing import Any

from django.http import HttpRequest
from ninja import Path, Router
from ninja.errors import HttpError

from homeward.api.errors import COMMON, Error
from homeward.cases.selectors import cases_visible_to
from homeward.core.services import access_record
from homeward.core.users import request_user
from homeward.organisations.models import Role
from homeward.reports.year import year_report

router = Router(tags=["reports"])


@router.get(
    "/year/{year}", response={200: dict[str, Any], 403: Error, **COMMON},
    summary="The figures of a year (managers)",
)
def report_year(request: HttpRequest, year: Path[int]) -> dict[str, Any]:
    user = request_user(request)
    if not (user.is_country_office_staff or user.has_role(Role.PROGRAMME_MANAGER)):
        raise HttpError(403, "The year report is for the country office and programme managers.")
    if not 1979 <= year <= 2100:
        raise HttpError(422, "The year is between 1979 and 2100.")
    access_record(request=request, action="api report", object_type="report", object_id=year)
    return year_report(year, None if user.is_country_office_staff else cases_visible_to(user))
