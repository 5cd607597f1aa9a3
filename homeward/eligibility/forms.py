"""Forms for overrides, reimbursements and rule changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.cases.forms import HomewardForm
from homeward.eligibility.reasons import SUPPORT_LABELS


class OverrideForm(HomewardForm):
    member_id = forms.IntegerField(widget=forms.HiddenInput)
    support = forms.ChoiceField(choices=list(SUPPORT_LABELS.items()), widget=forms.HiddenInput)
    justification = forms.CharField(
        label=_("Justification (kept for audit)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReimbursementForm(HomewardForm):
    member_id = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(label=_("Amount (EUR)"), max_digits=10, decimal_places=2, min_value=0.01)
    reimbursed_on = forms.DateField(label=_("Reimbursed on"), widget=forms.DateInput(attrs={"type": "date"}))


class CountryPeriodForm(HomewardForm):
    # A two-letter code with a shared <datalist> of names: a select of 250 countries on each of a hundred rows
    # would make the page megabytes long and slow to render.
    country = forms.CharField(
        label=_("Country"), max_length=2, required=False,
        widget=forms.TextInput(attrs={"list": "country-codes", "size": 4, "autocomplete": "off"}),
    )
    starts = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label=_("Until (included)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].strip().upper()
        if code and code not in dict(countries):
            raise forms.ValidationError(_("%(code)s is not an ISO 3166-1 country code.") % {"code": code})
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("country") and (cleaned.get("starts") or cleaned.get("ends")):
            self.add_error("country", _("Give the country of this period."))
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The period ends before it starts."))
        return cleaned


CountryPeriodFormSet = formset_factory(CountryPeriodForm, extra=1, can_delete=True, max_num=400, absolute_max=400)


class ProjectForm(HomewardForm):
    starts = forms.DateField(label=_("Runs from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label=_("Until (included)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    destinations = forms.CharField(
        label=_("Countries of return"), required=False, max_length=200,
        help_text=_("ISO codes separated by spaces, e.g. XK IQ AM; empty for any."),
    )
    nationalities = forms.CharField(
        label=_("Nationalities"), required=False, max_length=200, help_text=_("ISO codes; empty for any.")
    )

    def _codes(self, name: str) -> list[str]:
        codes = self.cleaned_data[name].upper().split()
        unknown = [code for code in codes if code not in dict(countries)]
        if unknown:
            raise forms.ValidationError(_("Unknown country codes: %(codes)s") % {"codes": " ".join(unknown)})
        return sorted(set(codes))

    def clean_destinations(self) -> list[str]:
        return self._codes("destinations")

    def clean_nationalities(self) -> list[str]:
        return self._codes("nationalities")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("starts") and cleaned.get("ends") and cleaned["ends"] < cleaned["starts"]:
            self.add_error("ends", _("The project ends before it starts."))
        return cleaned


class RuleSettingsForm(HomewardForm):
    grant_visa_criterion_from = forms.DateField(
        label=_("No grant for visa-free nationals from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reab_bar_years = forms.IntegerField(label=_("Years before a new REAB application"), min_value=0, max_value=20)
    uam_max_age = forms.IntegerField(label=_("Age limit of the Moroccan minors project"), min_value=0, max_value=30)
    note = forms.CharField(
        label=_("What changes and why"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
