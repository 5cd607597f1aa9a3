"""The access matrix (issue 6): every role against every page and every API operation, for its own record and for
someone else's, with the outcome the code and docs/workflow-and-access.md promise.

The routes are read from the URL resolver and the operations from the OpenAPI document at test time: a route or an
operation without an entry here fails `test_every_route_has_an_entry_in_the_matrix`, so nothing is added unprotected.

Outcome classes:

- ALLOWED: 2xx, or the 302 that is the normal result of the page or of a successful POST; a write really happened.
- LISTED / UNLISTED: a list answered 200, and the object is (not) in it.
- NOT_FOUND: 404, the same answer as for a reference that was never issued: the record's existence does not leak.
- FORBIDDEN: 403 (the API, for a visible case or a report that is not for this role).
- REFUSED: the record is visible but the rules refuse the action: a page sends back to where the user came from with
  an error message, the API answers 400 "refused".
- LOGIN: anonymous: a 302 to the login page (the administration's for admin pages), 401 from the API. A deactivated
  user, with a session and a token made while active, is anonymous everywhere.

Whatever is refused changes nothing (`fingerprint`: cases, households, histories, screening, eligibility, rules,
tokens, users), and no GET changes anything for anyone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from homeward.api.models import ApiToken
from homeward.api.tokens import token_create
from homeward.cases.models import Case, CaseEvent, CaseMember, CaseState, Relation, ScreeningCandidate
from homeward.cases.selectors import case_members
from homeward.eligibility import services as eligibility_services
from homeward.eligibility.models import Override, Reimbursement, RuleVersion
from homeward.organisations.models import Organisation, Programme, Role, User
from homeward.organisations.services import user_create
from homeward.people.models import Person
from tests.exchange.casefiles import ROW, csv_bytes
from tests.factories import UserFactory, case_in_state
from tests.postdata import edit_post, person_fields, registration_post

S = CaseState

ALLOWED = "ALLOWED"
LISTED = "LISTED"
UNLISTED = "UNLISTED"
NOT_FOUND = "NOT_FOUND"
FORBIDDEN = "FORBIDDEN"
REFUSED = "REFUSED"
LOGIN = "LOGIN"

ROLES = (
    "anonymous", "counsellor", "other_counsellor", "officer", "movement", "reintegration", "office_abroad",
    "programme_manager", "administrator", "deactivated",
)
ROLE_FIXTURES = {
    "counsellor": "counsellor",  # partner counsellor, Caritas
    "other_counsellor": "other_counsellor",  # partner counsellor, Croix-Rouge Jette
    "officer": "officer",  # country office, case officer
    "movement": "movement",  # country office, movement officer
    "reintegration": "reintegration",  # country office, reintegration officer (sees all, changes nothing yet)
    "office_abroad": "office_abroad_user",  # IOM Kyiv, country UA
    "programme_manager": "programme_manager",  # Fedasil, manages REAB (not AVRRL)
    "administrator": "administrator",  # country office, administrator (staff: the administration pages)
    "deactivated": "deactivated",  # an administrator since deactivated, with a session and a token: as anonymous
}

# The cases of the world: (state, referring counsellor, destination, programme). Every principal is the same person,
# so that screening finds a duplicate application across the two partners (cases.screening).
CASE_RECIPES: dict[str, tuple[str, str, str, str]] = {
    "own": (S.REGISTERED, "counsellor", "UA", "REAB"),  # Caritas's, to Ukraine, not yet approved
    "draft": (S.DRAFT, "counsellor", "UA", "REAB"),  # Caritas's work in progress
    "avrrl": (S.REGISTERED, "counsellor", "UA", "AVRRL"),  # Caritas's, in the programme Fedasil does not manage
    "approved": (S.APPROVED, "counsellor", "UA", "REAB"),  # Caritas's, to Ukraine: Kyiv's to receive
    "other": (S.APPROVED, "other_counsellor", "MA", "REAB"),  # Croix-Rouge's, to Morocco
    "departed": (S.DEPARTED, "counsellor", "UA", "REAB"),  # Caritas's, departed to Ukraine
}
CASES = (*CASE_RECIPES, "missing")  # "missing": a well-formed reference that was never issued
MISSING_REFERENCE = "2019-ZZZ-ZZZ"
PRINCIPAL_NAME = "Shevchenko"  # tests.factories.principal(): never in a 404 or a refusal

# Who sees which case: cases.selectors.cases_visible_to and docs/workflow-and-access.md "Who sees what".
COUNTRY_OFFICE = {"officer", "movement", "reintegration", "administrator"}
SEES: dict[str, set[str]] = {
    "own": {"counsellor", *COUNTRY_OFFICE, "programme_manager"},  # Kyiv: not approved yet
    "draft": {"counsellor", *COUNTRY_OFFICE},  # a programme manager: not before the partner registers it
    "avrrl": {"counsellor", *COUNTRY_OFFICE},  # Fedasil manages REAB only
    "approved": {"counsellor", *COUNTRY_OFFICE, "programme_manager", "office_abroad"},
    "other": {"other_counsellor", *COUNTRY_OFFICE, "programme_manager"},  # Kyiv: not its country
    "departed": {"counsellor", *COUNTRY_OFFICE, "programme_manager", "office_abroad"},
    "missing": set(),
}
# In the screening and eligibility routes, "mismatch" is the reference of a case the user may see with the id of a
# candidate or household member of another case: 404 for everyone.
SEES["mismatch"] = set()

# Who may edit (cases.policy.can_edit): a case officer any open case, the referring counsellor until the decision.
EDITORS: dict[str, set[str]] = {
    "own": {"counsellor", "officer"}, "draft": {"counsellor", "officer"}, "avrrl": {"counsellor", "officer"},
    "approved": {"officer"}, "other": {"officer"}, "departed": set(), "missing": set(),
}
# The move asked for on each case, and who may make it (cases.workflow, cases.policy.allowed_moves).
TRANSITIONS: dict[str, tuple[str, set[str]]] = {
    "own": (S.WITHDRAWN, {"counsellor", "officer"}),
    "draft": (S.REGISTERED, {"counsellor", "officer"}),
    "avrrl": (S.WITHDRAWN, {"counsellor", "officer"}),
    "approved": (S.TRAVEL_PREPARATION, {"officer", "movement"}),
    "other": (S.WITHDRAWN, {"other_counsellor", "officer"}),
    "departed": (S.CLOSED, {"officer"}),
    "missing": (S.WITHDRAWN, set()),
}


def by_role(default: str, *, anonymous: str = LOGIN, **roles: str) -> dict[str, str]:
    """`default` for every signed-in role, `roles` for the exceptions; a deactivated user is anonymous."""
    unknown = set(roles) - set(ROLES) | ({"deactivated"} & set(roles))
    assert not unknown, f"not roles of the matrix (or a deactivated user, always anonymous): {unknown}"
    signed_in = {role: roles.get(role, default) for role in ROLES if role not in {"anonymous", "deactivated"}}
    return {"anonymous": anonymous, **signed_in, "deactivated": anonymous}


def seen(obj: str, visible: str, *, hidden: str = NOT_FOUND, anonymous: str = LOGIN, **roles: str) -> dict[str, str]:
    """`visible` for the roles that see case `obj`, `hidden` for the others, `roles` for the exceptions."""
    outcomes = by_role(hidden, anonymous=anonymous)
    outcomes.update({role: visible for role in SEES[obj]})
    for role, outcome in roles.items():
        assert role in SEES[obj], f"{role} does not see {obj}: its outcome is {hidden}"
        outcomes[role] = outcome
    return outcomes


def seen_and(obj: str, allowed: set[str], refused: str) -> dict[str, str]:
    """ALLOWED for the roles in `allowed`, `refused` for the others who see `obj`, NOT_FOUND for the rest."""
    return seen(obj, refused, **dict.fromkeys(allowed & SEES[obj], ALLOWED))


PUBLIC = by_role(ALLOWED, anonymous=ALLOWED)
SIGNED_IN = by_role(ALLOWED)
RULE_READERS = by_role(NOT_FOUND, officer=ALLOWED, programme_manager=ALLOWED, administrator=ALLOWED)
RULE_EDITORS = by_role(NOT_FOUND, programme_manager=ALLOWED, administrator=ALLOWED)
REPORT_READERS = by_role(NOT_FOUND, programme_manager=ALLOWED, **dict.fromkeys(COUNTRY_OFFICE, ALLOWED))
REGISTRARS = by_role(NOT_FOUND, counsellor=ALLOWED, other_counsellor=ALLOWED, officer=ALLOWED)
NOBODY = by_role(NOT_FOUND, anonymous=NOT_FOUND)
OPEN = ("own", "approved", "other")

# The matrix: route name (or API "METHOD path") -> [(method, object, {role: outcome})].
MATRIX: dict[str, list[tuple[str, str | None, dict[str, str]]]] = {
    # Pages.
    "home": [("GET", None, SIGNED_IN)],
    "login": [("GET", None, PUBLIC), ("POST", None, PUBLIC)],  # signed in: sent home; a wrong password: form again
    "logout": [("POST", None, PUBLIC)],
    "case_list": [("GET", obj, seen(obj, LISTED, hidden=UNLISTED)) for obj in CASE_RECIPES],
    # Registering: POST asks for Caritas ("own") or Croix-Rouge ("other"); a counsellor's partner field is fixed.
    "case_register": [("GET", None, REGISTRARS), ("POST", "own", REGISTRARS), ("POST", "other", REGISTRARS)],
    "case_detail": [("GET", obj, seen(obj, ALLOWED)) for obj in CASES],
    # A refused edit page sends back to the case with a message.
    "case_edit": [(method, obj, seen_and(obj, EDITORS[obj], REFUSED)) for method in ("GET", "POST") for obj in CASES],
    "case_transition": [("POST", obj, seen_and(obj, TRANSITIONS[obj][1], REFUSED)) for obj in CASES],
    # Screening: the case officer decides (cases.screening.candidate_decide) a candidate of the case.
    "screening_decide": [("POST", obj, seen_and(obj, {"officer"}, REFUSED)) for obj in ("own", "other", "mismatch")],
    # Eligibility: only a case officer overrides an outcome or records a reimbursement (of a departure).
    "case_override": [("POST", obj, seen_and(obj, {"officer"}, REFUSED)) for obj in (*OPEN, "mismatch", "missing")],
    "case_reimbursement": [
        ("POST", "departed", seen_and("departed", {"officer"}, REFUSED)),
        ("POST", "other", seen("other", REFUSED)),  # not departed: nothing to reimburse, even for the officer
        *[("POST", obj, seen(obj, REFUSED)) for obj in ("mismatch", "missing")],
    ],
    # Rules: read by case officers, programme managers, administrators; changed by the last two; published by a
    # programme manager. "draft": a draft change exists; without it the draft page sends to the rules.
    "rules_overview": [("GET", None, RULE_READERS)],
    "rules_draft": [("GET", None, RULE_EDITORS), ("GET", "draft", RULE_EDITORS), ("POST", None, RULE_EDITORS),
                    ("POST", "draft", RULE_EDITORS)],
    "rules_draft_publish": [("POST", "draft", by_role(NOT_FOUND, programme_manager=ALLOWED, administrator=REFUSED))],
    "rules_draft_discard": [("POST", "draft", RULE_EDITORS)],
    "overrides_report": [("GET", None, REPORT_READERS)],
    # Year report: the country office and programme managers.
    "report_latest": [("GET", None, REPORT_READERS)],
    "report_year": [("GET", None, REPORT_READERS)],
    "report_year_file": [("GET", file_format, REPORT_READERS) for file_format in ("json", "pdf", "xlsx")],
    # Import: administrators only.
    "import_upload": [("GET", None, by_role(NOT_FOUND, administrator=ALLOWED)),
                      ("POST", None, by_role(NOT_FOUND, administrator=ALLOWED))],
    # API tokens: everyone their own; another user's token is "no such token of yours".
    "api_tokens": [("GET", None, SIGNED_IN), ("POST", None, SIGNED_IN)],
    "api_token_revoke": [("POST", "own", SIGNED_IN), ("POST", "other", by_role(REFUSED))],
    # The API's documents: public, and without personal data; its root is django-ninja's placeholder (404).
    "api-v1:openapi-json": [("GET", None, PUBLIC)],
    "api-v1:openapi-view": [("GET", None, PUBLIC)],
    "api-v1:api-root": [("GET", None, NOBODY)],
    # API operations: the same selectors and services; what a user may not do is 403, a rule's refusal 400.
    "GET /api/v1/organisations/": [("GET", None, SIGNED_IN)],
    "GET /api/v1/cases/": [("GET", obj, seen(obj, LISTED, hidden=UNLISTED)) for obj in CASE_RECIPES],
    "POST /api/v1/cases/": [
        ("POST", "own", by_role(FORBIDDEN, counsellor=ALLOWED, officer=ALLOWED)),
        ("POST", "other", by_role(FORBIDDEN, other_counsellor=ALLOWED, officer=ALLOWED)),
    ],
    "GET /api/v1/cases/{reference}": [("GET", obj, seen(obj, ALLOWED)) for obj in CASES],
    # A person: seen through any case of theirs the user may see (each case here has its own principal).
    "GET /api/v1/persons/{person_id}": [("GET", obj, seen(obj, ALLOWED)) for obj in CASE_RECIPES],
    "PUT /api/v1/cases/{reference}": [("PUT", obj, seen_and(obj, EDITORS[obj], FORBIDDEN)) for obj in CASES],
    "POST /api/v1/cases/{reference}/transitions": [
        ("POST", obj, seen_and(obj, TRANSITIONS[obj][1], FORBIDDEN)) for obj in CASES
    ],
    "GET /api/v1/cases/{reference}/eligibility": [("GET", obj, seen(obj, ALLOWED)) for obj in CASES],
    "GET /api/v1/cases/{reference}/screening": [
        ("GET", obj, seen_and(obj, COUNTRY_OFFICE, FORBIDDEN)) for obj in CASES
    ],
    "POST /api/v1/case-files/imports": [("POST", None, by_role(NOT_FOUND, administrator=ALLOWED))],
    "GET /api/v1/case-files/exports/cases.csv": [  # drafts are never exported (docs/formats.md)
        ("GET", obj, by_role(UNLISTED) if obj == "draft" else seen(obj, LISTED, hidden=UNLISTED))
        for obj in CASE_RECIPES
    ],
    "GET /api/v1/reports/year/{year}": [
        ("GET", None, by_role(FORBIDDEN, programme_manager=ALLOWED, **dict.fromkeys(COUNTRY_OFFICE, ALLOWED)))
    ],
}

# The Django administration, as a rule rather than route by route: every admin route but the login page needs a staff
# session (administrators: organisations.services.user_create); anyone else is sent to the administration's login.
# The rule is checked on these routes; `test_every_route_has_an_entry_in_the_matrix` holds every admin:* route to it.
ADMIN_RULE = by_role(LOGIN, administrator=ALLOWED)
ADMIN_CHECKED: dict[str, list[tuple[str, str | None, dict[str, str]]]] = {
    "admin:index": [("GET", None, ADMIN_RULE)],
    "admin:login": [("GET", None, PUBLIC)],  # the one exception: the login page itself
    "admin:cases_case_changelist": [("GET", None, ADMIN_RULE)],
    "admin:cases_case_change": [("GET", "own", ADMIN_RULE)],
    "admin:core_accesslog_changelist": [("GET", None, ADMIN_RULE)],
    "admin:organisations_user_changelist": [("GET", None, ADMIN_RULE)],
    "admin:organisations_user_add": [("GET", None, ADMIN_RULE), ("POST", None, ADMIN_RULE)],
    "admin:organisations_organisation_changelist": [("GET", None, ADMIN_RULE)],
    "admin:organisations_programme_changelist": [("GET", None, ADMIN_RULE)],
}

# Findings: (route, method, object, role) -> reason. Each is a strict xfail at the correct expected outcome.
FINDINGS: dict[tuple[str, str, str | None, str], str] = {}


# The world: the users of every role, the cases built lazily through the real services.


@pytest.fixture
def administrator(country_office):
    return user_create(username="admin", password="x-" * 10, organisation=country_office,
                       roles=[Role.ADMINISTRATOR], first_name="Ada", last_name="Admin")


@pytest.fixture
def deactivated(country_office):
    user = user_create(username="former-admin", password="x-" * 10, organisation=country_office,
                       roles=[Role.ADMINISTRATOR])
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.fixture
def reintegration(country_office):
    return UserFactory(username="reintegration", organisation=country_office, roles=[Role.REINTEGRATION_OFFICER])


class World:
    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.users: dict[str, User | None] = {"anonymous": None}
        self.users.update({role: request.getfixturevalue(name) for role, name in ROLE_FIXTURES.items()})
        self.stranger = UserFactory(username="stranger", organisation=self.users["officer"].organisation,
                                    roles=[Role.MOVEMENT_OFFICER])
        self._cases: dict[str, Case] = {}
        self._draft: RuleVersion | None = None

    def user(self, role: str) -> User | None:
        return self.users[role]

    def case(self, name: str) -> Case:
        if name not in self._cases:
            state, referrer, destination, programme = CASE_RECIPES[name]
            self._cases[name] = case_in_state(
                state, counsellor=self.users[referrer], officer=self.users["officer"], movement=self.users["movement"],
                destination=destination, programme=Programme.objects.get(code=programme),
            )
        return Case.objects.select_related("programme").get(pk=self._cases[name].pk)

    def reference(self, name: str) -> str:
        return MISSING_REFERENCE if name == "missing" else self.case(name).reference

    def principal(self, name: str) -> CaseMember:
        return self.case(name).members.select_related("person").get(relation=Relation.PRINCIPAL)

    def candidate(self, name: str) -> ScreeningCandidate:
        """The duplicate application screening finds on case `name`: the other partner's case registered first."""
        first = {"own": "other", "other": "own"}[name]
        self.case(first)
        candidate = ScreeningCandidate.objects.get(case=self.case(name))
        assert candidate.other_case == self.case(first)
        return candidate

    def draft(self) -> RuleVersion:
        if self._draft is None:
            admin = self.users["administrator"]
            draft = eligibility_services.rule_draft_create(actor=admin)
            self._draft = eligibility_services.rule_draft_update(
                actor=admin, draft=draft, data=draft.data, note="The access matrix prepares a change."
            )
        return self._draft

    def organisation(self, obj: str) -> Organisation:
        return self.users["counsellor" if obj == "own" else "other_counsellor"].organisation

    def token_of(self, role: str, obj: str) -> ApiToken:
        """"own": a token of the user playing `role`; "other": someone else's (and anonymous has none)."""
        owner = self.users[role] if obj == "own" and role != "anonymous" else self.stranger
        token, _raw = token_create(user=owner, name=f"token of {owner.username}", days=30)
        return token

    def client(self, role: str, *, api: bool) -> Client:
        user = self.users[role]
        if user is None:
            return Client()
        if api:
            _token, raw = token_create(user=user, name="access matrix", days=30)
            return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def world(request) -> World:
    return World(request)


