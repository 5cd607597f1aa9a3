import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from homeward.people.models import Person, language_choices
from homeward.people.services import person_create
from tests.factories import person_data

TODAY = datetime.date(2026, 11, 30)


def test_languages_come_from_iso_639(db):
    codes = dict(language_choices())

    assert codes["ukr"] == "Ukrainian"
    assert codes["ara"] == "Arabic"
    assert len(codes) > 150


def test_a_person_keeps_the_language_for_counselling(db):
    person = person_create(data=replace(person_data(), language="ukr"), today=TODAY)

    assert person.get_language_display() == "Ukrainian"
    assert person.search_name == "shevchenko oleksandr"


def test_an_unknown_language_is_refused_and_nothing_is_written(db):
    with pytest.raises(ValidationError):
        person_create(data=replace(person_data(), language="xyz"), today=TODAY)

    assert Person.objects.count() == 0


def test_a_name_in_another_script_gets_a_latin_rendering_for_staff(db):
    person = person_create(data=person_data("Шевченко", "Олександр"), today=TODAY)
    latin = person_create(data=person_data("Ševčenko", "Aleksandr"), today=TODAY)

    assert person.full_name_in_latin == "Shevchenko, Oleksandr"
    assert latin.full_name_in_latin == ""


def test_a_long_name_in_a_script_that_transliterates_longer_still_fits_its_search_copy(db):
    # 150 Chinese characters fold to some 450 Latin letters; the search copy must still fit its column.
    person = person_create(data=person_data("北" * 150, "京" * 200), today=TODAY)

    person.refresh_from_db()
    assert person.family_name == "北" * 150
    assert len(person.search_name) == 400
    assert person.search_name.startswith("bei")
