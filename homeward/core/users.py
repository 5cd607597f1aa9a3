"""The Homeward user behind a request that passed a login check (a page's login_required, the API's auth)."""

from django.http import HttpRequest

from homeward.organisations.models import User


def request_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "only for requests that passed a login check"
    return user
