"""What every part shares: the access log that makes each read of personal data attributable, and the labels of
choices read cheaply."""

import functools
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


class ChoiceLabels(models.Model):
    """`get_FOO_display()` as Django's, without its cost. Django builds a dictionary of the field's choices for every
    call, hashing each label, so translating each (a case's state: 11 translations to show one; a country: 250):
    a page of 25 cases spent 3 ms on the states alone. Here each field's dictionary is built once per language
    (the countries' names come translated, the other labels lazy, translated when shown)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> Any:
        value = getattr(self, field.attname)
        labels = _labels(field, translation.get_language())
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


@functools.cache
def _labels(field: models.Field, language: str | None) -> dict[Any, Any]:
    return dict(make_hashable(field.flatchoices))


class AccessLog(models.Model):
    """One read or export of personal data: who, what, when, from where."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=32)
    object_type = models.CharField(_("object type"), max_length=32)
    object_id = models.CharField(_("object"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["object_type", "object_id"], name="accesslog_object")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.object_type}:{self.object_id}"


class RegisterChanges(models.Model):
    """How many changes the register has seen: one row, counted up by every write of what its figures are computed
    from (core/changes.py). A figure computed once is kept under the count it was computed at."""

    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("changes of the register")
        verbose_name_plural = _("changes of the register")

    def __str__(self) -> str:
        return str(self.count)
