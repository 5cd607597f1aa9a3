"""A refused action that a view did not turn into a form error still reaches the user as a clear page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from homeward.core.errors import DomainError, StaleVersion


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        status = 409 if isinstance(exception, StaleVersion) else 400
        return render(request, "core/refused.html", {"message": exception.message}, status=status)
