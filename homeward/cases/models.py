"""Applications for assisted voluntary return: the household, its state in the workflow, and its history."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from homeward.core.models import ChoiceLabels
from homeward.organisations.models import Organisation, Programme
from homeward.people.models import Person


class CaseState(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    REGISTERED = "REGISTERED", _("Registered")
    UNDER_REVIEW = "UNDER_REVIEW", _("Under review")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")
    TRAVEL_PREPARATION = "TRAVEL_PREPARATION", _("Travel preparation")
    BOOKED = "BOOKED", _("Booked")
    DEPARTED = "DEPARTED", _("Departed")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    NO_SHOW = "NO_SHOW", _("No-show")
    CLOSED = "CLOSED", _("Closed")


class ReabCategory(models.TextChoices):
    ASYLUM_WITHDRAWN = "ASYLUM_WITHDRAWN", _("A – asylum application withdrawn")
    ASYLUM_REJECTED = "ASYLUM_REJECTED", _("B – asylum application rejected")
    NON_ASYLUM = "NON_ASYLUM", _("C – other migrant (no asylum application)")


class AvrrlStatus(models.TextChoices):
    ASYLUM_SEEKER = "ASYLUM_SEEKER", _("Asylum seeker")
    ASYLUM_REJECTED = "ASYLUM_REJECTED", _("Rejected asylum seeker")
    IRREGULAR_MIGRANT = "IRREGULAR_MIGRANT", _("Irregular migrant")


class Case(ChoiceLabels):
    # Unique through Meta.constraints rather than unique=True: the field option adds a second, pattern-matching
    # index that no query uses and every import pays for (docs/architecture.md, "Indexes").
    reference = models.CharField(_("reference"), max_length=16, editable=False)
    # The case's reference in the system it was imported from (the exchange format's case_ref).
    # Null, not empty, for cases born here: the unique constraint (Meta) allows many nulls, not many empty strings.
    source_ref = models.CharField(  # noqa: DJ001
        _("reference in the source system"), max_length=64, null=True, blank=True, editable=False
    )
    # No index of its own: two programmes, and the year report filters by date first.
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT, db_index=False)
    # Served by the case_partner_state index, which starts with it.
    referring_partner = models.ForeignKey(
        Organisation, verbose_name=_("referring partner"), on_delete=models.PROTECT, related_name="referred_cases",
        db_index=False,
    )
    reab_category = models.CharField(
        _("REAB category"), max_length=24, choices=ReabCategory.choices, blank=True
    )
    avrrl_status = models.CharField(
        _("status in Luxembourg"), max_length=24, choices=AvrrlStatus.choices, blank=True,
        help_text=_("AVRRL applications only."),
    )
    destination = CountryField(_("country of return"))
    has_means_to_return = models.BooleanField(
        _("has the means to return"), default=False,
        help_text=_("The household could pay for its own return (REAB helps only those who cannot)."),
    )
    state = models.CharField(
        _("state"), max_length=24, choices=CaseState.choices, default=CaseState.DRAFT, editable=False
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True, editable=False)
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    departed_on = models.DateField(_("departed on"), null=True, blank=True, editable=False)
    notes = models.TextField(_("counsellor's notes"), blank=True, max_length=5000)
    # The household's names as the name search reads them: each member's Person.search_name, joined by NAMES_APART.
    # Derived, kept by case_household_refresh (services) and by the importer; one row to read per case, not its members
    # and their persons (docs/architecture.md, "At the size of a large agency").
    search_names = models.TextField(blank=True, default="", editable=False)
    # The household's size, derived and kept with search_names: the case list and the year report read it on the case
    # row instead of counting members.
    persons = models.PositiveIntegerField(_("persons"), default=0, editable=False)
    # The kinds of reintegration support the household received, as the year report groups its departed persons by
    # them (SupportFlags: any, microbusiness, medical). Derived from ReintegrationSupport, kept by
    # case_support_set (services) and by the importer; one column to read per case, not its support rows.
    support_flags = models.PositiveSmallIntegerField(default=0, db_default=0, editable=False)
    # Optimistic locking: every save through the services bumps it; a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["state", "updated_at"], name="case_state_updated"),
            models.Index(fields=["referring_partner", "state"], name="case_partner_state"),
            # A partner's list, newest change first, without walking the whole register's (docs/architecture.md).
            models.Index(fields=["referring_partner", "updated_at"], name="case_partner_updated"),
            models.Index(fields=["destination", "state"], name="case_destination_state"),
            # The year report's registered persons of a year, read from the index alone (docs/architecture.md).
            models.Index(fields=["registered_on"], include=["programme", "referring_partner", "persons"],
                         name="case_registered_on"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="case_reference_unique"),
            models.UniqueConstraint(fields=["source_ref"], name="case_source_ref_unique"),
        ]

    def __str__(self) -> str:
        return self.reference


class Relation(models.TextChoices):
    PRINCIPAL = "PRINCIPAL", _("Principal applicant")
    SPOUSE = "SPOUSE", _("Spouse or partner")
    CHILD = "CHILD", _("Child")
    PARENT = "PARENT", _("Parent")
    SIBLING = "SIBLING", _("Brother or sister")
    OTHER_RELATIVE = "OTHER_RELATIVE", _("Other relative")
    OTHER = "OTHER", _("Other")
    NOT_RECORDED = "NOT_RECORDED", _("Not recorded")


class MemberOutcome(models.TextChoices):
    PENDING = "PENDING", _("Not departed yet")
    DEPARTED = "DEPARTED", _("Departed")
    STAYED = "STAYED", _("Stayed behind")


class CaseMember(ChoiceLabels):
    """A person in a household: the principal applicant or a member, with their own departure outcome."""

    case = models.ForeignKey(  # indexed by person_once_per_case, which starts with it
        Case, on_delete=models.CASCADE, related_name="members", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relation = models.CharField(_("relation to the principal"), max_length=16, choices=Relation.choices)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=MemberOutcome.choices, default=MemberOutcome.PENDING
    )
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    recognised_refugee = models.BooleanField(_("recognised refugee"), default=False)
    uam_identified_before_18 = models.BooleanField(
        _("identified as an unaccompanied minor in Belgium before 18"), default=False
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["position", "id"]
        indexes = [
            # The year report's departed persons of a year (docs/architecture.md).
            models.Index(fields=["departed_on"], include=["case"], condition=models.Q(outcome="DEPARTED"),
                         name="member_departed_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(relation="PRINCIPAL"), name="one_principal_per_case"
            ),
            models.UniqueConstraint(fields=["case", "person"], name="person_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()})"

    @property
    def is_principal(self) -> bool:
        return self.relation == Relation.PRINCIPAL


class Vulnerability(models.TextChoices):
    UNACCOMPANIED_MINOR = "UNACCOMPANIED_MINOR", _("Unaccompanied minor")
    MEDICAL_NEED = "MEDICAL_NEED", _("Medical need")
    VICTIM_OF_TRAFFICKING = "VICTIM_OF_TRAFFICKING", _("Victim of trafficking")
    SINGLE_PARENT = "SINGLE_PARENT", _("Single parent")
    ELDERLY = "ELDERLY", _("Elderly person")
    DISABILITY = "DISABILITY", _("Disability")
    PREGNANCY = "PREGNANCY", _("Pregnancy")
    UNSPECIFIED = "UNSPECIFIED", _("Vulnerable (kind not recorded)")


class MemberVulnerability(ChoiceLabels):
    member = models.ForeignKey(  # indexed by unique_member_vulnerability, which starts with it
        CaseMember, on_delete=models.CASCADE, related_name="vulnerabilities", db_index=False
    )
    kind = models.CharField(_("vulnerability"), max_length=32, choices=Vulnerability.choices)

    class Meta:
        verbose_name = _("vulnerability")
        verbose_name_plural = _("vulnerabilities")
        constraints = [models.UniqueConstraint(fields=["member", "kind"], name="unique_member_vulnerability")]

    def __str__(self) -> str:
        return self.get_kind_display()


class CaseEventKind(models.TextChoices):
    TRANSITION = "TRANSITION", _("State changed")
    EDIT = "EDIT", _("Edited")
    OVERRIDE = "OVERRIDE", _("Eligibility overridden")
    IMPORT = "IMPORT", _("Imported")
    SCREENING = "SCREENING", _("Screening reviewed")


class CaseEvent(ChoiceLabels):
    """The case's history: who did what, when, from which state to which, and why. Never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=CaseEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    from_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class ReintegrationKind(models.TextChoices):
    MICROBUSINESS = "MICROBUSINESS", _("Microbusiness")
    EDUCATION = "EDUCATION", _("Vocational training and education")
    HOUSING = "HOUSING", _("Temporary accommodation")
    MEDICAL = "MEDICAL", _("Medical expenses")
    WAGE_SUBSIDY = "WAGE_SUBSIDY", _("Wage subsidy")
    JOB_PLACEMENT = "JOB_PLACEMENT", _("Job placement")


