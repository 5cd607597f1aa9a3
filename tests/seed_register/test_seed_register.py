"""The seed's 2012 figures from an independent register: import it, ask for the year report, compare.

The expected report is written out literally below, from the seed (IOM Belgium-Luxembourg, year report 2012, "Trends
and analysis 2012") and docs/formats.md: whole percentages rounded half up, `by_category` by the largest remainder,
ranked tables by count and then by the country's English name (Albania before Serbia, Afghanistan before Georgia,
Belarus before Brazil before Russia).

`test_the_rows_tally_to_the_seed` counts the file itself, without Homeward, so that a difference in the report test
points at Homeward, not at the register.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django_countries import countries

from homeward.organisations.models import OrganisationType, Role
from tests.factories import OrganisationFactory, UserFactory
from tests.seed_figures import SEED_2012
from tests.seed_register.build import HEADER, build_rows

EXPECTED_2012 = SEED_2012

IMPORTED = re.compile(r"Imported (?P<name>.+): (?P<created>\d+) cases created, (?P<updated>\d+) updated, "
                      r"(?P<unchanged>\d+) unchanged \((?P<persons>\d+) person rows\)\.")


# --- the file on its own ---------------------------------------------------------------------------------------------

def _half_up(part: int, whole: int) -> int:
    return (200 * part + whole) // (2 * whole) if whole else 0


def _largest_remainder(parts: list[int]) -> list[int]:
    whole = sum(parts)
    floors = [100 * part // whole for part in parts]
    remainders = [100 * part % whole for part in parts]
    for index in sorted(range(len(parts)), key=lambda i: (-remainders[i], i))[:100 - sum(floors)]:
        floors[index] += 1
    return floors


def _ranked(counter: Counter, top: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], countries.name(item[0])))[:top]


def _tally(rows: list[list[str]], year: int) -> dict:
    """The year report computed straight from the rows (persons are rows; a case is its case_ref)."""
    people = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    def departed(person: dict) -> bool:
        return person["outcome"] == "DEPARTED" and person["departed_on"].startswith(f"{year}-")

    reab = [person for person in people if person["programme"] == "REAB"]
    reab_registered = [person for person in reab if person["registered_on"].startswith(f"{year}-")]
    reab_departed = [person for person in reab if departed(person)]
    reab_supported = [person for person in reab_departed if person["reintegration"]]
    top = _ranked(Counter(person["destination"] for person in reab_departed), 10)
    top_supported = _ranked(Counter(person["destination"] for person in reab_supported), 10)
    by_category = Counter(person["reab_category"] for person in reab_departed)
    categories = ["ASYLUM_WITHDRAWN", "ASYLUM_REJECTED", "NON_ASYLUM"]
    registered_by_type = Counter(person["partner_type"] for person in reab_registered)
    departed_by_type = Counter(person["partner_type"] for person in reab_departed)
    avrrl_departed = [person for person in people if person["programme"] == "AVRRL" and departed(person)]

    def cases_and_persons(persons: list[dict]) -> dict:
        return {"cases": len({person["case_ref"] for person in persons}), "persons": len(persons)}

    def with_kind(persons: list[dict], kind: str) -> list[dict]:
        return [person for person in persons if kind in person["reintegration"].split(";")]

    avrrl_top = _ranked(Counter(person["destination"] for person in avrrl_departed), 5)
    n_departed, n_supported = len(reab_departed), len(reab_supported)
    return {
        "year": year,
        "reab": {
            "registered": len(reab_registered),
            "departed": n_departed,
            "effective_return_rate_pct": _half_up(n_departed, len(reab_registered)),
            "reintegration": {"persons": n_supported, "share_of_departed_pct": _half_up(n_supported, n_departed)},
            "top_destinations": [{"country": code, "departed": count, "pct": _half_up(count, n_departed)}
                                 for code, count in top],
            "top_destinations_total": {"departed": sum(count for _code, count in top),
                                       "pct": _half_up(sum(count for _code, count in top), n_departed)},
            "top_reintegration_destinations": [{"country": code, "persons": count, "pct": _half_up(count, n_supported)}
                                               for code, count in top_supported],
            "top_reintegration_total": {"persons": sum(count for _code, count in top_supported),
                                        "pct": _half_up(sum(count for _code, count in top_supported), n_supported)},
            "by_category": [
                {"category": category, "departed": by_category[category], "pct": pct}
                for category, pct in zip(categories, _largest_remainder([by_category[c] for c in categories]),
                                         strict=True)
            ],
            "by_partner_type": [
                {"partner_type": kind, "registered": registered_by_type[kind], "departed": departed_by_type[kind]}
                for kind in ["NGO", "FEDASIL_CENTRE", "IMMIGRATION_OFFICE", "RED_CROSS_CENTRE", "CITY", "IOM"]
            ],
        },
        "avrrl": {
            "departed": len(avrrl_departed),
            "top_destinations": [{"country": code, "departed": count} for code, count in avrrl_top],
            "top_destinations_total": {"departed": sum(count for _code, count in avrrl_top)},
            "reintegration": cases_and_persons([person for person in avrrl_departed if person["reintegration"]]),
            "microbusiness": cases_and_persons(with_kind(avrrl_departed, "MICROBUSINESS")),
            "medical": {"persons": len(with_kind(avrrl_departed, "MEDICAL"))},
        },
    }


def test_the_rows_are_the_same_every_time():
    assert build_rows() == build_rows()


def test_the_rows_tally_to_the_seed():
    rows = build_rows()
    assert _tally(rows, 2012) == EXPECTED_2012
    # The seed's "each other country" bounds, so that no tie at the tenth place depends on the order of names.
    people = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    departed = [p for p in people if p["programme"] == "REAB" and p["outcome"] == "DEPARTED"
                and p["departed_on"].startswith("2012-")]
    by_destination = Counter(p["destination"] for p in departed)
    supported = Counter(p["destination"] for p in departed if p["reintegration"])
    top = {row["country"] for row in EXPECTED_2012["reab"]["top_destinations"]}
    top_supported = {row["country"] for row in EXPECTED_2012["reab"]["top_reintegration_destinations"]}
    assert max(count for code, count in by_destination.items() if code not in top) < 125
    assert max(count for code, count in supported.items() if code not in top_supported) < 25
    avrrl = Counter(p["destination"] for p in people if p["programme"] == "AVRRL" and p["outcome"] == "DEPARTED"
                    and p["departed_on"].startswith("2012-"))
    assert max(count for code, count in avrrl.items() if code not in {"XK", "IQ", "RU", "BR", "BY"}) <= 3
    # Other years are there to be left out.
    assert _tally(rows, 2011)["reab"]["departed"] > 0
    assert _tally(rows, 2013)["avrrl"]["departed"] > 0


def test_the_rows_keep_the_format():
    rows = build_rows()
    assert rows[0] == HEADER
    case_columns = ["programme", "referring_partner", "partner_type", "registered_on", "reab_category", "destination",
                    "outcome", "departed_on", "reintegration"]
    cases: dict[str, list[dict]] = defaultdict(list)
    for row in rows[1:]:
        assert len(row) == len(HEADER)
        person = dict(zip(HEADER, row, strict=True))
        cases[person["case_ref"]].append(person)
    assert len({row[HEADER.index("person_ref")] for row in rows[1:]}) == len(rows) - 1
    partner_types: dict[str, str] = {}
    sizes = Counter()
    for persons in cases.values():
        sizes[len(persons)] += 1
        first = persons[0]
        assert all(person[column] == first[column] for person in persons for column in case_columns)
        assert [person["role"] for person in persons].count("PRINCIPAL") == 1
        assert partner_types.setdefault(first["referring_partner"], first["partner_type"]) == first["partner_type"]
        registered = datetime.date.fromisoformat(first["registered_on"])
        if first["outcome"] == "DEPARTED":
            assert datetime.date.fromisoformat(first["departed_on"]) >= registered
        else:
            assert first["departed_on"] == ""
        assert (first["reab_category"] != "") == (first["programme"] == "REAB")
        for person in persons:
            if person["date_of_birth"]:
                assert datetime.date.fromisoformat(person["date_of_birth"]) <= registered
    assert set(sizes) == {1, 2, 3, 4, 5}  # households, not only single persons


# --- through Homeward ------------------------------------------------------------------------------------------------

@pytest.fixture
def administrator(db):
    organisation = OrganisationFactory(type=OrganisationType.COUNTRY_OFFICE)
    return UserFactory(organisation=organisation, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "register-2012.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(build_rows())
    return path


def _import(path: Path, username: str) -> dict[str, int]:
    out = io.StringIO()
    call_command("import-cases", str(path), "--user", username, "--quiet", stdout=out, stderr=io.StringIO())
    found = IMPORTED.search(out.getvalue())
    assert found, out.getvalue()
    return {key: int(value) for key, value in found.groupdict().items() if key != "name"}


def _report(tmp_path: Path, year: int = 2012) -> dict:
    out = tmp_path / f"report-{year}.json"
    call_command("report", "year", str(year), "--format", "json", "--output", str(out), stderr=io.StringIO())
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_year_report_gives_the_seeds_2012_tables(administrator, register_file, tmp_path):
    _import(register_file, administrator.username)

    report = _report(tmp_path)

    assert report == EXPECTED_2012
    # Key order is part of the JSON's shape too.
    assert list(report) == list(EXPECTED_2012)
    assert list(report["reab"]) == list(EXPECTED_2012["reab"])
    assert list(report["avrrl"]) == list(EXPECTED_2012["avrrl"])


def test_importing_the_same_file_twice_changes_nothing(administrator, register_file, tmp_path):
    rows = build_rows()
    cases = len({row[0] for row in rows[1:]})

    first = _import(register_file, administrator.username)
    report = _report(tmp_path)
    second = _import(register_file, administrator.username)

    assert first == {"created": cases, "updated": 0, "unchanged": 0, "persons": len(rows) - 1}
    assert second == {"created": 0, "updated": 0, "unchanged": cases, "persons": len(rows) - 1}
    assert _report(tmp_path) == report == EXPECTED_2012
