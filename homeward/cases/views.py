"""Web pages for cases. Every case is read through the selectors, every write goes through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases import policy, screening, services
from homeward.cases.filters import SORTS, CaseFilter
from homeward.cases.forms import STATELESS, CaseForm, MemberForm, MemberFormSet, TransitionForm
from homeward.cases.history import event_sentences
from homeward.cases.models import Case, CaseMember, CaseState, MemberOutcome, Relation, ScreeningCandidate
from homeward.cases.selectors import case_for, case_list_annotate, case_members, cases_visible_to
from homeward.cases.workflow import ENDED_STATES, OPEN_STATES, states_waiting_on
from homeward.core.errors import DomainError, NotVisible
from homeward.core.paging import CappedPaginator
from homeward.core.services import access_record
from homeward.core.users import request_user
from homeward.eligibility.panel import case_panel
from homeward.organisations.models import Role, User

PAGE_SIZE = 25
MEMBERS_PREFIX = "members"



@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    cases = case_list_annotate(cases_visible_to(user)).order_by(*SORTS["updated"])
    case_filter = CaseFilter(request.GET or None, queryset=cases, user=user)
    page = CappedPaginator(case_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    searched = request.GET.get("q", "").strip()
    if searched:
        # A search by name reads personal data across the register: who looked for whom is kept.
        access_record(request=request, action="search", object_type="cases", object_id=searched)
    query = request.GET.copy()
    query.pop("page", None)
    # A counsellor sees only its own organisation's cases, an office abroad only its own country.
    show_partner = user.is_country_office_staff or user.has_role(Role.PROGRAMME_MANAGER)
    show_destination = not user.has_role(Role.OFFICE_ABROAD) or user.is_country_office_staff
    show_waiting = bool(states_waiting_on(user.role_set))
    context = {
        "filter": case_filter,
        "page": page,
        "query": query.urlencode(),
        "can_register": policy.can_register(user),
        "show_category": policy.sees_asylum_details(user),
        "show_partner": show_partner,
        "show_destination": show_destination,
        "show_waiting": show_waiting,
    }
    if _is_htmx(request):
        return render(request, "cases/_case_table.html", context)
    # The filter form is the same for many requests (its selects: 250 countries, the partners): drawn from the
    # cache under what it depends on (the template adds the language).
    context["filter_key"] = (show_partner, show_destination, show_waiting,
                             case_filter.form_key(partners_shown=show_partner))
    return render(request, "cases/case_list.html", context)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _initial_from_post(post: QueryDict, form_class: type[forms.Form], prefix: str | None) -> dict[str, Any]:
    """What the user typed into one form, to show it again unjudged after adding or removing a row."""
    initial: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        key = f"{prefix}-{name}" if prefix else name
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = post.getlist(key)
        elif key in post:
            initial[name] = post.get(key)
    return initial


def _household_forms(
    request: HttpRequest,
    *,
    initial_principal: dict[str, Any] | None = None,
    initial_members: list[dict[str, Any]] | None = None,
) -> tuple[MemberForm, Any, bool]:
    """The principal's form and the members' formset; handles the add / remove member buttons.

    Returns (principal_form, member_formset, rearranged): `rearranged` is True when the post only asked for a
    row more or less: the forms come back unbound with what was typed, nothing judged or saved.
    """
    if request.method != "POST":
        return (
            MemberForm(prefix="principal", is_principal=True, initial=initial_principal),
            MemberFormSet(prefix=MEMBERS_PREFIX, initial=initial_members or []),
            False,
        )
    post = request.POST
    remove_text = post.get("remove_member", "")
    if "add_member" in post or remove_text.isdigit():
        total_text = post.get(f"{MEMBERS_PREFIX}-TOTAL_FORMS", "")
        total = min(int(total_text), services.MAX_HOUSEHOLD - 1) if total_text.isdigit() else 0
        rows = [
            _initial_from_post(post, MemberForm, f"{MEMBERS_PREFIX}-{index}")
            for index in range(total)
            if str(index) != remove_text
        ]
        if "add_member" in post and len(rows) < services.MAX_HOUSEHOLD - 1:
            rows.append({})
        principal = MemberForm(
            prefix="principal", is_principal=True, initial=_initial_from_post(post, MemberForm, "principal")
        )
        return principal, MemberFormSet(prefix=MEMBERS_PREFIX, initial=rows), True
    principal = MemberForm(post, prefix="principal", is_principal=True)
    formset = MemberFormSet(post, prefix=MEMBERS_PREFIX)
    return principal, formset, False


def _show_service_error(error: ValidationError | DomainError, form: CaseForm) -> None:
    if isinstance(error, DomainError):
        form.add_error(None, error.message)
    elif hasattr(error, "error_dict"):
        for messages_ in error.message_dict.values():
            for message in messages_:
                form.add_error(None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def case_register(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not policy.can_register(user):
        raise NotVisible()
    principal, formset, rearranged = _household_forms(request)
    if rearranged:
        case_form = CaseForm(user=user, initial=_initial_from_post(request.POST, CaseForm, None))
    else:
        case_form = CaseForm(request.POST or None, user=user)
    if request.method == "POST" and all(
        [case_form.is_valid(), principal.is_valid(), formset.is_valid()]
    ):
        data = case_form.cleaned_data
        try:
            case = services.case_register(
                actor=user,
                programme=data["programme"],
                referring_partner=data["referring_partner"],
                destination=data["destination"],
                reab_category=data["reab_category"],
                avrrl_status=data["avrrl_status"],
                has_means_to_return=data["has_means_to_return"],
                notes=data["notes"],
                principal=principal.member_data(),
                members=formset.member_data(),
                submit="save_draft" not in request.POST,
            )
        except (ValidationError, DomainError) as error:
            _show_service_error(error, case_form)
        else:
            if case.state == CaseState.DRAFT:
                messages.success(request, _("Draft %(reference)s saved.") % {"reference": case.reference})
            else:
                messages.success(
                    request, _("Application %(reference)s registered.") % {"reference": case.reference}
                )
            return redirect("case_detail", reference=case.reference)
    context = {"case_form": case_form, "principal": principal, "formset": formset, "editing": False}
    template = "cases/_household.html" if _is_htmx(request) and rearranged else "cases/case_form.html"
    return render(request, template, context)


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = request_user(request)
    case = case_for(user, reference)
    access_record(request=request, action="view", object_type="case", object_id=case.reference)
    members = list(case_members(case))
    show_asylum_details = policy.sees_asylum_details(user)
    events = list(case.events.select_related("actor").order_by("-at", "-id"))
    for event in events:
        event.sentences = event_sentences(event, show_asylum_details=show_asylum_details)  # type: ignore[attr-defined]
    last_move = next((event for event in events if event.to_state == case.state and event.from_state), None)
    context = {
        "case": case,
        "members": members,
        "events": events,
        "last_move": last_move,
        "ended": case.state in ENDED_STATES or case.state == CaseState.CLOSED,
        "departed_count": sum(member.outcome == MemberOutcome.DEPARTED for member in members),
        "stayed_count": sum(member.outcome == MemberOutcome.STAYED for member in members),
        "moves": policy.allowed_moves(user, case),
        "can_edit": policy.can_edit(user, case),
        "show_category": show_asylum_details,
        "show_notes": show_asylum_details,
        "today": timezone.localdate(),
        "eligibility": case_panel(case, members),
        "can_override": user.has_role(Role.CASE_OFFICER) and case.state in OPEN_STATES,
        "can_reimburse": user.has_role(Role.CASE_OFFICER),
        "screening": _screening_panel(user, case),
    }
    return render(request, "cases/case_detail.html", context)


def _screening_panel(user: User, case: Case) -> dict[str, Any]:
    """Country-office staff see the candidates side by side; anyone else only that a review is pending: a
    partner must never see another partner's person through screening."""
    candidates = screening.open_candidates(case)
    if not user.is_country_office_staff:
        return {"candidates": [], "pending_for_partner": bool(candidates)}
    return {"candidates": candidates, "pending_for_partner": False, "can_decide": user.has_role(Role.CASE_OFFICER)}


