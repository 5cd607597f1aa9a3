"""`homeward screening-rekey`: compute every person's screening keys again (after a change to the normalisation)."""

from typing import Any

from django.core.management.base import BaseCommand

from homeward.people.models import Person
from homeward.people.screening.register import keys_refresh


class Command(BaseCommand):
    help = "Recompute the screening keys of every person (needed when people/screening/normalise.py changes)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed, seen = keys_refresh(Person)
        self.stdout.write(f"Screening keys: {changed} of {seen} persons updated.")