# The requests: for each route, what to send so that an allowed request would change something.


@dataclass
class Req:
    path: str
    data: Any = None  # form fields (pages) or a JSON body (API)
    writes: bool = False  # an allowed request changes the database
    check: Callable[[Any], None] | None = None  # more to check on an allowed answer
    listed: str | None = None  # for lists: the reference looked for
    api: bool = False
    multipart: bool = False  # a file upload


def _reason() -> str:
    return "The access matrix gives a reason."


def _version(world: World, obj: str) -> int:
    return 1 if obj == "missing" else world.case(obj).version


def _new_cases_referred_by(world: World, role: str, obj: str) -> Callable[[Any], None]:
    """After a registration: the new case is referred by the partner asked for, or the counsellor's own."""
    known = set(Case.objects.values_list("pk", flat=True))
    user = world.user(role)
    expected = world.organisation(obj) if user.has_role(Role.CASE_OFFICER) else user.organisation

    def check(_response: Any) -> None:
        new = Case.objects.exclude(pk__in=known)
        assert [case.referring_partner_id for case in new] == [expected.pk]

    return check


def _api_person(person: Person) -> dict[str, Any]:
    return {"family_name": person.family_name, "given_names": person.given_names, "sex": person.sex,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "nationality": str(person.nationality or "")}


