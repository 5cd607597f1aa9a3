"""The import page for administrators: upload a case file, see every problem or what was imported."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from homeward.cases.forms import HomewardForm
from homeward.core.errors import DomainError, NotVisible
from homeward.core.services import access_record
from homeward.exchange.rows import FileErrors
from homeward.exchange.services import case_file_import
from homeward.organisations.models import Role, User

MAX_ERRORS_SHOWN = 500


def _megabytes(size: int) -> str:
    """1200000 → "1.2", 1000000 → "1", 500000 → "0.5" (decimal megabytes, as people count file sizes)."""
    return f"{size / 1_000_000:.1f}".removesuffix(".0")


class UploadForm(HomewardForm):
    file = forms.FileField(label=gettext_lazy("Case file (.csv or .xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the page takes files up to %(limit)s MB. Import larger histories "
                  "with the command `homeward import-cases FILE`, which has no limit.")
                % {"size": _megabytes(upload.size), "limit": _megabytes(limit)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file in the case exchange format."))
        return upload


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.has_role(Role.ADMINISTRATOR):
        raise NotVisible()
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = None
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = case_file_import(actor=user, stream=upload, name=upload.name)
            access_record(request=request, action="import", object_type="case-file", object_id=upload.name)
        except FileErrors as problems:
            errors = problems.errors
        except DomainError as error:
            form.add_error(None, error.message)
    context = {"form": form, "errors": (errors or [])[:MAX_ERRORS_SHOWN], "error_count": len(errors or []),
               "result": result}
    template = "exchange/_import_result.html" if getattr(request, "htmx", False) else "exchange/import.html"
    return render(request, template, context)
