"""`homeward eligibility evaluate FACTS.jsonl`: the rules in force applied to a file of facts, one JSON per line.

For impact studies and audits. A malformed line gets `{"id": ..., "error": "..."}` and the rest still runs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django_countries import countries

from homeward.eligibility import selectors
from homeward.eligibility.facts import facts_from_json
from homeward.eligibility.reasons import reason_text
from homeward.eligibility.rule_data import rules_from_json
from homeward.eligibility.rules import RuleData, evaluate


class Command(BaseCommand):
    help = "Evaluate eligibility for the facts in a JSON Lines file (one object per line) with the rules in force."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="action", required=True)
        evaluate_parser = subcommands.add_parser(
            "evaluate", help="Evaluate a JSON Lines file of facts ('-' reads standard input)."
        )
        evaluate_parser.add_argument("path")
        evaluate_parser.add_argument("--rules-version", type=int, help="A published version (default: in force).")

    def handle(self, *args: Any, action: str, path: str, rules_version: int | None = None, **options: Any) -> None:
        translation.activate("en")
        version = selectors.rule_version_current()
        if rules_version is not None:
            found = version.__class__.objects.filter(number=rules_version).first()
            if found is None:
                raise CommandError(f"There is no published rules version {rules_version}.")
            version = found
        rules = rules_from_json(version.data)
        codes = frozenset(code for code, _name in countries)
        if path == "-":
            lines = sys.stdin
        else:
            try:
                lines = Path(path).open(encoding="utf-8")  # noqa: SIM115 - closed at the end of the loop
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            for line in lines:
                if not line.strip():
                    continue
                self.stdout.write(json.dumps(self._evaluate_line(line, rules, codes), ensure_ascii=False))
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        finally:
            if path != "-":
                lines.close()

    def _evaluate_line(self, line: str, rules: RuleData, codes: frozenset[str]) -> dict[str, Any]:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            return {"id": None, "error": f"not valid JSON: {error.msg} (column {error.colno})"}
        identifier = data.get("id") if isinstance(data, dict) else None
        try:
            facts = facts_from_json(data, countries=codes)
        except ValueError as error:
            return {"id": identifier, "error": str(error)}
        result: dict[str, Any] = {"id": identifier}
        for support, outcome in evaluate(facts, rules).outcomes().items():
            result[support] = {
                "eligible": outcome.eligible,
                "reasons": [reason_text(reason) for reason in outcome.reasons],
            }
        return result
