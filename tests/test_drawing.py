"""What the pages draw by a shorter road (core/models.ChoiceLabels, the iso_day, iso_minute, person_name and case_url
filters) is exactly what Django's own road draws."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.apps import apps
from django.db import models
from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix, set_urlconf
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.core.models import ChoiceLabels

CHOICE_FIELDS = [
    (model, field)
    for model in apps.get_models() if issubclass(model, ChoiceLabels)
    for field in model._meta.concrete_fields if field.choices
]


def test_every_model_with_choices_reads_its_labels_cheaply():
    with_choices = {model for model in apps.get_models() if model.__module__.startswith("homeward")
                    and any(field.choices for field in model._meta.concrete_fields)}

    assert with_choices == {model for model, _field in CHOICE_FIELDS}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("model", "field"), CHOICE_FIELDS, ids=lambda item: getattr(item, "name", ""))
def test_each_label_is_djangos_in_the_language_of_the_request(model, field, language):
    values = [*[value for value, _label in field.flatchoices][:40], "NOT-A-CHOICE", ""]
    with translation.override(language):
        for value in values:
            instance = model(**{field.attname: value})
            ours = getattr(instance, f"get_{field.name}_display")()
            theirs = models.Model._get_FIELD_display(instance, field)
            assert (ours, type(ours)) == (theirs, type(theirs))


def test_a_country_is_named_in_the_language_of_the_request():
    from homeward.cases.models import Case

    case = Case(destination="DE")
    with translation.override("fr"):
        assert case.get_destination_display() == "Allemagne"
    with translation.override("en"):
        assert case.get_destination_display() == "Germany"


def _django(value: object, text: str) -> str:
    return Template('{{ value|date:"' + text + '" }}').render(Context({"value": value}))


def _ours(value: object, name: str) -> str:
    return Template("{% load homeward %}{{ value|" + name + " }}").render(Context({"value": value}))


ZONES = st.sampled_from(["UTC", "Europe/Brussels", "Asia/Baghdad", "America/Lima", "Pacific/Kiritimati"])


@settings(max_examples=200, deadline=None)
@given(moment=st.datetimes(min_value=datetime.datetime(1000, 1, 2), max_value=datetime.datetime(9999, 12, 30),
                           timezones=st.just(datetime.UTC)), zone=ZONES)
def test_iso_day_and_minute_are_djangos_date_filter_in_the_current_time_zone(moment, zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        assert _ours(moment, "iso_day") == _django(moment, "Y-m-d")
        assert _ours(moment, "iso_minute") == _django(moment, "Y-m-d H:i")


@settings(deadline=None)
@given(day=st.dates(min_value=datetime.date(1000, 1, 1)))
def test_iso_day_of_a_date_is_djangos(day):
    assert _ours(day, "iso_day") == _django(day, "Y-m-d")


@pytest.mark.parametrize("value", [None, "", "not a date", 42])
def test_iso_day_and_minute_of_nothing_or_not_a_date_are_empty_as_djangos(value):
    assert _ours(value, "iso_day") == _django(value, "Y-m-d") == ""
    assert _ours(value, "iso_minute") == _django(value, "Y-m-d H:i") == ""


# What the person_name filter replaced, word for word: an include of this template.
PERSON_NAME_INCLUDED = (
    '<bdi>{{ person.full_name }}</bdi>{% if person.full_name_in_latin %}<div class="latin" lang="en">'
    "{{ person.full_name_in_latin }}</div>{% endif %}"
)
NAME_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(family_name=NAME_TEXT, given_names=NAME_TEXT)
def test_person_name_is_the_template_it_replaced(family_name, given_names):
    from homeward.people.models import Person

    person = Person(family_name=family_name, given_names=given_names)
    context = Context({"person": person})
    ours = Template("{% load homeward %}{{ person|person_name }}").render(context)

    assert ours == Template(PERSON_NAME_INCLUDED).render(context)


def test_person_name_escapes_and_transliterates():
    from homeward.people.models import Person

    ours = Template("{% load homeward %}{{ person|person_name }}")

    assert ours.render(Context({"person": Person(family_name="<b>O'Neil</b>", given_names="")})) == (
        "<bdi>&lt;b&gt;O&#x27;Neil&lt;/b&gt;</bdi>"
    )
    assert ours.render(Context({"person": Person(family_name="Иванов", given_names="Олег")})) == (
        '<bdi>Иванов, Олег</bdi><div class="latin" lang="en">Ivanov, Oleg</div>'
    )


@pytest.mark.parametrize("prefix", ["/", "/homeward/", "/a b/"])
@pytest.mark.parametrize("reference", ["2026-BYR-W3B", "BE-2012-0001", "x y", "é~!$&'()*+,;=:@%"])
def test_case_url_is_djangos_reverse_under_any_script_prefix(prefix, reference):
    set_script_prefix(prefix)
    try:
        ours = Template("{% load homeward %}{{ reference|case_url }}").render(Context({"reference": reference}))
        theirs = Template("{% url 'case_detail' reference %}").render(Context({"reference": reference}))

        assert ours == theirs == reverse("case_detail", args=[reference]).replace("&", "&amp;").replace("'", "&#x27;")
    finally:
        clear_script_prefix()


@pytest.mark.parametrize("urlconf", [None, "tests.urls_elsewhere"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_case_url_follows_the_requests_url_configuration_and_language(urlconf, language):
    set_urlconf(urlconf)
    try:
        with translation.override(language):
            ours = Template("{% load homeward %}{{ reference|case_url }}").render(Context({"reference": "BE-1"}))
            theirs = Template("{% url 'case_detail' reference %}").render(Context({"reference": "BE-1"}))

        assert ours == theirs == ("/elsewhere/cases/BE-1/" if urlconf else "/cases/BE-1/")
    finally:
        set_urlconf(None)
