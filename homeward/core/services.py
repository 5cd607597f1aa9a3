"""Shared writes: recording who read what."""

from typing import cast

from django.http import HttpRequest

from homeward.core.models import AccessLog
from homeward.organisations.models import User


def access_record(*, request: HttpRequest, action: str, object_type: str, object_id: object) -> AccessLog:
    return access_log_write(
        user=cast(User, request.user), action=action, object_type=object_type, object_id=object_id,
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )


def access_log_write(
    *, user: User, action: str, object_type: str, object_id: object, ip_address: str | None = None
) -> AccessLog:
    """A read or export of personal data outside a web request (a command), attributable all the same."""
    # Whatever was searched for is kept as typed, but for NUL characters, which PostgreSQL text cannot hold.
    return AccessLog.objects.create(
        user=user, action=action, object_type=object_type, object_id=str(object_id).replace("\x00", "")[:64],
        ip_address=ip_address,
    )
