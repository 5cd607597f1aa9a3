"""Persons and their identity documents.

Names are stored as written (any script); `search_name` is a derived, transliterated, case-folded copy kept by the
services so that "shevchenko" finds "Шевченко" and "Ševčenko".
"""

from __future__ import annotations

import datetime
import functools

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from homeward.core.models import ChoiceLabels
from homeward.people.names import SEARCH_NAME_MAX, latin_rendering, search_name_for


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / not stated")


class DatePrecision(models.TextChoices):
    DAY = "DAY", _("Exact date")
    YEAR = "YEAR", _("Year only")
    UNKNOWN = "UNKNOWN", _("Unknown")


@functools.cache  # read for every person shown and every form: pycountry's 7,900 languages walked once
def language_choices() -> tuple[tuple[str, str], ...]:
    """ISO 639 languages (those with a two-letter code), stored by their three-letter ISO 639-3 code."""
    return tuple(sorted(
        ((language.alpha_3, language.name) for language in pycountry.languages if hasattr(language, "alpha_2")),
        key=lambda choice: choice[1],
    ))


class Person(ChoiceLabels):
    family_name = models.CharField(_("family name"), max_length=150)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    # A year-only date of birth is stored as 1 January of that year, with its precision beside it.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    date_of_birth_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    nationality = CountryField(_("nationality"), blank=True, help_text=_("Empty for a stateless person."))
    language = models.CharField(
        _("language for counselling"), max_length=3, choices=language_choices, blank=True,
        help_text=_("The language the person is most at ease in; tells whether an interpreter is needed."),
    )
    # Searched by substring (`contains`), which a B-tree index cannot serve: no index until one that can is chosen.
    search_name = models.CharField(max_length=SEARCH_NAME_MAX, editable=False)
    # The person's reference in the system they were imported from (the exchange format's person_ref).
    # Null for persons registered here: the unique constraint (Meta) allows many nulls, not many empty strings.
    source_ref = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    # Screening keys (people/screening/index.py), derived from the names and the date of birth like search_name.
    screen_family = models.CharField(max_length=32, blank=True, editable=False)
    screen_given = models.CharField(max_length=32, blank=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # A case officer confirmed that this person is the same as another: the first of the group, for all of them.
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        verbose_name=_("same person as"), db_index=False,  # indexed where set only (Meta): almost every row is null
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["screen_family", "birth_year"], name="person_screen_family_year"),
            models.Index(fields=["screen_given", "birth_year"], name="person_screen_given_year"),
            models.Index(fields=["screen_family", "screen_given"], name="person_screen_names"),
            models.Index(fields=["same_as"], name="person_same_as", condition=models.Q(same_as__isnull=False)),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source_ref"], name="person_source_ref_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(date_of_birth__isnull=True, date_of_birth_precision="UNKNOWN")
                    | models.Q(date_of_birth__isnull=False, date_of_birth_precision__in=["DAY", "YEAR"])
                ),
                name="person_date_of_birth_precision_consistent",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def derived_refresh(self) -> None:
        """Bring the search name and the screening keys in step with the names and the date of birth."""
        from homeward.people.screening.index import screen_keys

        self.search_name = search_name_for(family_name=self.family_name, given_names=self.given_names)
        self.screen_family, self.screen_given, self.birth_year = screen_keys(
            self.family_name, self.given_names, self.date_of_birth, self.date_of_birth_precision
        )

    @property
    def identity_id(self) -> int:
        """The first person of the group confirmed to be one person (this one if none)."""
        return self.same_as_id or self.pk

    @property
    def full_name(self) -> str:
        # Not upper-cased: Georgian has capitals that are never used in names and most fonts lack.
        return f"{self.family_name}, {self.given_names}" if self.given_names else self.family_name

    @property
    def full_name_in_latin(self) -> str:
        """The name transliterated to Latin letters, for staff who do not read the script; empty if already Latin."""
        return latin_rendering(self.full_name)

    @property
    def label(self) -> str:
        """The name with the date of birth, to tell apart two children of the same name."""
        born = self.date_of_birth_display
        return f"{self.full_name} ({born})" if born else self.full_name

    @property
    def date_of_birth_display(self) -> str:
        if self.date_of_birth is None:
            return ""
        if self.date_of_birth_precision == DatePrecision.YEAR:
            return str(self.date_of_birth.year)
        return self.date_of_birth.isoformat()

    def age_on(self, day: datetime.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class DocumentType(models.TextChoices):
    PASSPORT = "PASSPORT", _("Passport")
    NATIONAL_ID = "NATIONAL_ID", _("National identity card")
    TRAVEL_DOCUMENT = "TRAVEL_DOCUMENT", _("Travel document (laissez-passer)")
    BIRTH_CERTIFICATE = "BIRTH_CERTIFICATE", _("Birth certificate")
    RESIDENCE_CARD = "RESIDENCE_CARD", _("Residence or registration card")
    OTHER = "OTHER", _("Other document")


class IdentityDocument(ChoiceLabels):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("document type"), max_length=24, choices=DocumentType.choices)
    number = models.CharField(_("document number"), max_length=64)
    issuing_country = CountryField(_("issuing country"), blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        indexes = [models.Index(fields=["number"], name="identitydocument_number")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number}"
