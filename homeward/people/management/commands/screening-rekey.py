"""`homeward screening-rekey`: compute every person's screening keys again (after a change to the normalisation)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from homeward.people.models import Person
from homeward.people.screening.index import screen_keys

BATCH = 5_000


class Command(BaseCommand):
    help = "Recompute the screening keys of every person (needed when people/screening/normalise.py changes)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = seen = 0
        last = 0
        fields = ("family_name", "given_names", "date_of_birth", "date_of_birth_precision", "screen_family",
                  "screen_given", "birth_year")
        while True:
            persons = list(Person.objects.filter(pk__gt=last).order_by("pk").only(*fields)[:BATCH])
            if not persons:
                break
            stale = []
            for person in persons:
                keys = screen_keys(person.family_name, person.given_names, person.date_of_birth,
                                   person.date_of_birth_precision)
                if keys != (person.screen_family, person.screen_given, person.birth_year):
                    person.screen_family, person.screen_given, person.birth_year = keys
                    stale.append(person)
            with transaction.atomic():
                Person.objects.bulk_update(stale, ["screen_family", "screen_given", "birth_year"])
            changed += len(stale)
            seen += len(persons)
            last = persons[-1].pk
        self.stdout.write(f"Screening keys: {changed} of {seen} persons updated.")