def _api_edit(world: World, obj: str) -> dict[str, Any]:
    if obj == "missing":
        case_fields: dict[str, Any] = {"version": 1, "destination": "UA", "reab_category": "ASYLUM_REJECTED"}
        principal: dict[str, Any] = {"person": {"family_name": PRINCIPAL_NAME, "sex": "M"}}
    else:
        case = world.case(obj)
        (member,) = case_members(case)
        case_fields = {"version": case.version, "destination": str(case.destination),
                       "reab_category": case.reab_category, "avrrl_status": case.avrrl_status}
        principal = {"member_id": member.pk, "relation": member.relation, "person": _api_person(member.person)}
    return {**case_fields, "notes": "Changed by the access matrix.", "principal": principal, "members": []}


def _draft_form(world: World) -> dict[str, Any]:
    """The draft page's forms as the administrator's browser would post them, with a new note."""
    client = Client()
    client.force_login(world.user("administrator"))
    context = client.get(reverse("rules_draft")).context
    data: dict[str, Any] = {}
    forms = [context["settings_form"], *context["projects"].values()]
    for formset in context["lists"].values():
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for bound in form:
            if bound.name != "DELETE":
                value = bound.value()
                data[bound.html_name] = "" if value is None else value
    data["note"] = "The access matrix changed the note."
    return data


