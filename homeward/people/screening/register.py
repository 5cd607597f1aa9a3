"""Screening against the register: one query over the persons' key columns, then the comparison in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from homeward.people.models import IdentityDocument, Person
from homeward.people.screening.compare import Comparison, PersonRecord, Weights, compare
from homeward.people.screening.index import query_keys

REGISTER_CANDIDATES = 1000  # persons sharing a key that are compared at most (a very common name in a busy year)
_FIELDS = ("pk", "family_name", "given_names", "sex", "date_of_birth", "date_of_birth_precision", "nationality")


def record_of(person: Person, documents: Iterable[str] = ()) -> PersonRecord:
    return PersonRecord(
        ref=str(person.pk),
        family_name=person.family_name,
        given_names=person.given_names,
        sex=person.sex,
        date_of_birth=person.date_of_birth,
        dob_precision=person.date_of_birth_precision,
        nationality=str(person.nationality or ""),
        documents=tuple(documents),
    )


def key_filter(record: PersonRecord) -> Q:
    condition = Q(pk__in=[])
    for kind, first, second in query_keys(record):
        if kind == "family_year":
            condition |= Q(screen_family=first, birth_year=second)
        elif kind == "given_year":
            condition |= Q(screen_given=first, birth_year=second)
        else:
            condition |= Q(screen_family=first, screen_given=second)
    return condition


@dataclass(frozen=True)
class Found:
    person_id: int
    comparison: Comparison


def register_candidates(
    record: PersonRecord, *, excluding: Iterable[int] = (), weights: Weights | None = None
) -> list[Found]:
    """The persons of the register that reach a band against `record`, best first."""
    rows = list(
        Person.objects.filter(key_filter(record)).exclude(pk__in=list(excluding)).values_list(*_FIELDS)[
            :REGISTER_CANDIDATES
        ]
    )
    documents: dict[int, list[str]] = defaultdict(list)
    if record.documents and rows:
        for person_id, number in IdentityDocument.objects.filter(person_id__in=[row[0] for row in rows]).values_list(
            "person_id", "number"
        ):
            documents[person_id].append(number)
    found = []
    for pk, family_name, given_names, sex, born, precision, nationality in rows:
        other = PersonRecord(str(pk), family_name, given_names, sex, born, precision, str(nationality or ""),
                             tuple(documents.get(pk, ())))
        comparison = compare(record, other, weights)
        if comparison.band:
            found.append(Found(pk, comparison))
    found.sort(key=lambda item: (-item.comparison.score, item.person_id))
    return found
