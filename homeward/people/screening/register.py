"""Screening against the register: one query over the persons' key columns, then the comparison in Python."""

from __future__ import annotations

import functools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When

from homeward.people.models import IdentityDocument, Person
from homeward.people.screening.compare import Comparison, PersonRecord, Weights, compare
from homeward.people.screening.index import (
    CANDIDATES_COMPARED,
    EXACT,
    NEAR,
    compared,
    query_keys,
    screen_keys,
    typo_keys,
)

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


def keys_refresh(person_model: Any, batch: int = 5_000) -> tuple[int, int]:
    """Compute every person's stored keys again, in batches by primary key; returns (updated, seen). For
    `homeward screening-rekey` and for the migrations that follow a change to the normalisation (`person_model`
    is the model class, or a migration's historical one)."""
    changed = seen = last = 0
    fields = ("family_name", "given_names", "date_of_birth", "date_of_birth_precision", "screen_family",
              "screen_given", "birth_year")
    while True:
        persons = list(person_model.objects.filter(pk__gt=last).order_by("pk").only(*fields)[:batch])
        if not persons:
            return changed, seen
        stale = []
        for person in persons:
            keys = screen_keys(person.family_name, person.given_names, person.date_of_birth,
                               person.date_of_birth_precision)
            if keys != (person.screen_family, person.screen_given, person.birth_year):
                person.screen_family, person.screen_given, person.birth_year = keys
                stale.append(person)
        with transaction.atomic():
            person_model.objects.bulk_update(stale, ["screen_family", "screen_given", "birth_year"])
        changed += len(stale)
        seen += len(persons)
        last = persons[-1].pk


_COLUMNS = {"family_year": ("screen_family", "birth_year"), "given_year": ("screen_given", "birth_year"),
            "names": ("screen_family", "screen_given")}


def _grouped(keys: Iterable[tuple[str, str, object]]) -> list[Q]:
    """Keys as few conditions: per kind, those sharing one column's value become one `IN` over the other column
    (a key under three years, or a name with its hundred neighbours one letter away, is one condition)."""
    conditions = []
    by_kind: dict[str, list[tuple[object, object]]] = defaultdict(list)
    for kind, first, second in keys:
        by_kind[kind].append((first, second))
    for kind in sorted(by_kind):
        column_a, column_b = _COLUMNS[kind]
        pairs = by_kind[kind]
        # Each key goes to the side whose value more keys share: (family one letter away, given) keys all share
        # the given name, (family, given one letter away) the family name; a handful of conditions in all.
        count_a = Counter(a for a, _b in pairs)
        count_b = Counter(b for _a, b in pairs)
        by_b: dict[object, set[object]] = defaultdict(set)
        by_a: dict[object, set[object]] = defaultdict(set)
        for a, b in pairs:
            if count_b[b] >= count_a[a]:
                by_b[b].add(a)
            else:
                by_a[a].add(b)
        conditions += [Q(**{f"{column_a}__in": sorted(values, key=str), column_b: b})
                       for b, values in sorted(by_b.items(), key=lambda item: str(item[0]))]
        conditions += [Q(**{column_a: a, f"{column_b}__in": sorted(values, key=str)})
                       for a, values in sorted(by_a.items(), key=lambda item: str(item[0]))]
    return conditions


def key_conditions(record: PersonRecord) -> list[tuple[Q, int]]:
    """The look-up's conditions, each with what sharing it counts for (a key as it is, or one letter away)."""
    return [(condition, EXACT) for condition in _grouped(query_keys(record))] + [
        (condition, NEAR) for condition in _grouped(typo_keys(record))
    ]


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
    zero = Value(0, output_field=IntegerField())
    shared = sum(
        (Case(When(condition, then=Value(counts, output_field=IntegerField())), default=zero)
         for condition, counts in conditions),
        start=zero,
    )
    ranked = list(
        Person.objects.filter(functools.reduce(operator.or_, (condition for condition, _counts in conditions)))
        .exclude(pk__in=list(excluding))
        .annotate(shared=shared)
        .order_by("-shared", "pk")
        .values_list(*_FIELDS, "shared")[:CANDIDATES_COMPARED]
    )
    rows = [row[:-1] for row in compared(ranked, {row: row[-1] for row in ranked})]
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
