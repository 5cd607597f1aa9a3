"""Cases through the API: the list, a case, registering, editing, moving it on; its eligibility and screening."""


import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from homeward.api.errors import COMMON, Error, Text
from homeward.cases import policy, screening, services
from homeward.cases.models import Case, CaseState, Relation
from homeward.cases.selectors import case_for, case_list_annotate, case_members, case_search, cases_visible_to
from homeward.cases.services import MemberData
from homeward.core.services import access_record
from homeward.core.users import request_user
from homeward.eligibility.panel import case_panel
from homeward.organisations.models import Organisation, Programme, User
from homeward.people.models import DatePrecision
from homeward.people.services import PersonData

router = Router(tags=["cases"])



class CaseRow(Schema):
    reference: str
    programme: str
    referring_partner: str
    state: str
    destination: str
    registered_on: datetime.date | None
    departed_on: datetime.date | None
    household_size: int
    principal_name: str | None
    version: int
    updated_at: datetime.datetime


class Member(Schema):
    member_id: int
    relation: str
    family_name: str
    given_names: str
    sex: str
    date_of_birth: datetime.date | None
    date_of_birth_precision: str
    nationality: str
    outcome: str
    departed_on: datetime.date | None


class CaseDetail(CaseRow):
    reab_category: str | None = Field(None, description="Shown to country-office staff only.")
    avrrl_status: str | None = Field(None, description="Shown to country-office staff only.")
    approved_on: datetime.date | None
    members: list[Member]
    allowed_transitions: list[str] = Field(description="The states this user may move the case to now.")
    screening_review_pending: bool


class CasePage(Schema):
    count: int
    items: list[CaseRow]


class CaseFilters(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)
    q: Text | None = Field(None, max_length=200, description="A name (any script) or a case reference.")
    state: CaseState | None = None
    programme: Text | None = Field(None, max_length=16, description="REAB or AVRRL.")
    destination: Text | None = Field(None, min_length=2, max_length=2)
    registered_from: datetime.date | None = None
    registered_to: datetime.date | None = None


class PersonIn(Schema):
    family_name: Text = Field(min_length=1, max_length=150)
    given_names: Text = Field("", max_length=200)
    sex: Text = Field(pattern="^(F|M|X)$")
    date_of_birth: datetime.date | None = None
    date_of_birth_precision: DatePrecision = DatePrecision.DAY
    nationality: Text = Field("", max_length=2)
    language: Text = Field("", max_length=3)


class MemberIn(Schema):
    person: PersonIn
    relation: Relation = Relation.CHILD
    member_id: int | None = Field(None, description="An existing member's id, when editing.")


class CaseIn(Schema):
    programme: Text = Field(max_length=16, description="REAB or AVRRL.")
    referring_partner_id: int | None = Field(None, description="Default: the user's organisation.")
    destination: Text = Field(min_length=2, max_length=2)
    reab_category: Text = Field("", max_length=24)
    avrrl_status: Text = Field("", max_length=24)
    has_means_to_return: bool = False
    notes: Text = Field("", max_length=5000)
    principal: PersonIn
    members: list[MemberIn] = Field(default_factory=list, max_length=30)
    submit: bool = Field(True, description="Register now (true) or keep as a draft.")


class CaseEdit(Schema):
    version: int = Field(description="The version the edit was made from: an older one is refused (409).")
    destination: Text = Field(min_length=2, max_length=2)
    reab_category: Text = Field("", max_length=24)
    avrrl_status: Text = Field("", max_length=24)
    has_means_to_return: bool = False
    notes: Text = Field("", max_length=5000)
    principal: MemberIn
    members: list[MemberIn] = Field(default_factory=list, max_length=30)


class TransitionIn(Schema):
    to_state: CaseState
    version: int = Field(description="The version the step was decided on: an older one is refused (409).")
    reason: Text = Field("", max_length=2000)
    departed_on: datetime.date | None = None
    departing_member_ids: list[int] | None = Field(None, max_length=30)


