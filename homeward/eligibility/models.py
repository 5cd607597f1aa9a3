"""Rule versions, eligibility decisions, officers' overrides and reimbursements of earlier departures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from homeward.cases.models import Case, CaseMember
from homeward.core.models import ChoiceLabels
from homeward.eligibility.reasons import SUPPORT_LABELS


class RuleVersionStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    PUBLISHED = "PUBLISHED", _("Published")
    DISCARDED = "DISCARDED", _("Discarded")


class RuleVersion(ChoiceLabels):
    """One version of the rule data. Published versions are never changed: a change is a new version."""

    number = models.PositiveIntegerField(_("version"), unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RuleVersionStatus.choices)
    data = models.JSONField(_("rule data"))
    note = models.TextField(_("what changes and why"), blank=True, max_length=4000)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="DRAFT"), name="one_rule_draft_at_a_time"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number}" if self.number else str(_("draft"))


SUPPORT_CHOICES = [(key, label) for key, label in SUPPORT_LABELS.items()]


class Decision(models.Model):
    """What the rules said for each person of a case on a date, with the facts used: read as it was taken."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="decisions")
    decision_date = models.DateField(_("decision date"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    # [{"member_id", "person", "facts": {...}, "outcomes": {support: {"eligible", "reasons": [...]}}}]
    evaluations = models.JSONField()

    class Meta:
        verbose_name = _("eligibility decision")
        verbose_name_plural = _("eligibility decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} {self.decision_date} ({self.rule_version})"


class Override(ChoiceLabels):
    """An officer's justified decision to grant what the rules refused, for one person and one kind of support."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="overrides")
    member = models.ForeignKey(CaseMember, on_delete=models.CASCADE, related_name="overrides")
    support = models.CharField(_("support"), max_length=32, choices=SUPPORT_CHOICES)
    justification = models.TextField(_("justification"), max_length=4000)
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    refused_reasons = models.JSONField(default=list)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("override")
        verbose_name_plural = _("overrides")
        constraints = [
            models.UniqueConstraint(fields=["member", "support"], name="one_override_per_member_and_support")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.support}"


class Reimbursement(models.Model):
    """The costs of an earlier departure paid back: that departure no longer bars a new application."""

    member = models.ForeignKey(CaseMember, on_delete=models.PROTECT, related_name="reimbursements")
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    reimbursed_on = models.DateField(_("reimbursed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reimbursement")
        verbose_name_plural = _("reimbursements")

    def __str__(self) -> str:
        return f"{self.member} {self.amount} EUR {self.reimbursed_on}"
