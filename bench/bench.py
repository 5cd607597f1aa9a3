"""The scale benchmark behind `bench/run`: generate a register, load it, and measure what its users would wait for;
write bench/results.md.

Per database: a fresh, empty database; `homeward migrate`; an administrator; then

1. each timed by the wall clock as a separate process (start-up included, as an administrator would see it):
   `homeward import-cases FILE --user admin --quiet --history` into the empty register (person rows per second);
   the same import again, which must change nothing; `homeward report year 2012 --format json`;
   `homeward export-cases FILE --user admin`;
2. the year report, computed and as served (kept until the register changes), in one process beside its floor,
   one hand-written SQL aggregation of the same top-destinations table (`report_floor.py`);
3. the web interface through real HTTP against gunicorn (`web.py`): the case list and a name search, one request at
   a time, as a partner's counsellor and as country-office staff (p50 / p95 / p99); then a mixed load of concurrent
   users with locust (`locustfile.py`): throughput, p95, errors; and the memory of the server processes.

Production settings (DEBUG=false) so that Django does not keep a log of every query.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.md"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "homeward_bench"
TARGETS = {"postgres": 20_000, "sqlite": 5_000}
REPORT_TURNS = 9  # the year report and its floor, timed in turn (report_floor.py): medians over this many turns
IMPORTED = re.compile(r"(\d+) cases created, (\d+) updated, (\d+) unchanged \((\d+) person rows\)")
EXPORTED = re.compile(r"Exported (\d+) person rows")
HISTORY_START, HISTORY_END = "<!-- history: one row per run and database, newest first -->", "<!-- end of history -->"
ADMIN = """
from homeward.organisations.models import Organisation, OrganisationType, Role, User, UserRole
office = Organisation.objects.create(
    name="Benchmark country office", type=OrganisationType.COUNTRY_OFFICE, country="BE")
