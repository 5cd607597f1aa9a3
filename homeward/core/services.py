"""Shared writes: recording who read what."""

from typing import cast

from django.http import HttpRequest

from homeward.core.models import AccessLog
from homeward.organisations.models import User


def access_record(*, request: HttpRequest, action: str, object_type: str, object_id: object) -> AccessLog:
    return AccessLog.objects.create(
        user=cast(User, request.user),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