@login_required
@require_POST
def screening_decide(request: HttpRequest, reference: str, candidate_id: int) -> HttpResponse:
    user = request_user(request)
    case = case_for(user, reference)
    candidate = get_object_or_404(ScreeningCandidate, pk=candidate_id, case=case)
    answer = request.POST.get("same_person")
    if answer not in {"yes", "no"}:
        messages.error(request, _("The answer could not be read; nothing was changed. Please try again."))
        return redirect("case_detail", reference=case.reference)
    try:
        screening.candidate_decide(actor=user, candidate=candidate, same_person=answer == "yes")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        access_record(request=request, action="screening review", object_type="person", object_id=candidate.person_id)
        messages.success(
            request,
            _("Recorded: the same person; their histories are joined.") if answer == "yes"
            else _("Recorded: a different person; this candidate will not be put forward again."),
        )
    return redirect(reverse("case_detail", kwargs={"reference": case.reference}) + "#screening")


def _member_choices(members: list[CaseMember]) -> list[tuple[int, str]]:
    return [(member.pk, str(member.person)) for member in members]


def _member_initial(member: CaseMember) -> dict[str, Any]:
    person = member.person
    document = next(iter(person.documents.all()), None)
    return {
        "member_id": member.pk,
        "family_name": person.family_name,
        "given_names": person.given_names,
        "sex": person.sex,
        "date_of_birth": person.date_of_birth_display,
        "nationality": str(person.nationality or "") or STATELESS,
        "relation": member.relation,
        "language": person.language,
        "vulnerabilities": [item.kind for item in member.vulnerabilities.all()],
        "recognised_refugee": member.recognised_refugee,
        "uam_identified_before_18": member.uam_identified_before_18,
        "document_type": document.type if document else "",
        "document_number": document.number if document else "",
    }


