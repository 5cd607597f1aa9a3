"""Screening against the register: one query over the persons' key columns, then the comparison in Python."""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from homeward.people.models import IdentityDocument, Person
from homeward.people.screening.compare import Comparison, PersonRecord, Weights, compare
from homeward.people.screening.index import query_keys

REGISTER_CANDIDATES = 300  # persons compared at most, those sharing most keys first
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


def key_conditions(record: PersonRecord) -> list[Q]:
    conditions = []
    for kind, first, second in sorted(query_keys(record), key=str):
        if kind == "family_year":
            conditions.append(Q(screen_family=first, birth_year=second))
        elif kind == "given_year":
            conditions.append(Q(screen_given=first, birth_year=second))
        else:
            conditions.append(Q(screen_family=first, screen_given=second))
    return conditions


@dataclass(frozen=True)
class Found:
    person_id: int
    comparison: Comparison


def register_candidates(
    record: PersonRecord, *, excluding: Iterable[int] = (), weights: Weights | None = None
) -> list[Found]:
    """The persons of the register that reach a band against `record`, best first."""
    conditions = key_conditions(record)
    if not conditions:
        return []
    # The persons sharing most keys first: a common name in a busy year can share one key with thousands.
    one = Value(1, output_field=IntegerField())
    zero = Value(0, output_field=IntegerField())
    shared = sum((Case(When(condition, then=one), default=zero) for condition in conditions), start=zero)
    rows = list(
        Person.objects.filter(functools.reduce(operator.or_, conditions))
        .exclude(pk__in=list(excluding))
        .annotate(shared=shared)
        .order_by("-shared", "pk")
        .values_list(*_FIELDS)[:REGISTER_CANDIDATES]
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