user = User.objects.create_user(username="admin", organisation=office)
UserRole.objects.create(user=user, role=Role.ADMINISTRATOR)
"""


@dataclass
class Step:
    name: str
    seconds: float
    ok: bool
    output: str

    def failure(self) -> str:
        lines = [line for line in self.output.strip().splitlines() if line.strip()]
        return lines[-1][:300] if lines else "no output"


@dataclass
class Run:
    database: str
    steps: dict[str, Step] = field(default_factory=dict)
    note: str = ""
    report: dict[str, Any] = field(default_factory=dict)  # report_floor.py's answer
    web: dict[str, Any] = field(default_factory=dict)  # web.measure's answer

    def seconds(self, name: str) -> float | None:
        step = self.steps.get(name)
        return step.seconds if step and step.ok else None


def _homeward() -> list[str]:
    script = Path(sys.executable).with_name("homeward")
    return [str(script)] if script.exists() else [sys.executable, "-m", "homeward"]


def _run(name: str, command: list[str], env: dict[str, str]) -> Step:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=env["HOMEWARD_VAR_DIR"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    step = Step(name, seconds, done.returncode == 0, done.stdout + done.stderr)
    state = f"{seconds:8.2f} s" if step.ok else f"FAILED after {seconds:.2f} s: {step.failure()}"
    print(f"  {name:<12} {state}", flush=True)
    return step


def _environment(database: str, var_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(HOMEWARD_VAR_DIR=str(var_dir), DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="localhost", LOG_LEVEL="ERROR")
    if database == "postgres":
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    return env


def _fresh_postgres() -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {PG_DATABASE}",
                    "-c", f"CREATE DATABASE {PG_DATABASE}"], check=True, capture_output=True, text=True)


OPTIONAL = ("re-import", "report", "export", "floor", "web")


def bench_database(database: str, case_file: Path, rows: int, work: Path, skip: set[str], load: dict[str, int]) -> Run:
    print(f"{database}:", flush=True)
    run = Run(database)
    var_dir = work / f"var-{database}"
    var_dir.mkdir()
    if database == "postgres":
        try:
            _fresh_postgres()
        except (OSError, subprocess.CalledProcessError) as error:
            run.note = f"no fresh PostgreSQL database: {getattr(error, 'stderr', '') or error}".strip()
            print(f"  {run.note}")
            return run
    env = _environment(database, var_dir)
    homeward = _homeward()
    for name, command in [
        ("migrate", [*homeward, "migrate", "--verbosity", "0"]),
        ("admin", [*homeward, "shell", "--verbosity", "0", "-c", ADMIN]),
        ("import", [*homeward, "import-cases", str(case_file), "--user", "admin", "--quiet", "--history"]),
        ("re-import", [*homeward, "import-cases", str(case_file), "--user", "admin", "--quiet"]),
        ("report", [*homeward, "report", "year", "2012", "--format", "json",
                    "--output", str(work / f"report-{database}.json")]),
        ("export", [*homeward, "export-cases", str(work / f"export-{database}.csv"), "--user", "admin"]),
    ]:
        if name in skip:
            continue
        step = run.steps[name] = _run(name, command, env)
        if not step.ok and name in {"migrate", "admin", "import"}:
            return run  # nothing after it means anything
    checks = []
    imported = IMPORTED.search(run.steps["import"].output) if "import" in run.steps else None
    if imported and int(imported.group(4)) != rows:
        checks.append(f"the import read {imported.group(4)} person rows, not {rows}")
    again = IMPORTED.search(run.steps["re-import"].output) if run.seconds("re-import") else None
    if again and (again.group(1), again.group(2)) != ("0", "0"):
        checks.append(f"the re-import created {again.group(1)} and updated {again.group(2)} cases")
    exported = EXPORTED.search(run.steps["export"].output) if run.seconds("export") else None
    if exported and int(exported.group(1)) != rows:
        checks.append(f"the export wrote {exported.group(1)} person rows, not {rows}")
    if "floor" not in skip:
        floor = _run("floor", [sys.executable, str(HERE / "report_floor.py"), "--year", "2012",
                               "--repeat", str(REPORT_TURNS)], env)
        try:
            run.report = json.loads(floor.output.strip().splitlines()[-1])
        except (ValueError, IndexError):
            run.report = {"error": floor.failure()}
        if "error" in run.report:
            checks.append(f"report beside its floor: {run.report['error']}")
    if "web" not in skip:
        import web

        started = time.perf_counter()
        try:
            run.web = web.measure(env, **load)
        except Exception as error:
            run.web = {"error": f"{type(error).__name__}: {error}"}
            checks.append(f"web: {run.web['error']}")
        print(f"  {'web':<12} {time.perf_counter() - started:8.2f} s", flush=True)
    run.note = "; ".join(checks)
    if run.note:
        print(f"  check: {run.note}")
    return run


# --- results.md ------------------------------------------------------------------------------------------------------

def _command_output(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine() -> str:
    cpu = ""
    memory = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f"{kib / 1024 / 1024:.1f} GiB memory"
    except (OSError, StopIteration, ValueError):
        pass
    cpus = _command_output(["nproc"]) or str(os.cpu_count())
    return ", ".join(part for part in [f"{cpus} CPUs (nproc)", cpu or platform.processor(), memory] if part)


def versions() -> str:
    django = _command_output([sys.executable, "-c", "import django; print(django.get_version())"])
    psycopg = _command_output([sys.executable, "-c", "import psycopg; print(psycopg.__version__)"])
    postgres = _command_output(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"])
    return (f"Python {platform.python_version()}, Django {django}, PostgreSQL {postgres or 'not reachable'} "
            f"(psycopg {psycopg}), SQLite {sqlite3.sqlite_version}")


def _commit() -> str:
    commit = _command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = _command_output(["git", "-C", str(ROOT), "status", "--porcelain", "--", "homeward"])
    return f"{commit}{' + uncommitted changes to homeward/' if dirty else ''}" if commit else "unknown"


def _secs(run: Run, name: str) -> str:
    step = run.steps.get(name)
    if step is None:
        return "–"
    return f"{step.seconds:.1f} s" if step.ok else f"failed ({step.seconds:.1f} s)"


def _rate(run: Run, name: str, rows: int) -> str:
    seconds = run.seconds(name)
    return f"{rows / seconds:,.0f}" if seconds else "–"


FIGURES = """| figure (PostgreSQL, full size) | aim |
|---|---|
| import | ≥ 20,000 person rows/s (SQLite ≥ 5,000) |
| year report | ≤ 2 s and ≤ 1.5 × the hand-written aggregation |
| case list and name search, partner and country office | p95 ≤ 150 ms |
| 100 concurrent users | 0 errors, p95 ≤ 300 ms |
| queries per page | constant in the number of cases (tests/test_query_counts.py) |
"""


def _ms(value: Any) -> str:
    return f"{value:,.0f} ms" if isinstance(value, int | float) else "–"


def report_table(runs: list[Run]) -> str:
    lines = ["| database | report computed | floor: one hand-written SQL | ratio | report served (kept) | ratio | "
             "REAB departed in 2012 |",
             "|---|---|---|---|---|---|---|"]
    for run in runs:
        report = run.report
        if not report or "error" in report:
            lines.append(f"| {run.database} | {report.get('error', 'not measured') if report else 'not measured'} "
                         "| | | | | |")
            continue
        lines.append(f"| {run.database} | {report['report_seconds']:.3f} s | {report['floor_seconds']:.3f} s | "
                     f"{report['ratio']:.2f} × | {report['served_seconds'] * 1000:.1f} ms | "
                     f"{report['served_ratio']:.2f} × | {report['departed']:,} |")
    return "\n".join(lines)


def latency_table(runs: list[Run]) -> str:
    lines = ["| database | user | page | p50 | p95 | p99 | max | wrong answers |", "|---|---|---|---|---|---|---|---|"]
    for run in runs:
        for role, pages in run.web.get("latency_ms", {}).items():
            for page, numbers in pages.items():
                wrong = sum(numbers.get("wrong_answers", {}).values())
                lines.append(f"| {run.database} | {role} | {page} | {_ms(numbers['p50'])} | {_ms(numbers['p95'])} | "
                             f"{_ms(numbers['p99'])} | {_ms(numbers['max'])} | {wrong} |")
    return "\n".join(lines)


def load_table(runs: list[Run]) -> str:
    lines = ["| database | users | measured | requests | requests/s | p50 | p95 | p99 | failures | of which 5xx | "
             "server CPU (cores) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for run in runs:
        load = run.web.get("load")
        if not load:
            continue
        total = load.get("aggregated", {})
        busy = run.web.get("server_processes", {}).get("load_measured", {}).get("server_cpu_cores_busy", "–")
        lines.append(f"| {run.database} | {load['users']} | {load['seconds']} s | {total.get('requests', 0):,} | "
                     f"{total.get('requests_per_s', 0):.1f} | {_ms(total.get('p50_ms'))} | "
                     f"{_ms(total.get('p95_ms'))} | {_ms(total.get('p99_ms'))} | {total.get('failures', 0)} | "
                     f"{load.get('server_errors_5xx', 0)} | {busy} |")
    return "\n".join(lines)


def load_details(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        load = run.web.get("load")
        if not load:
            continue
        login = load.get("login_phase", {})
        logging_in = login.get("log_in", {})
        lines = [f"{run.database}: {load.get('mix', '')}, each waiting {load.get('wait_time_s', '')} s between "
                 f"clicks; all {load['users']} logged in first ({login.get('seconds', '–')} s, a log-in p50 "
                 f"{_ms(logging_in.get('p50_ms'))}, p95 {_ms(logging_in.get('p95_ms'))}), then {load['seconds']} s "
                 "measured:", "",
                 "| request | requests | p50 | p95 | p99 | failures |", "|---|---|---|---|---|---|"]
        for name, numbers in sorted(load.get("by_name", {}).items()):
            lines.append(f"| {name} | {numbers['requests']:,} | {_ms(numbers['p50_ms'])} | {_ms(numbers['p95_ms'])} | "
                         f"{_ms(numbers['p99_ms'])} | {numbers['failures']} |")
        for failure in load.get("failures", [])[:10]:
            lines.append(f"\n- failure: {failure}")
        outcomes = load.get("outcomes")
        if outcomes:
            lines.append("\nWhat the users' clicks came to: " + "; ".join(f"{name} {count}"
                                                                   for name, count in sorted(outcomes.items())) + ".")
        log = run.web.get("server_log", {})
        lines.append(f"\nServer log: {log.get('tracebacks', '–')} tracebacks, {log.get('worker_timeouts', '–')} "
                     "worker timeouts.")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def memory_table(runs: list[Run]) -> str:
    lines = ["| database | server | idle | after the latency runs | peak while the users log in | peak under load | "
             "after the load |", "|---|---|---|---|---|---|---|"]
    for run in runs:
        memory = run.web.get("server_processes")
        if not memory:
            continue
        server = run.web.get("server", {})
        lines.append(f"| {run.database} | {server.get('workers')} workers × {server.get('threads')} threads | "
                     f"{memory['idle']['total']:,.0f} MB | {memory['after_latency']['total']:,.0f} MB | "
                     f"{memory['load_logging_in'].get('rss_peak_total_mb', 0):,.0f} MB | "
                     f"{memory['load_measured'].get('rss_peak_total_mb', 0):,.0f} MB | "
                     f"{memory['after_load']['total']:,.0f} MB |")
    return "\n".join(lines)


def against_figures(runs: list[Run], rows: int) -> str:
    """One line per figure of issue 7 and database: met, or by how much it is missed."""
    lines = []
    for run in runs:
        name = "PostgreSQL" if run.database == "postgres" else "SQLite"
        seconds = run.seconds("import")
        if seconds:
            rate, aim = rows / seconds, TARGETS[run.database]
            lines.append(f"- {name}, import: {rate:,.0f} person rows/s against {aim:,}: "
                         + ("met." if rate >= aim else f"**missed**, {aim / rate:.2f}× too slow."))
        report = run.report
        if report and "error" not in report:
            met = report["report_seconds"] <= 2 and report["ratio"] <= 1.5
            lines.append(f"- {name}, year report computed (the first reader after a change): "
                         f"{report['report_seconds']:.2f} s, {report['ratio']:.2f} × the hand-written aggregation "
                         "(aims: ≤ 2 s, ≤ 1.5 ×): " + ("met." if met else "**missed**."))
            met = report["served_seconds"] <= 2 and report["served_ratio"] <= 1.5
            lines.append(f"- {name}, year report served (kept until the register changes): "
                         f"{report['served_seconds'] * 1000:.1f} ms, {report['served_ratio']:.2f} × the hand-written "
                         "aggregation (aims: ≤ 2 s, ≤ 1.5 ×): " + ("met." if met else "**missed**."))
        for role, pages in run.web.get("latency_ms", {}).items():
            for page, numbers in pages.items():
                lines.append(f"- {name}, {page} as {role}: p95 {numbers['p95']:,.0f} ms (aim ≤ 150): "
                             + ("met." if numbers["p95"] <= 150 else f"**missed** by {numbers['p95'] - 150:,.0f} ms."))
        load = run.web.get("load")
        if load:
            total = load.get("aggregated", {})
            p95, failures = total.get("p95_ms") or 0, total.get("failures", 0)
            lines.append(f"- {name}, {load['users']} concurrent users: {failures} failures, p95 {p95:,.0f} ms "
                         f"(aims: 0, ≤ 300 ms): " + ("met." if failures == 0 and p95 <= 300 else "**missed**."))
        if "error" in run.web:
            lines.append(f"- {name}, web: not measured ({run.web['error']}).")
    return "\n".join(lines)


MEANING = HERE / "meaning.md"  # what the numbers mean: written by hand after a run, kept across runs


def write_results(runs: list[Run], rows: int, cases: str, file_size: int, started: datetime.datetime) -> None:
    stamp = started.strftime("%Y-%m-%d %H:%M UTC")
    table = ["| database | import | person rows/s | target | re-import (unchanged) | rows/s | `report year 2012` | "
             "export-cases | migrate |",
             "|---|---|---|---|---|---|---|---|---|"]
    history = []
    for run in runs:
        table.append(
            f"| {run.database} | {_secs(run, 'import')} | {_rate(run, 'import', rows)} | "
            f"{TARGETS[run.database]:,} | {_secs(run, 're-import')} | {_rate(run, 're-import', rows)} | "
            f"{_secs(run, 'report')} | {_secs(run, 'export')} | {_secs(run, 'migrate')} |")
        history.append(
            f"| {stamp} | {_commit()} | {run.database} | {rows:,} | {_secs(run, 'import')} | "
            f"{_rate(run, 'import', rows)} | {_secs(run, 're-import')} | {_secs(run, 'report')} | "
            f"{_secs(run, 'export')} |")
    notes = [f"- {run.database}: {run.note}" for run in runs if run.note]
    failures = [f"- {run.database} {step.name}: `{step.failure()}`"
                for run in runs for step in run.steps.values() if not step.ok]
    old_history = []
    if RESULTS.exists():
        text = RESULTS.read_text(encoding="utf-8")
        if HISTORY_START in text and HISTORY_END in text:
            block = text.split(HISTORY_START, 1)[1].split(HISTORY_END, 1)[0]
            old_history = [line for line in block.strip().splitlines() if line.startswith("| 2")]
    web = next((run.web for run in runs if run.web.get("server")), {})
    meaning_text = MEANING.read_text(encoding="utf-8").strip() if MEANING.exists() else ""
    content = f"""# Scale benchmark

