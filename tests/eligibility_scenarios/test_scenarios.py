"""Acceptance scenarios for `homeward eligibility evaluate`, written from the specification (see README.md).

scenarios.jsonl is fed to the command as one file; expected.jsonl holds one entry per non-empty line of
scenarios.jsonl, in the same order: either the expected "eligible" value of each support (None = not asserted,
the specification does not settle it) or {"error": true} for a malformed line.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios.jsonl"
EXPECTED = HERE / "expected.jsonl"
KEYS = ("return_assistance", "reintegration_grant", "vulnerability_support", "wage_subsidy", "magnet", "uam_project")


def _input_lines() -> list[str]:
    text = SCENARIOS.read_text(encoding="utf-8")
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def _expected() -> list[dict]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run_command(capsys) -> list[dict]:
    out, err = io.StringIO(), io.StringIO()
    call_command("eligibility", "evaluate", str(SCENARIOS), stdout=out, stderr=err)
    text = out.getvalue()
    if not text.strip():
        # The command may print to sys.stdout directly rather than through self.stdout.
        text = capsys.readouterr().out
    objects = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - reported as a failure
            pytest.fail(f"output line {number} is not JSON ({exc}): {line!r}")
        if not isinstance(obj, dict):
            pytest.fail(f"output line {number} is not a JSON object: {line!r}")
        objects.append(obj)
    return objects


def _is_null_id_error(obj: dict) -> bool:
    return "error" in obj and obj.get("id") is None


def _align(outputs: list[dict]) -> tuple[list[tuple[dict, dict]], list[str]]:
    """Pair each non-empty input line's expectation with its output object, in order.

    An empty input line may produce nothing or an error with id null; both are accepted. Every empty line in
    scenarios.jsonl is followed by a valid scenario, so an error with id null right there belongs to the empty line.
    """
    expected = iter(_expected())
    pairs: list[tuple[dict, dict]] = []
    problems: list[str] = []
    position = 0
    for number, line in enumerate(_input_lines(), start=1):
        if not line.strip():
            if position < len(outputs) and _is_null_id_error(outputs[position]):
                error = outputs[position]["error"]
                if not (isinstance(error, str) and error.strip()):
                    problems.append(f"input line {number} (empty): error is not a non-empty string: {error!r}")
                position += 1
            continue
        entry = next(expected)
        if position >= len(outputs):
            problems.append(f"input line {number} ({entry['id']}): no output object (output ended early)")
            continue
        pairs.append((entry, outputs[position]))
        position += 1
    if position < len(outputs):
        problems.append(
            f"{len(outputs) - position} extra output object(s) after the last input line: "
            f"{outputs[position : position + 3]!r}"
        )
    return pairs, problems


def test_scenario_files_are_consistent():
    """Runs without the implementation: the two data files agree with each other."""
    non_empty = [line for line in _input_lines() if line.strip()]
    expected = _expected()
    assert len(non_empty) == len(expected)
    ids = [e["id"] for e in expected if e["id"] is not None]
    assert len(ids) == len(set(ids))
    for line, entry in zip(non_empty, expected, strict=True):
        if entry.get("error"):
            continue
        fact = json.loads(line)
        assert fact["id"] == entry["id"]
        assert set(KEYS) <= set(entry), entry
    assert sum(1 for e in expected if not e.get("error")) >= 60


@pytest.mark.django_db
def test_one_output_per_line_in_order(capsys):
    outputs = _run_command(capsys)
    pairs, problems = _align(outputs)
    for entry, output in pairs:
        if output.get("id") != entry["id"]:
            problems.append(f"expected id {entry['id']!r} ({entry['note']}), got id {output.get('id')!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_malformed_lines_give_errors(capsys):
    pairs, problems = _align(_run_command(capsys))
    for entry, output in pairs:
        if not entry.get("error"):
            if "error" in output:
                problems.append(f"{entry['id']}: unexpected error {output['error']!r} ({entry['note']})")
            continue
        error = output.get("error")
        if not (isinstance(error, str) and error.strip()):
            problems.append(f"{entry['id']!r} ({entry['note']}): expected an error string, got {output!r}")
        if output.get("id") != entry["id"]:
            problems.append(f"{entry['id']!r} ({entry['note']}): error carries id {output.get('id')!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_eligibility_matches_expected(capsys):
    pairs, problems = _align(_run_command(capsys))
    mismatches: list[str] = []
    for entry, output in pairs:
        if entry.get("error"):
            continue
        if "error" in output:
            mismatches.append(f"{entry['id']}: got error {output['error']!r} ({entry['note']})")
            continue
        for key in KEYS:
            want = entry[key]
            if want is None:
                continue
            support = output.get(key)
            got = support.get("eligible") if isinstance(support, dict) else support
            if got is not want:
                mismatches.append(f"{entry['id']} {key}: expected {want}, got {got!r} ({entry['note']})")
    assert not (problems or mismatches), f"{len(mismatches)} mismatch(es):\n" + "\n".join(problems + mismatches)


@pytest.mark.django_db
def test_every_support_has_plain_language_reasons(capsys):
    pairs, problems = _align(_run_command(capsys))
    for entry, output in pairs:
        if entry.get("error") or "error" in output:
            continue
        for key in KEYS:
            support = output.get(key)
            if not isinstance(support, dict):
                problems.append(f"{entry['id']} {key}: missing or not an object: {support!r}")
                continue
            if not isinstance(support.get("eligible"), bool):
                problems.append(f"{entry['id']} {key}: eligible is not a boolean: {support.get('eligible')!r}")
            reasons = support.get("reasons")
            if not (isinstance(reasons, list) and reasons and all(isinstance(r, str) and r.strip() for r in reasons)):
                problems.append(
                    f"{entry['id']} {key}: reasons must be a non-empty list of non-empty strings, got {reasons!r}"
                )
    assert not problems, "\n".join(problems)
