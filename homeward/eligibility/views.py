"""Eligibility pages: overrides and reimbursements on a case, the rule pages with draft changes and their impact,
and the report of overrides."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries

from homeward.cases.selectors import case_for, cases_visible_to
from homeward.core.errors import DomainError, NotVisible
from homeward.core.users import request_user
from homeward.eligibility import selectors, services
from homeward.eligibility.forms import (
    CountryPeriodFormSet,
    OverrideForm,
    ProjectForm,
    ReimbursementForm,
    RuleSettingsForm,
)
from homeward.eligibility.models import RuleVersion, RuleVersionStatus
from homeward.eligibility.reasons import SUPPORT_LABELS
from homeward.eligibility.rule_data import rules_diff
from homeward.organisations.models import Role, User

COUNTRY_LISTS = {
    "visa_free": gettext_lazy("Nationalities without a Schengen visa requirement (no reintegration grant)"),
    "eu_schengen_citizenship": gettext_lazy(
        "EU and Schengen-associated citizenships (excluded from return assistance)"
    ),
    "no_reintegration_destinations": gettext_lazy("Countries of return without reintegration support"),
}
PROJECTS = {
    "wage_subsidy": gettext_lazy("Wage subsidy (AVRR B-X)"),
    "magnet": gettext_lazy("MAGNET"),
    "uam_project": gettext_lazy("Moroccan unaccompanied minors project"),
}



def _case_anchor(reference: str) -> str:
    return reverse("case_detail", kwargs={"reference": reference}) + "#eligibility"


def _error_message(error: DomainError | ValidationError) -> str:
    return error.message if isinstance(error, DomainError) else " ".join(error.messages)


@login_required
@require_POST
def case_override(request: HttpRequest, reference: str) -> HttpResponse:
    user = request_user(request)
    case = case_for(user, reference)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a justification to override an outcome; nothing was changed."))
        return redirect(_case_anchor(case.reference))
    member = case.members.filter(pk=form.cleaned_data["member_id"]).select_related("person").first()
    if member is None:
        raise NotVisible()
    try:
        services.override_record(actor=user, case=case, member=member, support=form.cleaned_data["support"],
                                 justification=form.cleaned_data["justification"])
    except (DomainError, ValidationError) as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(request, _("%(support)s granted to %(person)s by override.") % {
            "support": SUPPORT_LABELS[form.cleaned_data["support"]], "person": member.person.full_name})
    return redirect(_case_anchor(case.reference))


@login_required
@require_POST
def case_reimbursement(request: HttpRequest, reference: str) -> HttpResponse:
    user = request_user(request)
    case = case_for(user, reference)
    form = ReimbursementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the amount and the date of the reimbursement; nothing was changed."))
        return redirect(_case_anchor(case.reference))
    member = case.members.filter(pk=form.cleaned_data["member_id"]).select_related("person", "case").first()
    if member is None:
        raise NotVisible()
    try:
        services.reimbursement_record(actor=user, member=member, amount=form.cleaned_data["amount"],
                                      reimbursed_on=form.cleaned_data["reimbursed_on"])
    except (DomainError, ValidationError) as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(request, _("Reimbursement recorded for %(person)s.") % {"person": member.person.full_name})
    return redirect(_case_anchor(case.reference))


def _may_read_rules(user: User) -> bool:
    return user.has_role(Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR, Role.CASE_OFFICER)


def _may_edit_rules(user: User) -> bool:
    return user.has_role(Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR)


@login_required
def rules_overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not _may_read_rules(user):
        raise NotVisible()
    current = selectors.rule_version_current()
    versions = list(RuleVersion.objects.exclude(status=RuleVersionStatus.DRAFT).select_related(
        "published_by", "created_by", "based_on").order_by("-published_at", "-id"))
    for version in versions:
        version.changes = rules_diff(version.based_on.data, version.data) if version.based_on else []  # type: ignore[attr-defined]
    return render(request, "eligibility/rules.html", {
        "current": current,
        "data": current.data,
        "country_lists": COUNTRY_LISTS,
        "projects": PROJECTS,
        "versions": versions,
        "draft": selectors.rule_draft(),
        "can_edit": _may_edit_rules(user),
    })


def _draft_forms(draft: RuleVersion, post: Any = None) -> tuple[RuleSettingsForm, dict, dict]:
    data = draft.data
    settings_form = RuleSettingsForm(post, initial={
        "grant_visa_criterion_from": data["grant_visa_criterion_from"],
        "reab_bar_years": data["reab_bar_years"], "uam_max_age": data["uam_max_age"], "note": draft.note,
    })
    lists = {key: CountryPeriodFormSet(post, prefix=key, initial=data[key]) for key in COUNTRY_LISTS}
    projects = {
        key: ProjectForm(post, prefix=key, initial={
            **data[key], "destinations": " ".join(data[key]["destinations"]),
            "nationalities": " ".join(data[key]["nationalities"]),
        })
        for key in PROJECTS
    }
    return settings_form, lists, projects


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _draft_data(draft: RuleVersion, settings_form: RuleSettingsForm, lists: dict, projects: dict) -> dict[str, Any]:
    data = dict(draft.data)
    data["grant_visa_criterion_from"] = settings_form.cleaned_data["grant_visa_criterion_from"].isoformat()
    data["reab_bar_years"] = settings_form.cleaned_data["reab_bar_years"]
    data["uam_max_age"] = settings_form.cleaned_data["uam_max_age"]
    for key, formset in lists.items():
        data[key] = [
            {"country": form.cleaned_data["country"], "starts": _iso(form.cleaned_data.get("starts")),
             "ends": _iso(form.cleaned_data.get("ends"))}
            for form in formset.forms
            if form.cleaned_data.get("country") and not form.cleaned_data.get("DELETE")
        ]
    for key, form in projects.items():
        data[key] = {**data[key], "starts": _iso(form.cleaned_data["starts"]), "ends": _iso(form.cleaned_data["ends"]),
                     "destinations": form.cleaned_data["destinations"],
                     "nationalities": form.cleaned_data["nationalities"]}
    return data


@login_required
def rules_draft(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not _may_edit_rules(user):
        raise NotVisible()
    draft = selectors.rule_draft()
    if request.method == "POST" and "start" in request.POST:
        try:
            services.rule_draft_create(actor=user)
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("rules_draft")
    if draft is None:
        return redirect("rules_overview")
    settings_form, lists, projects = _draft_forms(draft, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        valid = [settings_form.is_valid(), *(f.is_valid() for f in lists.values()),
                 *(f.is_valid() for f in projects.values())]
        if all(valid):
            try:
                services.rule_draft_update(actor=user, draft=draft, note=settings_form.cleaned_data["note"],
                                           data=_draft_data(draft, settings_form, lists, projects))
            except (DomainError, ValidationError, ValueError) as error:
                messages.error(request, str(getattr(error, "message", error)))
            else:
                messages.success(request, _("Draft saved. Check its impact below before publishing."))
                return redirect(reverse("rules_draft") + "#impact")
        else:
            messages.error(request, _("The draft was not saved: correct what is marked in red."))
    impact = None
    preview_text = request.GET.get("on", "")
    try:
        preview_on = datetime.date.fromisoformat(preview_text) if preview_text else timezone.localdate()
    except ValueError:
        preview_on = timezone.localdate()
        messages.error(request, _("The preview date could not be read; today is used."))
    if request.method == "GET":
        impact = selectors.impact_preview(cases=cases_visible_to(user), draft=draft, decision_date=preview_on)
    return render(request, "eligibility/draft.html", {
        "draft": draft, "settings_form": settings_form, "lists": lists, "projects": projects,
        "list_labels": COUNTRY_LISTS, "project_labels": PROJECTS, "impact": impact, "preview_on": preview_on,
        "support_labels": SUPPORT_LABELS, "can_publish": user.has_role(Role.PROGRAMME_MANAGER),
        "changes": rules_diff(draft.based_on.data, draft.data) if draft.based_on else [],
        "country_names": list(countries),
        "country_names_by_code": dict(countries),
    })


@login_required
@require_POST
def rules_draft_publish(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    draft = selectors.rule_draft()
    if draft is None or not _may_edit_rules(user):
        raise NotVisible()
    try:
        version = services.rule_draft_publish(actor=user, draft=draft)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("rules_draft")
    messages.success(request, _("Rules version %(number)s is now in force. Earlier decisions are unchanged.")
                     % {"number": version.number})
    return redirect("rules_overview")


@login_required
@require_POST
def rules_draft_discard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    draft = selectors.rule_draft()
    if draft is None or not _may_edit_rules(user):
        raise NotVisible()
    services.rule_draft_discard(actor=user, draft=draft)
    messages.success(request, _("The draft change was discarded."))
    return redirect("rules_overview")


@login_required
def overrides_report(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not (user.is_country_office_staff or user.has_role(Role.PROGRAMME_MANAGER)):
        raise NotVisible()
    overrides = selectors.overrides_visible_in(cases_visible_to(user))
    return render(request, "eligibility/overrides.html", {"overrides": overrides, "support_labels": SUPPORT_LABELS})