def request_for(world: World, route: str, method: str, obj: str | None, role: str) -> Req:
    today = timezone.localdate()
    match route:
        case "home" | "case_list" | "rules_overview" | "overrides_report" | "report_latest" | "api_tokens":
            req = Req(reverse(route))
            if route == "case_list":
                req.listed = world.reference(obj)
            if route == "api_tokens" and method == "POST":
                req.data, req.writes = {"name": "Matrix sync", "days": 30}, True
            return req
        case "login":
            return Req(reverse(route), {"username": "nobody", "password": "wrong"} if method == "POST" else None)
        case "logout":
            return Req(reverse(route))
        case "case_register":
            if method == "GET":
                return Req(reverse(route))
            data = registration_post(
                programme=Programme.objects.get(code="REAB").pk,
                referring_partner=world.organisation(obj).pk,
                principal=person_fields("Bondarenko", "Iryna", sex="F", date_of_birth="1990-02-01"),
            )
            return Req(reverse(route), data, writes=True,
                       check=_new_cases_referred_by(world, role, obj) if role != "anonymous" else None)
        case "case_detail":
            return Req(reverse(route, args=[world.reference(obj)]))
        case "case_edit":
            path = reverse(route, args=[world.reference(obj)])
            if method == "GET":
                return Req(path)
            if obj == "missing":
                return Req(path, {"version": "1", "notes": "Changed by the access matrix."}, writes=True)
            case = world.case(obj)
            data = edit_post(case, version=case.version, notes="Changed by the access matrix.",
                             avrrl_status=case.avrrl_status)
            return Req(path, data, writes=True)
        case "case_transition":
            data = {"to_state": TRANSITIONS[obj][0], "version": _version(world, obj), "reason": _reason()}
            return Req(reverse(route, args=[world.reference(obj)]), data, writes=True)
        case "screening_decide":
            if obj == "mismatch":
                reference, candidate = world.reference("own"), world.candidate("other")
            else:
                candidate = world.candidate(obj)
                reference = world.reference(obj)
            return Req(reverse(route, args=[reference, candidate.pk]), {"same_person": "no"}, writes=True)
        case "case_override" | "case_reimbursement":
            if obj == "mismatch":
                # The reference of a case the user may see, with a member of another household.
                world.case("other")
                reference = world.reference("own" if route == "case_override" else "departed")
                member_id = world.principal("other").pk
            elif obj == "missing":
                reference, member_id = MISSING_REFERENCE, 1
            else:
                reference, member_id = world.reference(obj), world.principal(obj).pk
            if route == "case_override":
                data = {"member_id": member_id, "support": "reintegration_grant",
                        "justification": "The access matrix justifies this override at length."}
            else:
                data = {"member_id": member_id, "amount": "350.00", "reimbursed_on": today.isoformat()}
            return Req(reverse(route, args=[reference]), data, writes=True)
        case "rules_draft":
            if obj == "draft":
                world.draft()
            if method == "GET":
                return Req(reverse(route))
            return Req(reverse(route), _draft_form(world) if obj == "draft" else {"start": "1"}, writes=True)
        case "rules_draft_publish" | "rules_draft_discard":
            world.draft()
            return Req(reverse(route), {}, writes=True)
        case "report_year":
            return Req(reverse(route, args=[today.year - 1]))
        case "report_year_file":
            return Req(reverse(route, kwargs={"year": str(today.year - 1), "format": obj}))
        case "import_upload":
            if method == "GET":
                return Req(reverse(route))
            upload = SimpleUploadedFile("cases.csv", csv_bytes([ROW]), content_type="text/csv")
            return Req(reverse(route), {"file": upload}, writes=True, multipart=True)
        case "api_token_revoke":
            return Req(reverse(route, args=[world.token_of(role, obj).pk]), {}, writes=True)
        case "api-v1:openapi-json" | "api-v1:openapi-view" | "api-v1:api-root":
            world.case("own")  # a case exists: the documents must not show it
            return Req(reverse(route))
    return _api_request(world, route, method, obj)