`bench/run [--rows N] [--db sqlite|postgres|both] [--skip STEPS] [--users N] [--seconds N]` (defaults: 1,200,000
person rows, both databases, 100 users for 60 s) writes a synthetic register with `bench/generate.py` (seeded: the
same file every time), then per database starts from an empty database, migrates, creates an administrator and
measures (bench/bench.py says how): the import and the other commands, each as its own process by the wall clock;
the year report beside one hand-written SQL aggregation of the same table; the case list and a name search over
HTTP on gunicorn, one request at a time, as a partner's counsellor and as country-office staff; a mixed load of
concurrent users with locust; the server's memory. Settings are production's (DEBUG=false). This file is rewritten
by every run; the history at the end keeps the earlier import runs.

## Latest run: {stamp}

- Machine: {machine()}
- Software: {versions()}
- Homeward: commit {_commit()}
- Register: {rows:,} person rows in {cases} cases, {file_size / 1_000_000:.1f} MB (households of 1–5 persons, 1.7 on
  average, registered 1979–2025, REAB and AVRRL, departed / withdrawn / no-show / pending)
- Server: `{web.get("server", {}).get("command", "not started")}` ({web.get("server", {}).get("https", "")})

### Import and commands (each a process, start-up included)

{chr(10).join(table)}
{chr(10) + "Problems:" + chr(10) + chr(10).join(notes + failures) + chr(10) if notes or failures else ""}
### The year report beside its floor (one process; the two in turn, {REPORT_TURNS} times; medians)