class SupportFlags(enum.IntFlag):
    """What Case.support_flags records of a household's reintegration support: the breakdowns of the year report."""

    MICROBUSINESS = 1
    MEDICAL = 2
    ANY = 4  # some support, of whatever kind


def support_flags_of(kinds: Iterable[str]) -> int:
    """Case.support_flags for a household that received these kinds of support (ReintegrationKind values)."""
    kinds = set(kinds)
    if not kinds:
        return 0
    flags = SupportFlags.ANY
    if ReintegrationKind.MICROBUSINESS in kinds:
        flags |= SupportFlags.MICROBUSINESS
    if ReintegrationKind.MEDICAL in kinds:
        flags |= SupportFlags.MEDICAL
    return int(flags)


class ReintegrationSupport(ChoiceLabels):
    """A kind of reintegration support the household received (the reintegration part will plan and follow it)."""

    case = models.ForeignKey(  # indexed by unique_case_reintegration_kind, which starts with it
        Case, on_delete=models.CASCADE, related_name="reintegration", db_index=False
    )
    kind = models.CharField(_("kind of support"), max_length=16, choices=ReintegrationKind.choices)

    class Meta:
        verbose_name = _("reintegration support")
        verbose_name_plural = _("reintegration support")
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="unique_case_reintegration_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class CandidateKind(models.TextChoices):
    PRIOR_RETURN = "PRIOR_RETURN", _("Possible earlier REAB return within five years")
    DUPLICATE_APPLICATION = "DUPLICATE_APPLICATION", _("Possible duplicate of an open application")


class CandidateStatus(models.TextChoices):
    OPEN = "OPEN", _("To review")
    CONFIRMED = "CONFIRMED", _("Confirmed: the same person")
    DISMISSED = "DISMISSED", _("Dismissed: a different person")


class ScreeningCandidate(ChoiceLabels):
    """A person of the register that screening found may be a household member of this case, for an officer to
    confirm or dismiss. A dismissal is remembered: the same pair is not put forward again."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screening_candidates", db_index=False)
    member = models.ForeignKey(CaseMember, on_delete=models.CASCADE, related_name="screening_candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=CandidateKind.choices)
    score = models.FloatField()
    band = models.CharField(max_length=8)
    why = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("screening candidate")
        verbose_name_plural = _("screening candidates")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "member", "person", "other_case"], name="screening_candidate_once")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()} {self.score:.2f}"
