"""`homeward find-duplicates`: likely duplicate persons across the whole register, as clusters (JSON lines)."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from homeward.core.services import access_log_write
from homeward.exchange.users import command_user
from homeward.people.models import Person
from homeward.people.screening.batch import clusters, duplicate_pairs, register_records


class Command(BaseCommand):
    help = "List clusters of persons that are likely one person (band 'match'; --possible adds the weaker pairs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="The country-office user the clean-up is recorded under.")
        parser.add_argument("--possible", action="store_true", help="Also list the 'possible' pairs, one per line.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, user: str | None, possible: bool, quiet: bool, **options: Any) -> None:
        actor = command_user(user)
        if not actor.is_country_office_staff:
            raise CommandError("Only country-office staff can look for duplicates across the whole register.")
        show = not quiet and sys.stderr.isatty()
        records = {
            record.ref: record
            for _pk, record in tqdm(register_records(), desc="Reading", unit=" persons", disable=not show,
                                    total=Person.objects.count())
        }
        with tqdm(desc="Comparing", unit=" records", disable=not show) as bar:
            pairs = duplicate_pairs(records, progress=bar.update)
        access_log_write(user=actor, action="find duplicates", object_type="register", object_id="persons")
        refs = dict(Person.objects.exclude(source_ref=None).values_list("pk", "source_ref"))
        for group in clusters(pairs):
            members = [refs.get(int(pk)) or f"P{pk}" for pk in group]
            self.stdout.write(json.dumps({"cluster": members, "persons": len(members)}, ensure_ascii=False))
        if possible:
            for pair in pairs:
                if pair.band == "possible":
                    self.stdout.write(json.dumps(
                        {"possible": [refs.get(int(pair.a)) or f"P{pair.a}", refs.get(int(pair.b)) or f"P{pair.b}"],
                         "score": pair.score, "why": pair.why}, ensure_ascii=False))
