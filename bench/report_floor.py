"""The year report beside its floor: one hand-written SQL aggregation of the same top-destinations table.

    DATABASE_URL=... python bench/report_floor.py --year 2012 [--repeat 9]

Run by bench/bench.py in a process with the benchmark's environment, after the import. Times, in one process and
with the connection open (start-up left out, so that only the database work is compared):

- `year_report(YEAR)`: the whole report computed from the cases (every table of docs/formats.md), as the first
  reader after a change of the register waits for it;
- `year_report_of_register(YEAR)`: the report as the pages, the API and `homeward report year` serve it, kept
  under the count of the register's changes (reports/readers.py): computed by its first call, then served;
- the floor: the REAB top-ten destinations of the year's departed persons, in one SQL statement written by hand
  straight against the tables, the least work any report of that table can do.

The report and the floor are run `--repeat` times in turn (report, floor, report, floor...), so that both are
timed under the same conditions: this machine's speed drifts, by up to twice within minutes, and two blocks timed
one after the other compare two moments as much as two queries. The medians of each are kept, and the ratio is
the median of the ratios of each turn. The report served is then timed `--repeat` times. The top-destinations table
of the report must equal the floor's, or the comparison means nothing: the script fails if they differ. Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

FLOOR = """
SELECT c.destination, COUNT(*) AS departed
FROM cases_casemember m
JOIN cases_case c ON c.id = m.case_id
JOIN organisations_programme p ON p.id = c.programme_id
WHERE p.code = 'REAB' AND m.outcome = 'DEPARTED' AND m.departed_on >= %s AND m.departed_on < %s
GROUP BY c.destination
ORDER BY departed DESC, c.destination
LIMIT 10
"""


def _once(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _n in range(repeat):
        seconds, result = _once(function)
        times.append(seconds)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2012)
    parser.add_argument("--repeat", type=int, default=9)
    options = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    import datetime

    import django

    django.setup()
    from django.db import connection

    from homeward.reports.readers import year_report_of_register
    from homeward.reports.year import year_report

    first, after = datetime.date(options.year, 1, 1), datetime.date(options.year + 1, 1, 1)

    def floor() -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR, [first, after])
            return [(str(code), count) for code, count in cursor.fetchall()]

    floor()  # the connection opened and the catalogue read once, for both sides
    report_times, floor_times = [], []
    for _turn in range(options.repeat):
        seconds, report = _once(lambda: year_report(options.year))
        report_times.append(seconds)
        seconds, floor_rows = _once(floor)
        floor_times.append(seconds)
    report_seconds, floor_seconds = statistics.median(report_times), statistics.median(floor_times)
    ratio = statistics.median(mine / theirs for mine, theirs in zip(report_times, floor_times, strict=True))
    year_report_of_register(options.year)  # computed and kept
    served_seconds, served = _timed(lambda: year_report_of_register(options.year), options.repeat)
    if served != report:
        print(json.dumps({"error": "the report served differs from the report computed"}))
        return 1
    top = sorted(((row["country"], row["departed"]) for row in report["reab"]["top_destinations"]),  # type: ignore[index]
                 key=lambda item: (-item[1], item[0]))
    if top != sorted(floor_rows, key=lambda item: (-item[1], item[0])):
        print(json.dumps({"error": "the report's top destinations differ from the floor's",
                          "report": top, "floor": floor_rows}))
        return 1
    print(json.dumps({
        "year": options.year,
        "repeat": options.repeat,
        "report_seconds": round(report_seconds, 4),
        "floor_seconds": round(floor_seconds, 4),
        "ratio": round(ratio, 2),
        "served_seconds": round(served_seconds, 5),
        "served_ratio": round(served_seconds / floor_seconds, 3) if floor_seconds else None,
        "departed": report["reab"]["departed"],  # type: ignore[index]
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
