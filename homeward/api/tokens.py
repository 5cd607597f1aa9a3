"""Creating, checking and revoking API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.api.models import ApiToken
from homeward.core.errors import DomainError
from homeward.organisations.models import User

PREFIX = "hw_"
MAX_DAYS = 365
LAST_USED_EVERY = datetime.timedelta(minutes=5)  # last use is written at most this often: no write per request


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and its secret, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name that says what it is for."))
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(_("A token lives from 1 to %(days)s days.") % {"days": MAX_DAYS})
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=_hash(raw), prefix=raw[:10],
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return token, raw


def token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise DomainError(_("There is no such token of yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_user(raw: str) -> User | None:
    """The active user behind a usable token; None for anything else (unknown, revoked, expired)."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(raw)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
