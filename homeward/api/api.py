"""The HTTP API, version 1: `/api/v1/`, described by `/api/v1/openapi.json`, browsable at `/api/v1/docs`.

Every operation calls the same selectors and services as the web pages: access comes from `cases_visible_to` and
`case_for`, rules from the services; no rule lives here. A later part (movements, reintegration, messages, finance)
adds a `Router` in its own module and one `api.add_router` line below.

Authentication: a personal token (`Authorization: Bearer hw_…`, created on the *API tokens* page) or, for the
browsable documentation, the logged-in session. Errors have one shape: `{"error": {"status", "code", "message"}}`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth
from ninja.throttling import AuthRateThrottle

from homeward.api.tokens import token_user
from homeward.core.errors import DomainError, NotPermitted, StaleVersion, TransitionNotAllowed
from homeward.exchange.rows import FileErrors

THROTTLE = "120/m"  # per user (all their tokens and their session): enough for a partner's sync, not a scraper


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Homeward API",
    version="1",
    description=(
        "Homeward's cases, persons, eligibility, screening, case files and year report, with the access of the "
        "token's user: the same rules as the web pages. Authenticate with `Authorization: Bearer hw_…` (create a "
        "token on the *API tokens* page). Every error has one shape: "
        "`{\"error\": {\"status\", \"code\", \"message\"}}`; an edit or a step made from an older `version` "
        "is refused with 409."
    ),
    urls_namespace="api-v1",
    auth=[TokenAuth(), django_auth],
    throttle=[AuthRateThrottle(THROTTLE)],
)


def _error(request: HttpRequest, status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(StaleVersion)
def _stale(request: HttpRequest, error: StaleVersion) -> HttpResponse:
    return _error(request, 409, "stale_version", error.message)


@api.exception_handler(TransitionNotAllowed)
def _not_allowed(request: HttpRequest, error: TransitionNotAllowed) -> HttpResponse:
    return _error(request, 403, "not_allowed", error.message)


@api.exception_handler(NotPermitted)
def _not_permitted(request: HttpRequest, error: NotPermitted) -> HttpResponse:
    return _error(request, 403, "not_allowed", error.message)


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    return _error(request, 400, "refused", error.message)


@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, error: DjangoValidationError) -> HttpResponse:
    details = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return _error(request, 422, "invalid", " ".join(" ".join(messages) for messages in details.values()), details)


@api.exception_handler(ValidationError)
def _unreadable(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return _error(request, 422, "invalid", "The request does not follow the schema.", error.errors)


@api.exception_handler(FileErrors)
def _file_problems(request: HttpRequest, error: FileErrors) -> HttpResponse:
    details = [{"line": item.line, "column": item.column, "message": item.message} for item in error.errors]
    return _error(request, 422, "file_problems", f"{len(details)} problem(s) found; nothing was imported.", details)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "Not found (or not yours to see).")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "A valid token is needed (Authorization: Bearer hw_…).")


@api.exception_handler(HttpError)
def _http(request: HttpRequest, error: HttpError) -> HttpResponse:
    return _error(request, error.status_code, "http_error", str(error.message))


def _routers() -> None:
    from homeward.api import cases, exchange, organisations, persons, reports

    api.add_router("/organisations", organisations.router)
    api.add_router("/cases", cases.router)
    api.add_router("/persons", persons.router)
    api.add_router("/case-files", exchange.router)
    api.add_router("/reports", reports.router)


_routers()
