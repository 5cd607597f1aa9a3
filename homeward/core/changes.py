"""Counting the register's changes, so that a figure computed from it (the year report) can be kept until it changes.

The count is one row. A write of what the figures are computed from (cases, their members and support, the
organisations and programmes they point to) counts itself up in its own transaction, at its end: the change and the
count are committed together, and a concurrent write waits on the row only until that commit. A reader takes the
count before it computes: whatever it computed is at least as new as that count, and any change committed afterwards
comes with a higher count, under which nothing is kept yet. (Counted after the commit instead, a crash between the
two would leave a stale figure kept for good.)
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from homeward.core.models import RegisterChanges

ONLY = 1  # the row's key (migration core 0003 writes it)


def register_changed() -> None:
    """Count a change of the register. Call it as the last write of the transaction that makes the change."""
    if RegisterChanges.objects.filter(pk=ONLY).update(count=F("count") + 1):
        return
    try:  # a database emptied by hand (a test's flush): the row again
        with transaction.atomic():
            RegisterChanges.objects.create(pk=ONLY, count=1)
    except IntegrityError:  # written meanwhile by another change: count on it
        RegisterChanges.objects.filter(pk=ONLY).update(count=F("count") + 1)


def register_changes() -> int:
    """The count of changes so far, as committed."""
    return RegisterChanges.objects.filter(pk=ONLY).values_list("count", flat=True).first() or 0