def _api_request(world: World, route: str, method: str, obj: str | None) -> Req:
    path = route.split(" ", 1)[1]
    reference = world.reference(obj) if "{reference}" in path else None
    person_id = world.principal(obj).person_id if "{person_id}" in path and obj else None
    url = path.format(reference=reference, year=timezone.localdate().year - 1, person_id=person_id)
    match route:
        case "GET /api/v1/cases/" | "GET /api/v1/case-files/exports/cases.csv":
            return Req(url, api=True, listed=world.reference(obj))
        case "POST /api/v1/case-files/imports":
            upload = SimpleUploadedFile("cases.csv", csv_bytes([ROW]), content_type="text/csv")
            return Req(url, {"file": upload}, writes=True, api=True, multipart=True)
        case "POST /api/v1/cases/":
            body = {"programme": "REAB", "referring_partner_id": world.organisation(obj).pk, "destination": "UA",
                    "reab_category": "ASYLUM_REJECTED",
                    "principal": {"family_name": "Bondarenko", "given_names": "Iryna", "sex": "F",
                                  "date_of_birth": "1990-02-01", "nationality": "UA"}}
            return Req(url, body, writes=True, api=True)
        case "PUT /api/v1/cases/{reference}":
            return Req(url, _api_edit(world, obj), writes=True, api=True)
        case "POST /api/v1/cases/{reference}/transitions":
            body = {"to_state": TRANSITIONS[obj][0], "version": _version(world, obj), "reason": _reason()}
            return Req(url, body, writes=True, api=True)
    assert method == "GET", route
    return Req(url, api=True)