class Outcome(Schema):
    support: str
    eligible: bool
    reasons: list[str] | None = Field(None, description="Shown to country-office staff only.")


class PersonEligibility(Schema):
    member_id: int | None
    person: str
    outcomes: list[Outcome]


class Eligibility(Schema):
    decided: bool
    decision_date: datetime.date
    rule_version: int | None
    persons: list[PersonEligibility]


class Candidate(Schema):
    id: int
    kind: str
    band: str
    score: float
    why: list[str]
    member_id: int
    person_id: int
    person_name: str
    person_date_of_birth: str
    other_case: str
    other_case_state: str
    other_case_departed_on: datetime.date | None


def _row(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference, "programme": case.programme.code,
        "referring_partner": case.referring_partner.name, "state": case.state,
        "destination": str(case.destination), "registered_on": case.registered_on, "departed_on": case.departed_on,
        "household_size": case.persons, "principal_name": getattr(case, "principal_name", None),
        "version": case.version, "updated_at": case.updated_at,
    }


def _detail(user: User, case: Case) -> dict[str, Any]:
    members = list(case_members(case))
    sensitive = policy.sees_asylum_details(user)
    return {
        **_row(case),
        "principal_name": next((member.person.family_name for member in members if member.is_principal), None),
        "reab_category": case.reab_category if sensitive else None,
        "avrrl_status": case.avrrl_status if sensitive else None,
        "approved_on": case.approved_on,
        "members": [
            {"member_id": member.pk, "relation": member.relation, "family_name": member.person.family_name,
             "given_names": member.person.given_names, "sex": member.person.sex,
             "date_of_birth": member.person.date_of_birth,
             "date_of_birth_precision": member.person.date_of_birth_precision,
             "nationality": str(member.person.nationality or ""), "outcome": member.outcome,
             "departed_on": member.departed_on}
            for member in members
        ],
        "allowed_transitions": [move.target for move in policy.allowed_moves(user, case)],
        "screening_review_pending": bool(screening.open_candidates(case)),
    }


def _person(data: PersonIn) -> PersonData:
    precision = DatePrecision.UNKNOWN if data.date_of_birth is None else data.date_of_birth_precision
    return PersonData(family_name=data.family_name, given_names=data.given_names, sex=data.sex,
                      date_of_birth=data.date_of_birth, date_of_birth_precision=precision,
                      nationality=data.nationality.upper(), language=data.language)


@router.get("/", response={200: CasePage, **COMMON}, summary="The cases this user may see, newest change first")
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    cases = cases_visible_to(request_user(request))
    if filters.q:
        cases = case_search(cases, filters.q)
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.programme:
        cases = cases.filter(programme__code=filters.programme)
    if filters.destination:
        cases = cases.filter(destination=filters.destination.upper())
    if filters.registered_from:
        cases = cases.filter(registered_on__gte=filters.registered_from)
    if filters.registered_to:
        cases = cases.filter(registered_on__lte=filters.registered_to)
    access_record(request=request, action="api list", object_type="cases", object_id=filters.q or "")
    page = case_list_annotate(cases).order_by("-updated_at", "-pk")[filters.offset : filters.offset + filters.limit]
    return {"count": cases.count(), "items": [_row(case) for case in page]}


@router.get("/{reference}", response={200: CaseDetail, **COMMON}, summary="One case, with its household")
def case_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    user = request_user(request)
    case = case_for(user, reference)
    access_record(request=request, action="api view", object_type="case", object_id=case.reference)
    return _detail(user, case)


