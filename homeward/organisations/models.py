"""Organisations (partners, the country office, offices abroad, donors), programmes, users and their roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from homeward.core.models import ChoiceLabels


class OrganisationType(models.TextChoices):
    # The codes of the referring partners are the exchange format's `partner_type` values.
    NGO = "NGO", _("Non-governmental organisation")
    FEDASIL_CENTRE = "FEDASIL_CENTRE", _("Fedasil reception centre")
    RED_CROSS_CENTRE = "RED_CROSS_CENTRE", _("Red Cross centre")
    CITY = "CITY", _("City social service")
    IMMIGRATION_OFFICE = "IMMIGRATION_OFFICE", _("Immigration Office")
    COUNTRY_OFFICE = "COUNTRY_OFFICE", _("Country office")
    OFFICE_ABROAD = "OFFICE_ABROAD", _("Office in a country of return")
    DONOR = "DONOR", _("Donor")


# Organisations that may refer an application. The country office refers too: people open files at its desk.
REFERRING_TYPES = frozenset(
    {
        OrganisationType.NGO,
        OrganisationType.FEDASIL_CENTRE,
        OrganisationType.RED_CROSS_CENTRE,
        OrganisationType.CITY,
        OrganisationType.IMMIGRATION_OFFICE,
        OrganisationType.COUNTRY_OFFICE,
    }
)


class Organisation(ChoiceLabels):
    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    country = CountryField(
        _("country"), help_text=_("Where the organisation works; for an office abroad, the country it serves.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def refers_cases(self) -> bool:
        return self.type in REFERRING_TYPES


class Programme(ChoiceLabels):
    """A return programme (REAB, AVRRL): who runs it for whom, and which donor manages it."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    host_country = CountryField(_("host country"), help_text=_("The country people return from."))
    managed_by = models.ForeignKey(
        Organisation,
        verbose_name=_("managed by"),
        on_delete=models.PROTECT,
        related_name="managed_programmes",
        null=True,
        blank=True,
    )
    uses_reab_categories = models.BooleanField(
        _("uses REAB categories"),
        default=False,
        help_text=_("Applications state whether asylum was withdrawn, rejected or never requested."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Role(models.TextChoices):
    PARTNER_COUNSELLOR = "PARTNER_COUNSELLOR", _("Partner counsellor")
    CASE_OFFICER = "CASE_OFFICER", _("Case officer")
    MOVEMENT_OFFICER = "MOVEMENT_OFFICER", _("Movement officer")
    REINTEGRATION_OFFICER = "REINTEGRATION_OFFICER", _("Reintegration officer")
    OFFICE_ABROAD = "OFFICE_ABROAD", _("Office abroad")
    PROGRAMME_MANAGER = "PROGRAMME_MANAGER", _("Programme manager")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")


# Which organisation a role belongs in: a case officer works at the country office, a counsellor at a partner.
ROLE_ORGANISATION_TYPES: dict[str, frozenset[str]] = {
    Role.PARTNER_COUNSELLOR: REFERRING_TYPES - {OrganisationType.COUNTRY_OFFICE},
    Role.CASE_OFFICER: frozenset({OrganisationType.COUNTRY_OFFICE}),
    Role.MOVEMENT_OFFICER: frozenset({OrganisationType.COUNTRY_OFFICE}),
    Role.REINTEGRATION_OFFICER: frozenset({OrganisationType.COUNTRY_OFFICE}),
    Role.OFFICE_ABROAD: frozenset({OrganisationType.OFFICE_ABROAD}),
    Role.PROGRAMME_MANAGER: frozenset({OrganisationType.DONOR}),
    Role.ADMINISTRATOR: frozenset({OrganisationType.COUNTRY_OFFICE}),
}

COUNTRY_OFFICE_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.MOVEMENT_OFFICER, Role.REINTEGRATION_OFFICER, Role.ADMINISTRATOR}
)


def role_fits(role: str, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.type in ROLE_ORGANISATION_TYPES.get(role, frozenset())


class User(AbstractUser):
    """A person who logs in. Belongs to exactly one organisation; what they see follows from it and their roles."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def role_set(self) -> frozenset[str]:
        # Cached on the instance: a request asks several times and the roles do not change within it.
        cached = self.__dict__.get("_role_set")
        if cached is None:
            cached = frozenset(self.roles.values_list("role", flat=True)) if self.pk else frozenset()
            self.__dict__["_role_set"] = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @property
    def is_country_office_staff(self) -> bool:
        return self.has_role(*COUNTRY_OFFICE_ROLES)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class UserRole(ChoiceLabels):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self) -> str:
        return self.get_role_display()

    def clean(self) -> None:
        # Checked here too so that the administration pages cannot give a role that does not fit.
        if self.user_id and not role_fits(self.role, self.user.organisation):
            raise ValidationError(
                _("The role %(role)s does not fit the user's organisation.") % {"role": self.get_role_display()}
            )
