"""Writes for persons. Every write keeps the derived search name and screening keys in step with the names."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from homeward.people.models import DatePrecision, IdentityDocument, Person


@dataclass(frozen=True)
class PersonData:
    """What a form, an import or the API says about a person."""

    family_name: str
    given_names: str
    sex: str
    date_of_birth: datetime.date | None
    date_of_birth_precision: str
    nationality: str
    language: str = ""
    document_type: str = ""
    document_number: str = ""


PERSON_FIELDS = (
    "family_name", "given_names", "sex", "date_of_birth", "date_of_birth_precision", "nationality", "language",
)


def _document_check(data: PersonData) -> None:
    if bool(data.document_type) != bool(data.document_number.strip()):
        raise ValidationError(_("Give both the type and the number of the identity document, or neither."))


def _date_check(data: PersonData, *, today: datetime.date) -> None:
    if data.date_of_birth is not None and data.date_of_birth > today:
        raise ValidationError({"date_of_birth": _("The date of birth cannot be in the future.")})
    if data.date_of_birth is None and data.date_of_birth_precision != DatePrecision.UNKNOWN:
        raise ValidationError({"date_of_birth": _("A date of birth with a precision needs a date.")})


def person_create(*, data: PersonData, today: datetime.date) -> Person:
    _date_check(data, today=today)
    _document_check(data)
    person = Person(**{field: getattr(data, field) for field in PERSON_FIELDS})
    person.family_name = person.family_name.strip()
    person.given_names = person.given_names.strip()
    person.derived_refresh()
    person.full_clean()
    person.save()
    if data.document_type:
        document_add(person=person, type=data.document_type, number=data.document_number)
    return person


def person_update(*, person: Person, data: PersonData, today: datetime.date) -> list[dict[str, str]]:
    """Apply the data; returns the changes (field, from, to) for the case history."""
    _date_check(data, today=today)
    _document_check(data)
    changes = []
    for field in PERSON_FIELDS:
        new = getattr(data, field)
        if isinstance(new, str):
            new = new.strip()
        old = getattr(person, field)
        if str(old or "") != str(new or ""):
            changes.append({"field": field, "from": str(old or ""), "to": str(new or "")})
            setattr(person, field, new)
    if changes:
        person.derived_refresh()
        person.full_clean()
        person.save()
    if data.document_type and not person.documents.filter(
        type=data.document_type, number=data.document_number.strip()
    ).exists():
        document_add(person=person, type=data.document_type, number=data.document_number)
        changes.append({"field": "document", "from": "", "to": f"{data.document_type} {data.document_number}"})
    return changes


def document_add(*, person: Person, type: str, number: str) -> IdentityDocument:
    document = IdentityDocument(person=person, type=type, number=number.strip())
    document.full_clean()
    document.save()
    return document
