"""Forms for registering and editing a household's application. They parse and check input; services decide."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.forms import formset_factory
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.cases.models import AvrrlStatus, ReabCategory, Relation, Vulnerability
from homeward.cases.services import MAX_HOUSEHOLD, MemberData
from homeward.organisations.models import REFERRING_TYPES, Organisation, Programme, Role, User
from homeward.people.dates import date_of_birth_parse
from homeward.people.models import DocumentType, Sex, language_choices
from homeward.people.services import PersonData

_COUNTRY_ERRORS = {"invalid_choice": _("Choose a country from the list."), "required": _("Choose a country.")}
# A nationality must be chosen on purpose: an untouched field must not silently record a stateless person.
STATELESS = "STATELESS"


def country_choices(blank_label: str) -> list[tuple[str, str]]:
    return [("", blank_label), *_countries_named(translation.get_language())]


@functools.lru_cache(maxsize=16)
def _countries_named(language: str | None) -> tuple[tuple[str, str], ...]:
    """The countries by their names in `language` (the active one), in its alphabetical order: translated and
    sorted once per language, not for every select drawn."""
    return tuple((code, str(name)) for code, name in countries)


class HomewardForm(forms.Form):
    """Labels without Django's trailing colon, as everywhere else in Homeward."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MemberForm(HomewardForm):
    """One person of the household. The principal's form has no relation field: it is always the principal."""

    member_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=150)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices])
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("1985-03-11, 11/03/1985, or the year alone; empty if unknown."),
        widget=forms.TextInput(attrs={"placeholder": _("YYYY-MM-DD or YYYY"), "inputmode": "numeric"}),
    )
    nationality = forms.ChoiceField(label=_("Nationality"), error_messages=_COUNTRY_ERRORS)
    relation = forms.ChoiceField(
        label=_("Relation to the principal"),
        choices=[("", "—"), *((value, label) for value, label in Relation.choices if value != Relation.PRINCIPAL)],
    )
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"), choices=Vulnerability.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language for counselling"), required=False)
    recognised_refugee = forms.BooleanField(label=_("Recognised refugee"), required=False)
    uam_identified_before_18 = forms.BooleanField(
        label=_("Identified as an unaccompanied minor in Belgium before 18"), required=False
    )
    document_type = forms.ChoiceField(
        label=_("Identity document"), choices=[("", _("None")), *DocumentType.choices], required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)

    def __init__(self, *args: Any, is_principal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_principal = is_principal
        cast(forms.ChoiceField, self.fields["nationality"]).choices = [
            ("", "—"), (STATELESS, _("Stateless or unknown")), *country_choices("")[1:]
        ]
        cast(forms.ChoiceField, self.fields["language"]).choices = [("", "—"), *language_choices()]
        if is_principal:
            del self.fields["relation"]

    def clean_date_of_birth(self) -> tuple:
        try:
            return date_of_birth_parse(self.cleaned_data["date_of_birth"], today=timezone.localdate())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("document_type")) != bool((cleaned.get("document_number") or "").strip()):
            self.add_error("document_number", _("Give both the type and the number of the document, or neither."))
        return cleaned

    def member_data(self) -> MemberData:
        data = self.cleaned_data
        date_of_birth, precision = data["date_of_birth"]
        return MemberData(
            person=PersonData(
                family_name=data["family_name"],
                given_names=data["given_names"],
                sex=data["sex"],
                date_of_birth=date_of_birth,
                date_of_birth_precision=precision,
                nationality="" if data["nationality"] == STATELESS else data["nationality"],
                language=data["language"],
                document_type=data["document_type"],
                document_number=data["document_number"],
            ),
            relation=Relation.PRINCIPAL if self.is_principal else data["relation"],
            vulnerabilities=frozenset(data["vulnerabilities"]),
            member_id=data.get("member_id"),
            recognised_refugee=data["recognised_refugee"],
            uam_identified_before_18=data["uam_identified_before_18"],
        )


class BaseMemberFormSet(forms.BaseFormSet):
    def member_data(self) -> list[MemberData]:
        # A blank row beyond the initial ones is skipped by Django's validation; skip it here too.
        return [form.member_data() for form in self.forms if form.cleaned_data]


MemberFormSet = formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    extra=0,
    max_num=MAX_HOUSEHOLD - 1,
    validate_max=True,
    # Without it Django builds up to 1,000 forms more for a forged row count: a cheap way to load the server.
    absolute_max=MAX_HOUSEHOLD - 1,
)


class CaseForm(HomewardForm):
    """The case-level fields. Programme and referring partner are chosen at registration and then fixed."""

    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label="—"
    )
    referring_partner = forms.ModelChoiceField(label=_("Referring partner"), queryset=Organisation.objects.none())
    reab_category = forms.ChoiceField(
        label=_("REAB category"),
        choices=[("", "—"), *ReabCategory.choices],
        help_text=_("REAB applications only; leave empty for AVRRL."),
        required=False,
    )
    avrrl_status = forms.ChoiceField(
        label=_("Status in Luxembourg"), choices=[("", "—"), *AvrrlStatus.choices], required=False,
        help_text=_("AVRRL applications only."),
    )
    destination = forms.ChoiceField(label=_("Country of return"), error_messages=_COUNTRY_ERRORS)
    has_means_to_return = forms.BooleanField(
        label=_("The household has the means to pay for its own return"), required=False
    )
    notes = forms.CharField(label=_("Notes for the country office"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, programme: Programme | None = None, **kwargs: Any) -> None:
        """With `programme`, the form edits a registered case: programme and partner stay as they are."""
        super().__init__(*args, **kwargs)
        self.fixed_programme = programme
        cast(forms.ChoiceField, self.fields["destination"]).choices = country_choices("—")
        if programme is not None:
            del self.fields["programme"]
            del self.fields["referring_partner"]
            return
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = Programme.objects.filter(is_active=True)
        partners = Organisation.objects.filter(is_active=True, type__in=REFERRING_TYPES)
        if not user.has_role(Role.CASE_OFFICER):
            partners = partners.filter(pk=user.organisation_id or 0)
            self.fields["referring_partner"].initial = user.organisation_id
            self.fields["referring_partner"].disabled = True
        cast(forms.ModelChoiceField, self.fields["referring_partner"]).queryset = partners

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        programme = self.fixed_programme or cleaned.get("programme")
        category = cleaned.get("reab_category")
        if programme is not None:
            if programme.uses_reab_categories and not category and "reab_category" not in self.errors:
                self.add_error("reab_category", _("Choose the REAB category."))
            elif not programme.uses_reab_categories and category:
                self.add_error("reab_category", _("The %(code)s programme has no REAB categories.")
                               % {"code": programme.code})
            if programme.uses_reab_categories and cleaned.get("avrrl_status"):
                self.add_error("avrrl_status", _("A status in Luxembourg is for AVRRL applications only."))
        return cleaned


class TransitionForm(forms.Form):
    to_state = forms.CharField(max_length=24)
    version = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    departed_on = forms.DateField(label=_("Date of departure"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    departing = forms.TypedMultipleChoiceField(label=_("Who departed"), coerce=int, required=False)

    def __init__(self, *args: Any, member_choices: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["departing"]).choices = list(member_choices)
