"""Case files through the API: an administrator imports one; anyone exports the cases they may see."""

import io
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from homeward.api.errors import COMMON, Error
from homeward.cases.policy import sees_asylum_details
from homeward.cases.selectors import cases_visible_to
from homeward.core.errors import NotVisible
from homeward.core.services import access_record
from homeward.core.users import request_user
from homeward.exchange.exporter import export_csv
from homeward.exchange.services import case_file_import
from homeward.organisations.models import Role

router = Router(tags=["case files"])


class Imported(Schema):
    cases_created: int
    cases_updated: int
    cases_unchanged: int
    persons: int



@router.post("/imports", response={200: Imported, 413: Error, **COMMON},
             summary="Import a case file (administrators; whole or not at all, every problem listed)")
def case_file_upload(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    user = request_user(request)
    if not user.has_role(Role.ADMINISTRATOR):
        raise NotVisible()
    if file.size is not None and file.size > settings.IMPORT_UPLOAD_MAX_BYTES:
        raise HttpError(413, "The file is larger than the upload limit; import it with `homeward import-cases`.")
    name = file.name or "cases.csv"
    result = case_file_import(actor=user, stream=file, name=name)  # FileErrors: a 422 listing them (api.py)
    access_record(request=request, action="import", object_type="case-file", object_id=name)
    return {"cases_created": result.cases_created, "cases_updated": result.cases_updated,
            "cases_unchanged": result.cases_unchanged, "persons": result.persons}


@router.get("/exports/cases.csv", response=COMMON,
            summary="The cases this user may see, in the case exchange format (CSV)",
            openapi_extra={"responses": {200: {"description": "The case file",
                                               "content": {"text/csv": {"schema": {"type": "string"}}}}}})
def case_file_export(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    buffer = io.StringIO()
    rows = export_csv(cases_visible_to(user), buffer, asylum_details=sees_asylum_details(user))
    access_record(request=request, action="export", object_type="cases", object_id=f"api ({rows} rows)")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response
