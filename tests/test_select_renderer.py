"""Selects drawn in Python (core/forms.py) are Django's own markup, whitespace aside."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from homeward.cases.forms import country_choices
from homeward.core.forms import QuickSelectRenderer


class _Form(forms.Form):
    country = forms.ChoiceField(choices=country_choices(""), required=False)
    grouped = forms.ChoiceField(choices=[("", "—"), ("x", "X & <y>"), ("Group", [("g1", "G1"), ("g2", 'G"2')])])
    several = forms.MultipleChoiceField(choices=[("1", "one"), ("2", "two")])
    yes_no = forms.NullBooleanField()
    note = forms.CharField(required=False)


def _tidy(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("data", [{"country": "UA", "grouped": "g2", "several": ["1", "2"], "yes_no": "true"}, {}])
@pytest.mark.parametrize("field", ["country", "grouped", "several", "yes_no", "note"])
def test_a_select_is_the_same_html_as_djangos(data, field):
    theirs = _Form(data, renderer=DjangoTemplates())[field]
    ours = _Form(data, renderer=QuickSelectRenderer())[field]

    assert _tidy(str(ours)) == _tidy(str(theirs))


def test_the_text_of_an_option_is_escaped():
    html = str(_Form({}, renderer=QuickSelectRenderer())["grouped"])

    assert "X &amp; &lt;y&gt;" in html
    assert 'G&quot;2' in html


class _CountryForm(forms.Form):
    country = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, renderer=QuickSelectRenderer(), **kwargs)
        self.fields["country"].choices = country_choices("")  # in the language of the request, as the forms do


def test_a_select_drawn_again_shows_its_own_choice_and_language():
    # given the country select drawn once with Ukraine chosen (and so kept)
    assert 'value="UA" selected' in str(_CountryForm({"country": "UA"})["country"])

    # then drawn again with another choice, or none, it shows that one
    again = str(_CountryForm({"country": "BR"})["country"])
    assert 'value="BR" selected' in again and 'value="UA" selected' not in again
    assert 'value="" selected' in str(_CountryForm({})["country"])

    # and in French, the countries by their French names
    with translation.override("fr"):
        assert ">Allemagne</option>" in str(_CountryForm({})["country"])
    assert ">Germany</option>" in str(_CountryForm({})["country"])