{report_table(runs)}

### Case list and name search, one request at a time over HTTP

{latency_table(runs)}

### Mixed load: concurrent users (locust)

{load_table(runs)}

{load_details(runs)}

### Memory of the server processes (RSS: gunicorn master and workers, MB)

{memory_table(runs)}

## Against the figures of issue 7

{FIGURES}
{against_figures(runs, rows)}

## What the numbers mean

{meaning_text}

## History of the import

| date | homeward | database | person rows | import | rows/s | re-import | report | export |
|---|---|---|---|---|---|---|---|---|
{HISTORY_START}
{chr(10).join(history + old_history)}
{HISTORY_END}
"""
    RESULTS.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load a generated register and measure Homeward at that size.")
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--skip", default="", help=f"steps left out, comma-separated: {', '.join(OPTIONAL)}")
    parser.add_argument("--users", type=int, default=100, help="concurrent users of the load")
    parser.add_argument("--seconds", type=int, default=60, help="length of the load")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per user and page")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (printed at the end)")
    options = parser.parse_args(argv)
    skip = {step.strip() for step in options.skip.split(",") if step.strip()}
    if skip - set(OPTIONAL):
        parser.error(f"--skip takes {', '.join(OPTIONAL)}, not {', '.join(sorted(skip - set(OPTIONAL)))}")
    load = {"users": options.users, "seconds": options.seconds, "requests": options.requests}
    started = datetime.datetime.now(datetime.UTC)
    work = Path(tempfile.mkdtemp(prefix="homeward-bench-"))
    try:
        case_file = work / "cases.csv"
        print(f"generating {options.rows:,} person rows ...", flush=True)
        generated = subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(options.rows),
                                    "--output", str(case_file)], check=True, capture_output=True, text=True)
        found = re.search(r"in (\d+) cases", generated.stderr)
        cases = f"{int(found.group(1)):,}" if found else "?"
        databases = ["sqlite", "postgres"] if options.db == "both" else [options.db]
        runs = [bench_database(database, case_file, options.rows, work, skip, load) for database in databases]
        write_results(runs, options.rows, cases, case_file.stat().st_size, started)
        print(f"results written to {RESULTS.relative_to(ROOT)} ({(time.time() - started.timestamp()) / 60:.1f} min)")
        return 0 if all(run.seconds("import") for run in runs) else 1
    finally:
        if options.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
