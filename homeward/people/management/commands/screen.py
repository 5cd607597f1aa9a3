"""`homeward screen APPLICANTS.csv --format json`: each applicant's candidates in the register, one JSON line each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.core.services import access_log_write
from homeward.exchange.users import command_user
from homeward.people.models import Person
from homeward.people.screening.batch import ApplicantErrors, applicants_read
from homeward.people.screening.register import register_candidates


class Command(BaseCommand):
    help = "Screen the persons of a CSV file (person_ref, family_name, given_names, sex, date_of_birth, nationality)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--user", help="The country-office user the screening is recorded under.")

    def handle(self, *args: Any, path: str, user: str | None, **options: Any) -> None:
        actor = command_user(user)
        if not actor.is_country_office_staff:
            raise CommandError("Only country-office staff can screen against the whole register.")
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            applicants = applicants_read(file_path.read_bytes())
        except ApplicantErrors as problems:
            for error in problems.errors:
                self.stderr.write(f"{file_path.name}, {error}")
            raise CommandError(f"{len(problems.errors)} problem(s) found; nothing was screened.") from None
        access_log_write(user=actor, action="screen", object_type="file", object_id=file_path.name)
        for applicant in applicants:
            found = register_candidates(applicant)
            ids = [item.person_id for item in found]
            refs = dict(Person.objects.filter(pk__in=ids).values_list("pk", "source_ref"))
            candidates = [
                {"person_ref": refs.get(item.person_id) or f"P{item.person_id}", "score": item.comparison.score,
                 "band": item.comparison.band, "why": [str(reason) for reason in item.comparison.why]}
                for item in found
            ]
            self.stdout.write(json.dumps({"applicant_ref": applicant.ref, "candidates": candidates},
                                         ensure_ascii=False))