def admin_request(world: World, route: str, method: str, obj: str | None) -> Req:
    if route == "admin:cases_case_change":
        return Req(reverse(route, args=[world.case(obj).pk]))
    if method == "POST":  # a user the administrator could add; invalid (passwords differ), so nothing is added
        return Req(reverse(route), {"username": "intruder", "password1": "one-secret-9", "password2": "other-9"})
    return Req(reverse(route))


# What an answer means, and what must not have changed.

LOGIN_PATHS = {"/login/", "/admin/login/"}
API_NOT_FOUND = {"error": {"status": 404, "code": "not_found", "message": "Not found (or not yours to see)."}}


def outcome_of(response: Any, req: Req) -> str:
    status = response.status_code
    if req.api:
        if status == 400:
            return REFUSED if response.json()["error"]["code"] == "refused" else f"HTTP 400 {response.content!r}"
        return {200: ALLOWED, 201: ALLOWED, 401: LOGIN, 403: FORBIDDEN, 404: NOT_FOUND}.get(status, f"HTTP {status}")
    if status == 302:
        location = urlsplit(response["Location"])
        if location.path in LOGIN_PATHS and "next=" in location.query:
            return LOGIN
        if any(message.level == messages.ERROR for message in get_messages(response.wsgi_request)):
            return REFUSED
        return ALLOWED
    if 200 <= status < 300:
        return ALLOWED
    return {400: REFUSED, 403: FORBIDDEN, 404: NOT_FOUND}.get(status, f"HTTP {status}")


