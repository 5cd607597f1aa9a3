"""The case list's search, filters and sorting. Choices offered are limited to what the user can see."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from homeward.cases.forms import country_choices
from homeward.cases.models import Case, CaseState, ReabCategory
from homeward.cases.selectors import case_search
from homeward.cases.workflow import states_waiting_on
from homeward.organisations.models import REFERRING_TYPES, Organisation, OrganisationType, Programme, User

# The exchange format's partner types: the referring organisation types, with the country office as "IOM".
PARTNER_TYPE_CHOICES = [
    ("IOM" if value == OrganisationType.COUNTRY_OFFICE else value, label)
    for value, label in OrganisationType.choices
    if value in REFERRING_TYPES
]

SORTS = {
    "updated": ("-updated_at", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "registered": ("registered_on", "id"),
    "-registered": ("-registered_on", "-id"),
    "principal": ("principal_name", "id"),
    "-principal": ("-principal_name", "-id"),
    "destination": ("destination", "id"),
    "state": ("state", "-updated_at"),
}
SORT_LABELS = {
    "updated": _("Recently changed"),
    "reference": _("Reference"),
    "-reference": _("Reference, descending"),
    "-registered": _("Newest registrations"),
    "registered": _("Oldest registrations"),
    "principal": _("Principal applicant (A–Z)"),
    "-principal": _("Principal applicant (Z–A)"),
    "destination": _("Country of return"),
    "state": _("State"),
}


def _destinations() -> list[tuple[str, str]]:
    return country_choices("")[1:]


class CaseFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=CaseState.choices, empty_label=_("Any state"))
    waiting = django_filters.BooleanFilter(
        label=_("Waiting for me"), method="filter_waiting", widget=forms.CheckboxInput
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all(), empty_label=_("Any programme")
    )
    referring_partner = django_filters.ModelChoiceFilter(
        label=_("Referring partner"), queryset=Organisation.objects.none(), empty_label=_("Any partner")
    )
    destination = django_filters.ChoiceFilter(label=_("Country of return"), choices=[], empty_label=_("Any country"))
    registered_from = django_filters.DateFilter(
        label=_("Registered from"), field_name="registered_on", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    registered_to = django_filters.DateFilter(
        label=_("Registered until"), field_name="registered_on", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    departed_from = django_filters.DateFilter(
        label=_("Departed from"), field_name="departed_on", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    departed_to = django_filters.DateFilter(
        label=_("Departed until"), field_name="departed_on", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # Reached from the year report's figures; not on the filter form.
    reab_category = django_filters.ChoiceFilter(choices=ReabCategory.choices)
    partner_type = django_filters.ChoiceFilter(choices=PARTNER_TYPE_CHOICES, method="filter_partner_type")
    q = django_filters.CharFilter(label=_("Name or reference"), method="filter_search")
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=list(SORT_LABELS.items()), method="filter_sort", empty_label=None
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        partners = Organisation.objects.filter(type__in=REFERRING_TYPES)
        if not user.is_country_office_staff:
            partners = partners.filter(pk__in=self.queryset.values("referring_partner"))
        self.filters["referring_partner"].queryset = partners
        # A callable: the form's fields are deep-copied for every request, the 250 countries with them otherwise.
        self.filters["destination"].extra["choices"] = _destinations

    def form_key(self, *, partners_shown: bool) -> tuple[Any, ...]:
        """Everything the filter form's HTML depends on besides the language and what the page shows: what was
        asked for, and the programmes and partners offered (their names as they stand now), so that a form drawn
        once can be drawn again from the cache for as long as this key is the same. Not the search (drawn apart,
        each time): a searched name is not kept, and searches do not crowd the cache."""
        asked = (tuple((name, tuple(self.data.getlist(name))) for name in self.form.fields if name != "q")
                 if self.is_bound else ())
        offered = [self.filters["programme"].queryset]
        if partners_shown:
            offered.append(self.filters["referring_partner"].queryset)
        return (asked, *(tuple((item.pk, str(item)) for item in queryset) for queryset in offered))

    def filter_search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return case_search(queryset, value)

    def filter_waiting(self, queryset: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        return queryset.filter(state__in=states_waiting_on(self.user.role_set)) if value else queryset

    def filter_partner_type(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.filter(referring_partner__type=OrganisationType.COUNTRY_OFFICE if value == "IOM" else value)

    def filter_sort(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.order_by(*SORTS.get(value, SORTS["updated"]))