@router.post(
    "/", response={201: CaseDetail, 403: Error, **COMMON},
    summary="Register an application (or keep it as a draft)",
)
def case_register(request: HttpRequest, data: CaseIn) -> Status:
    user = request_user(request)
    programme = Programme.objects.filter(code=data.programme).first()
    if programme is None:
        raise HttpError(422, f"{data.programme!r} is not a programme (REAB or AVRRL).")
    partner = (
        Organisation.objects.filter(pk=data.referring_partner_id).first()
        if data.referring_partner_id is not None else user.organisation
    )
    if partner is None:
        raise HttpError(422, "There is no such referring organisation.")
    case = services.case_register(
        actor=user, programme=programme, referring_partner=partner, destination=data.destination.upper(),
        reab_category=data.reab_category, avrrl_status=data.avrrl_status,
        has_means_to_return=data.has_means_to_return, notes=data.notes,
        principal=MemberData(person=_person(data.principal), relation=Relation.PRINCIPAL),
        members=[MemberData(person=_person(member.person), relation=member.relation) for member in data.members],
        submit=data.submit,
    )
    return Status(201, _detail(user, case_for(user, case.reference)))


@router.put(
    "/{reference}", response={200: CaseDetail, 403: Error, 409: Error, **COMMON},
    summary="Edit a case and its household (409 if it changed)",
)
def case_edit(request: HttpRequest, reference: str, data: CaseEdit) -> dict[str, Any]:
    user = request_user(request)
    case = case_for(user, reference)
    services.case_update(
        actor=user, case=case, expected_version=data.version, destination=data.destination.upper(),
        reab_category=data.reab_category, avrrl_status=data.avrrl_status,
        has_means_to_return=data.has_means_to_return, notes=data.notes,
        principal=MemberData(person=_person(data.principal.person), relation=Relation.PRINCIPAL,
                             member_id=data.principal.member_id),
        members=[MemberData(person=_person(member.person), relation=member.relation, member_id=member.member_id)
                 for member in data.members],
    )
    return _detail(user, case_for(user, reference))


@router.post(
    "/{reference}/transitions", response={200: CaseDetail, 403: Error, 409: Error, **COMMON},
    summary="Move the case on (409 if it changed)",
)
def case_transition(request: HttpRequest, reference: str, data: TransitionIn) -> dict[str, Any]:
    user = request_user(request)
    case = case_for(user, reference)
    services.case_transition(
        actor=user, case=case, to_state=data.to_state, reason=data.reason, expected_version=data.version,
        departed_on=data.departed_on, departing_member_ids=data.departing_member_ids,
    )
    return _detail(user, case_for(user, reference))


@router.get(
    "/{reference}/eligibility", response={200: Eligibility, **COMMON},
    summary="The eligibility decision, or its preview",
)
def case_eligibility(request: HttpRequest, reference: str) -> dict[str, Any]:
    user = request_user(request)
    case = case_for(user, reference)
    access_record(request=request, action="api eligibility", object_type="case", object_id=case.reference)
    panel = case_panel(case, list(case_members(case)))
    sensitive = policy.sees_asylum_details(user)
    return {
        "decided": panel.decision is not None,
        "decision_date": panel.decision_date,
        "rule_version": panel.version_number,
        "persons": [
            {"member_id": person.member_id, "person": str(person.person),
             "outcomes": [{"support": outcome.support, "eligible": outcome.eligible,
                           "reasons": [str(reason) for reason in outcome.reasons] if sensitive else None}
                          for outcome in person.outcomes]}
            for person in panel.persons
        ],
    }


@router.get("/{reference}/screening", response={200: list[Candidate], 403: Error, **COMMON},
            summary="Persons in the register who may be members of this household (country office only)")
def case_screening(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    user = request_user(request)
    case = case_for(user, reference)
    if not user.is_country_office_staff:
        raise HttpError(403, "Screening candidates are for the country office; the case shows a pending review.")
    access_record(request=request, action="api screening", object_type="case", object_id=case.reference)
    return [
        {"id": candidate.pk, "kind": candidate.kind, "band": candidate.band, "score": candidate.score,
         "why": candidate.why, "member_id": candidate.member_id, "person_id": candidate.person_id,
         "person_name": candidate.person.full_name, "person_date_of_birth": candidate.person.date_of_birth_display,
         "other_case": candidate.other_case.reference, "other_case_state": candidate.other_case.state,
         "other_case_departed_on": candidate.other_case.departed_on}
        for candidate in screening.open_candidates(case)
    ]