def fingerprint() -> dict[str, list]:
    """Everything an action could change, read afresh (not the access log, not a token's last use)."""

    def rows(model: Any, *fields: str) -> list:
        return list(model.objects.order_by("pk").values_list("pk", *fields))

    return {
        "cases": rows(Case, "state", "version", "updated_at", "destination", "notes", "reab_category",
                      "referring_partner_id", "approved_on", "departed_on"),
        "members": rows(CaseMember, "case_id", "person_id", "relation", "outcome", "departed_on"),
        "persons": rows(Person, "family_name", "given_names", "date_of_birth", "same_as_id"),
        "events": rows(CaseEvent, "case_id", "kind"),
        "candidates": rows(ScreeningCandidate, "status", "decided_by_id"),
        "overrides": rows(Override, "member_id", "support"),
        "reimbursements": rows(Reimbursement, "member_id", "amount"),
        "rules": rows(RuleVersion, "status", "number", "note", "data"),
        "tokens": rows(ApiToken, "user_id", "revoked_at"),
        "users": rows(User, "username", "is_staff", "is_active"),
    }


def _combinations(table: dict, kind: str) -> list:
    params = []
    for route, entries in table.items():
        for method, obj, outcomes in entries:
            assert set(outcomes) == set(ROLES), f"{route} {method} {obj}: every role needs an outcome"
            for role in ROLES:
                values = (kind, route, method, obj, role, outcomes[role])
                key = f"{route}|{method}|{obj or '-'}|{role}"
                reason = FINDINGS.get((route, method, obj, role))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                params.append(pytest.param(*values, id=key, marks=marks))
    return params


COMBINATIONS = _combinations(MATRIX, "matrix") + _combinations(ADMIN_CHECKED, "admin")
CHECKED: list[str] = []


# Marked, not only reached through fixtures: pytest-django runs database tests before the browser tests, whose
# transactional database is emptied after each (the programmes and rules that migrations seed go with it).
@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "route", "method", "obj", "role", "expected"), COMBINATIONS)
def test_access(world, kind, route, method, obj, role, expected):
    CHECKED.append(f"{route}|{method}|{obj}|{role}")
    req = admin_request(world, route, method, obj) if kind == "admin" else request_for(world, route, method, obj, role)
    client = world.client(role, api=req.api)
    before = fingerprint()

    if req.multipart:
        response = client.post(req.path, req.data)
    elif req.api:
        response = client.generic(method, req.path, *([] if req.data is None else [json.dumps(req.data)]),
                                  content_type="application/json")
    elif method == "GET":
        response = client.get(req.path)
    else:
        response = client.post(req.path, req.data or {})

    actual = outcome_of(response, req)
    if actual == ALLOWED and req.listed is not None:
        actual = LISTED if _lists(response, req) else UNLISTED
    assert actual == expected, f"{role} {method} {req.path}: {response.status_code} is {actual}, not {expected}"

    after = fingerprint()
    if expected == ALLOWED and req.writes:
        assert after != before, f"{role} {method} {req.path}: answered {response.status_code} but changed nothing"
        if req.check:
            req.check(response)
    else:
        assert after == before, f"{role} {method} {req.path} ({expected}) changed {_diff(before, after)}"
    if expected == NOT_FOUND and req.api:
        assert response.json() == API_NOT_FOUND
    if expected in {NOT_FOUND, FORBIDDEN, REFUSED, LOGIN}:
        assert PRINCIPAL_NAME not in response.content.decode(errors="replace")
    if route.startswith("api-v1:openapi"):
        document = response.content.decode()
        assert PRINCIPAL_NAME not in document and world.reference("own") not in document


