"""Homeward's side of the screening benchmark: the same data and metrics as splink_side.py.

    python bench/screening/homeward_side.py --out bench/screening/homeward_results.json [--persons 1200000]

- quality on the transliteration set (translit.py) and on FEBRL4 (names and date of birth only), with the engine in
  memory (`MemoryIndex`: the same keys and comparison as the register's);
- a register of --persons persons (register.py) written into a fresh PostgreSQL database through the importer's
  write path (keys computed by the model's code, COPY), then one look-up at a time against it exactly as the web
  page does (`register_candidates`: one query, the comparison in Python): p50 / p95 / p99, the time to build the
  keys and their indexes, their size; the cost of keeping them current (`person_create`, one at a time);
- the deduplication of the whole register (`homeward find-duplicates`' code): time, peak memory, and precision and
  recall against the register's known duplicates.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]
DATABASE = "homeward_screening_bench"
SERVER = "postgres://postgres@127.0.0.1:5432"


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    import django

    django.setup()


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def quality_translit(path: Path) -> dict:
    import csv

    import metrics

    from homeward.people.screening.compare import PersonRecord
    from homeward.people.screening.index import MemoryIndex

    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    records = [PersonRecord(row["record_id"], row["family_name"], row["given_names"], row["sex"],
                            _date(row["date_of_birth"]), row["dob_precision"], row["nationality"]) for row in rows]
    index = MemoryIndex(records)
    predicted = {}
    for record in records:
        for candidate in index.lookup(record):
            predicted[metrics.pair_key(record.ref, candidate.ref)] = (candidate.score, candidate.band)
    return metrics.evaluate(predicted, metrics.true_pairs_from_entities(rows))


def quality_febrl() -> dict:
    import febrl
    import metrics

    from homeward.people.screening.compare import PersonRecord
    from homeward.people.screening.index import MemoryIndex

    records, true_pairs = febrl.load()

    def record(row: dict) -> PersonRecord:
        born = _date(row["date_of_birth"])
        return PersonRecord(row["ref"], row["surname"] or "", row["given_name"] or "", "", born,
                            "DAY" if born else "UNKNOWN", "")

    index = MemoryIndex(record(row) for row in records if row["source"] == "B")
    predicted = {}
    for row in records:
        if row["source"] == "A":
            for candidate in index.lookup(record(row)):
                predicted[metrics.pair_key(row["ref"], candidate.ref)] = (candidate.score, candidate.band)
    return metrics.evaluate(predicted, true_pairs)


def _fresh_database() -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {DATABASE}",
                    "-c", f"CREATE DATABASE {DATABASE}"], check=True, capture_output=True)


def register_build(frame) -> dict:
    """The register written as the importer writes persons: keys computed by the model's code, then COPY."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from homeward.exchange.bulk import ids_allocate, rows_insert
    from homeward.people.models import Person
    from homeward.people.names import search_name_for
    from homeward.people.screening.index import screen_keys

    call_command("migrate", verbosity=0)
    now = timezone.now()
    started = time.perf_counter()
    rows = []
    for unique_id, family, given, sex, born, nationality in frame[
        ["unique_id", "family_name", "given_names", "sex", "date_of_birth", "nationality"]
    ].itertuples(index=False):
        birth = _date(born)
        precision = "UNKNOWN" if birth is None else "DAY"
        rows.append((family or "", given or "", sex, birth, precision, nationality or "", "",
                     search_name_for(family_name=family or "", given_names=given or ""),
                     *screen_keys(family or "", given or "", birth, precision), unique_id, now, now))
    keys_seconds = time.perf_counter() - started
    with transaction.atomic():
        ids = ids_allocate(Person, len(rows))
        rows_insert(Person, ("id", "family_name", "given_names", "sex", "date_of_birth", "date_of_birth_precision",
                             "nationality", "language", "search_name", "screen_family", "screen_given", "birth_year",
                             "source_ref", "created_at", "updated_at"),
                    ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
    write_seconds = time.perf_counter() - started - keys_seconds
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")
        cursor.execute(
            "SELECT sum(pg_relation_size(indexrelid)) FROM pg_index WHERE indrelid = 'people_person'::regclass"
            " AND indexrelid::regclass::text LIKE 'person_screen%%'"
        )
        index_bytes = int(cursor.fetchone()[0] or 0)
    return {"persons": len(rows), "keys_seconds": round(keys_seconds, 1), "write_seconds": round(write_seconds, 1),
            "screening_index_mb": round(index_bytes / 2**20, 1)}


def _noisy(record, rng: random.Random):
    """An applicant who is in the register, written by another office: swapped names, day and month, a typo."""
    from homeward.people.screening.compare import PersonRecord

    family, given, born = record.family_name, record.given_names, record.date_of_birth
    change = rng.choice(["swap", "dates", "typo", "none"])
    if change == "swap":
        family, given = given, family
    elif change == "dates" and born and born.day <= 12 and born.day != born.month:
        born = born.replace(month=born.day, day=born.month)
    elif change == "typo" and len(family) > 4:
        position = rng.randrange(1, len(family) - 1)
        family = family[:position] + family[position + 1 :]
    return PersonRecord("applicant", family, given, record.sex, born, record.dob_precision, record.nationality)


def lookups(count: int, seed: int) -> dict:
    from django.utils import timezone

    from homeward.people.models import Person
    from homeward.people.screening.register import record_of, register_candidates
    from homeward.people.services import PersonData, person_create

    rng = random.Random(seed)
    total = Person.objects.count()
    sample = list(Person.objects.filter(pk__in=[rng.randint(1, total) for _n in range(count)]))
    applicants = [_noisy(record_of(person), rng) for person in sample]
    for applicant in applicants[:5]:  # warm the connection and the caches once
        register_candidates(applicant)
    times, found, compared = [], 0, []
    for applicant, person in zip(applicants, sample, strict=True):
        started = time.perf_counter()
        result = register_candidates(applicant)
        times.append((time.perf_counter() - started) * 1000)
        found += any(item.person_id == person.pk for item in result)
        compared.append(len(result))
    inserts = []
    for number in range(50):
        started = time.perf_counter()
        person_create(data=PersonData(family_name=f"Newcomer{number}", given_names="Amina", sex="F",
                                      date_of_birth=datetime.date(1990, 1 + number % 12, 1 + number % 28),
                                      date_of_birth_precision="DAY", nationality="SO"), today=timezone.localdate())
        inserts.append((time.perf_counter() - started) * 1000)
    quantiles = statistics.quantiles(times, n=100)
    return {"lookups": count, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(quantiles[94], 1),
            "p99_ms": round(quantiles[98], 1), "max_ms": round(max(times), 1),
            "found_the_person_share": round(found / count, 3),
            "insert_with_keys_p95_ms": round(statistics.quantiles(inserts, n=100)[94], 1)}


def dedupe(frame) -> dict:
    import metrics

    from homeward.people.screening.batch import clusters, duplicate_pairs, register_records

    started = time.perf_counter()
    records = {record.ref: record for _pk, record in register_records()}
    read_seconds = time.perf_counter() - started
    pairs = duplicate_pairs(records)
    groups = clusters(pairs)
    seconds = time.perf_counter() - started
    # Known duplicates: the register's records that share a person_id (register.py writes them).
    from homeward.people.models import Person

    unique_of = dict(Person.objects.values_list("pk", "source_ref"))
    person_of = dict(zip(frame["unique_id"], frame["person_id"], strict=True))
    truth_rows = [{"record_id": str(pk), "entity_id": person_of[ref]} for pk, ref in unique_of.items() if ref]
    quality = metrics.evaluate({(pair.a, pair.b): (pair.score, pair.band) for pair in pairs},
                               metrics.true_pairs_from_entities(truth_rows))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 1), "read_seconds": round(read_seconds, 1), "pairs_scored_in_band": len(pairs),
            "clusters": len(groups), "peak_rss_mb": round(peak), "match": quality["match"],
            "match+possible": quality["match+possible"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "homeward_results.json")
    parser.add_argument("--persons", type=int, default=1_200_000)
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--translit", type=Path, default=HERE / "data" / "translit.csv")
    parser.add_argument("--skip-dedupe", action="store_true")
    parser.add_argument("--quality-only", action="store_true",
                        help="measure only the quality again and update it in --out (after a change to the engine)")
    parser.add_argument("--lookups-again", action="store_true",
                        help="measure the quality and the look-ups again over the register the last run built, and "
                             "update them in --out (after a change to the look-up that leaves the stored keys alone)")
    options = parser.parse_args()
    if options.lookups_again:
        _django(f"{SERVER}/{DATABASE}")
        results = json.loads(options.out.read_text())
        results["translit"] = quality_translit(options.translit)
        results["febrl4"] = quality_febrl()
        results["lookup"] = lookups(options.lookups, seed=11)
        results["lookup_date"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        results["quality_date"] = results["lookup_date"]
        options.out.write_text(json.dumps(results, indent=2) + "\n")
        return 0
    if options.quality_only:
        _django("sqlite://:memory:")
        results = json.loads(options.out.read_text())
        results["translit"] = quality_translit(options.translit)
        results["febrl4"] = quality_febrl()
        results["quality_date"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        options.out.write_text(json.dumps(results, indent=2) + "\n")
        return 0
    _fresh_database()
    _django(f"{SERVER}/{DATABASE}")
    import register

    results: dict = {"side": "homeward", "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                     "machine": f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}",
                     "python": platform.python_version()}
    started = time.perf_counter()
    results["translit"] = quality_translit(options.translit)
    results["translit"]["seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    results["febrl4"] = quality_febrl()
    results["febrl4"]["seconds"] = round(time.perf_counter() - started, 1)
    print("quality done", flush=True)
    frame = register.generate(options.persons, seed=7)
    results["register"] = register_build(frame)
    print("register built", results["register"], flush=True)
    results["lookup"] = lookups(options.lookups, seed=11)
    print("lookups", results["lookup"], flush=True)
    if not options.skip_dedupe:
        results["dedupe"] = dedupe(frame)
        print("dedupe", results["dedupe"], flush=True)
    options.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