@login_required
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    user = request_user(request)
    case = case_for(user, reference)
    if not policy.can_edit(user, case):
        messages.error(request, _("This case cannot be edited by you in its present state."))
        return redirect("case_detail", reference=case.reference)
    if request.method == "GET":
        access_record(request=request, action="edit-form", object_type="case", object_id=case.reference)
    members = list(case_members(case))
    principal_member = next(member for member in members if member.relation == Relation.PRINCIPAL)
    others = [member for member in members if member.relation != Relation.PRINCIPAL]
    initial = {
        "reab_category": case.reab_category, "avrrl_status": case.avrrl_status, "destination": str(case.destination),
        "has_means_to_return": case.has_means_to_return, "notes": case.notes,
    }
    principal, formset, rearranged = _household_forms(
        request,
        initial_principal=_member_initial(principal_member),
        initial_members=[_member_initial(member) for member in others],
    )
    version = request.POST.get("version", "") if request.method == "POST" else str(case.version)
    if rearranged:
        initial = _initial_from_post(request.POST, CaseForm, None)
        case_form = CaseForm(user=user, programme=case.programme, initial=initial)
    else:
        case_form = CaseForm(request.POST or None, user=user, programme=case.programme, initial=initial)
    if request.method == "POST" and all([case_form.is_valid(), principal.is_valid(), formset.is_valid()]):
        data = case_form.cleaned_data
        try:
            services.case_update(
                actor=user,
                case=case,
                expected_version=int(version) if version.isdigit() else 0,
                principal=principal.member_data(),
                members=formset.member_data(),
                destination=data["destination"],
                reab_category=data["reab_category"],
                avrrl_status=data["avrrl_status"],
                has_means_to_return=data["has_means_to_return"],
                notes=data["notes"],
            )
        except (ValidationError, DomainError) as error:
            _show_service_error(error, case_form)
        else:
            messages.success(request, _("Changes to %(reference)s saved.") % {"reference": case.reference})
            return redirect("case_detail", reference=case.reference)
    context = {
        "case": case,
        "case_form": case_form,
        "principal": principal,
        "formset": formset,
        "editing": True,
        "version": version,
        "show_category": policy.sees_asylum_details(user),
    }
    template = "cases/_household.html" if _is_htmx(request) and rearranged else "cases/case_form.html"
    return render(request, template, context)


@login_required
@require_POST
def case_transition(request: HttpRequest, reference: str) -> HttpResponse:
    user = request_user(request)
    case = case_for(user, reference)
    members = list(case.members.select_related("person"))
    form = TransitionForm(request.POST, member_choices=_member_choices(members))
    if not form.is_valid():
        messages.error(request, _("The action could not be read; nothing was changed. Please try again."))
        return redirect("case_detail", reference=case.reference)
    data = form.cleaned_data
    to_state = data["to_state"]
    try:
        services.case_transition(
            actor=user,
            case=case,
            to_state=to_state,
            reason=data["reason"],
            expected_version=data["version"],
            departed_on=data["departed_on"],
            departing_member_ids=data["departing"] if to_state == CaseState.DEPARTED else None,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(reference)s is now %(state)s.")
            % {"reference": case.reference, "state": CaseState(to_state).label.lower()},
        )
    return redirect(reverse("case_detail", kwargs={"reference": case.reference}))