def _lists(response: Any, req: Req) -> bool:
    if response["Content-Type"].startswith("application/json"):
        return req.listed in [item["reference"] for item in response.json()["items"]]
    return req.listed in response.content.decode()  # a page, or the exported case file


def _diff(before: dict, after: dict) -> list[str]:
    return [key for key in before if before[key] != after[key]]


# Nothing unprotected: every route and API operation has its entry.


def _routes(patterns: list, prefix: str = "", namespace: str = "") -> list[tuple[str | None, str]]:
    """(namespace:name or None, full route) for every URL pattern, included ones too."""
    found: list[tuple[str | None, str]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            assert isinstance(pattern, URLPattern)
            found.append((f"{namespace}{pattern.name}" if pattern.name else None, prefix + str(pattern.pattern)))
    return found


def _api_operations() -> set[str]:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    return {f"{method.upper()} {path}" for path, operations in paths.items() for method in operations}


def _openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _is_admin(name: str | None, route: str) -> bool:
    return name.startswith("admin:") if name else route.startswith("admin/")


@pytest.mark.django_db
def test_every_route_has_an_entry_in_the_matrix():
    operations = _api_operations()
    operation_paths = {operation.split(" ", 1)[1] for operation in operations if operation in MATRIX}
    missing, admin_routes = [], set()
    for name, route in _routes(get_resolver().url_patterns):
        if _is_admin(name, route):
            admin_routes.add(name or route)
        elif name in MATRIX:
            continue
        elif name and name.startswith("api-v1:") and _openapi_path(route) in operation_paths:
            continue  # an API operation: its entries are per method below
        else:
            missing.append(name or route)
    missing += sorted(operations - set(MATRIX))
    names = {name for name, _route in _routes(get_resolver().url_patterns) if name}
    stale = sorted(key for key in MATRIX if key not in names and key not in operations)
    stale += sorted(key for key in ADMIN_CHECKED if key not in admin_routes)
    assert not missing, f"routes or API operations with no entry in the access matrix: {missing}"
    assert not stale, f"entries of the access matrix for routes that no longer exist: {stale}"
    # The administration's rule is checked on its index and on model changelists.
    assert {"admin:index", "admin:cases_case_changelist"} <= set(ADMIN_CHECKED)


def test_the_count_of_combinations_is_printed(request):
    """Last (pytest-django runs the tests without a database after the others): prints what was checked."""
    # At least one entry per role for every route and API operation, and for every admin route checked.
    operations = _api_operations()
    routes = {name or route for name, route in _routes(get_resolver().url_patterns) if not _is_admin(name, route)}
    pages = {name for name in routes if not name.startswith("api-v1:") or name in MATRIX}
    lower_bound = len(ROLES) * (len(pages) + len(operations) + len(ADMIN_CHECKED))
    total = len(COMBINATIONS)
    assert total >= lower_bound, (total, lower_bound)
    items = request.session.items
    ran_before = [item for item in items[: items.index(request.node)]
                  if getattr(item, "originalname", "") == "test_access"]
    if len(ran_before) == total:  # the whole matrix ran before this test: every combination was checked
        assert len(CHECKED) == total, (len(CHECKED), total)
    summary = f"access matrix: {len(CHECKED)} of {total} combinations checked ({len(MATRIX)} routes and operations," \
              f" {len(ADMIN_CHECKED)} admin routes under the administration rule, {len(ROLES)} roles)"
    print(summary)

    class Summary:
        @pytest.hookimpl
        def pytest_terminal_summary(self, terminalreporter):
            terminalreporter.write_line(summary)

    request.config.pluginmanager.register(Summary(), "access-matrix-summary")
