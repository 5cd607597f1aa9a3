"""The web benchmark: Homeward's pages through real HTTP, on gunicorn as in production, over an imported register.

    python bench/web.py --database-url postgres://postgres@127.0.0.1:5432/homeward_bench [--requests 200]
        [--users 100] [--seconds 60] [--workers 3] [--threads 4]

For a database that already holds a register (`homeward import-cases`), `measure()`:

1. creates the bench accounts, idempotently: a partner counsellor at the referring partner with the most cases, a
   case officer at the country office, and for the load one account per simulated user (counsellors spread over
   the ten biggest partners, one user in ten a case officer); all share one password, hashed once;
2. collects the static files and starts gunicorn with production settings (DEBUG=false). Requests carry
   `X-Forwarded-Proto: https`, as the TLS-terminating proxy in front of Homeward sets it, so that the HTTPS
   redirect, the secure cookies and the CSRF origin check stay as they are in production;
3. latency, one request at a time: as the counsellor and as the case officer, the case list (first page, default
   sort) and a search by a family name common in the counsellor's cases, `requests` times each after ten requests
   to warm up; every answer must be 200 and show the page's marker;
4. a mixed load with locust (bench/locustfile.py: browsing, searching, opening cases, registering households,
   moving cases through the workflow), headless: `users` users log in (reported apart: each login is an Argon2
   hash), then click for `seconds` seconds, the part measured;
5. the resident memory (RSS) of the gunicorn master and each worker at rest, at its peaks while the users log in
   and while they click (sampled twice a second, with the CPU the server used), and after the load; and what
   gunicorn logged (tracebacks, worker timeouts).

The load writes to the register (new households, workflow moves): measure after the import benchmark, not before.
gunicorn, PostgreSQL and locust share the machine's cores; the result gives the CPU the server and the load
generator used during the load, and the load average before it (anything else running shows there).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psutil
import requests as http  # `requests` is measure()'s number of timed requests

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PASSWORD = "bench-web-not-a-secret"  # for bench databases only
COUNSELLOR = "bench-web-counsellor"
OFFICER = "bench-web-officer"
BIGGEST_PARTNERS = 10
FAMILY_NAMES = 20
WARM_UP = 10
# What the production proxy adds: the request came in over HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Under a list with at least one case; a search for a name in the register must show it.
FOUND = 'class="pagination"'
SERVER_START_SECONDS = 60
LOGIN_PHASE_CAP = 300  # seconds for the logins; if they take longer, the run ends and its whole is reported
TIMEOUT = 30  # gunicorn's default: a worker silent for longer is killed and started again

SETUP = """
import json
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from homeward.cases.models import Case, CaseMember
from homeward.organisations.models import Organisation, OrganisationType, Role, User, UserRole, role_fits

plan = json.loads(PLAN)
referred = list(Case.objects.order_by().values_list("referring_partner").annotate(cases=Count("id"))
                .order_by("-cases", "referring_partner"))
organisations = Organisation.objects.in_bulk([partner for partner, _cases in referred])
partners = [(organisations[partner], cases) for partner, cases in referred
            if role_fits(Role.PARTNER_COUNSELLOR, organisations[partner])][:plan["partners"]]
if not partners:
    raise SystemExit("no case in the register has a referring partner a counsellor can work for")
office = Organisation.objects.filter(type=OrganisationType.COUNTRY_OFFICE).order_by("pk").first()
if office is None:
    office = Organisation.objects.create(
        name="Benchmark country office", type=OrganisationType.COUNTRY_OFFICE, country="BE")
accounts = [(plan["counsellor"], partners[0][0], Role.PARTNER_COUNSELLOR), (plan["officer"], office, Role.CASE_OFFICER)]
accounts += [(username, partners[index % len(partners)][0], Role.PARTNER_COUNSELLOR)
             for index, username in enumerate(plan["counsellors"])]
accounts += [(username, office, Role.CASE_OFFICER) for username in plan["officers"]]
password = make_password(plan["password"])  # one Argon2 hash for every account: the same password
with transaction.atomic():
    for username, organisation, role in accounts:
        user, _created = User.objects.update_or_create(
            username=username, defaults={"organisation": organisation, "password": password, "is_active": True})
        user.roles.exclude(role=role).delete()
        UserRole.objects.get_or_create(user=user, role=role)
    # Earlier failed logins must not lock an account out (django-axes).
    AccessAttempt.objects.filter(username__in=[username for username, _organisation, _role in accounts]).delete()
names = (CaseMember.objects.filter(case__referring_partner=partners[0][0]).order_by()
         .values_list("person__family_name").annotate(persons=Count("id"))
         .order_by("-persons", "person__family_name")[:plan["family_names"]])
print(json.dumps({
    "cases": Case.objects.count(),
    "office": office.name,
    "partners": [{"name": partner.name, "type": partner.type, "cases": cases} for partner, cases in partners],
    "family_names": [name for name, _persons in names],
}))
"""


def _homeward() -> list[str]:
    script = BIN / "homeward"
    return [str(script)] if script.exists() else [sys.executable, "-m", "homeward"]


def _homeward_run(arguments: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run([*_homeward(), *arguments], env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"homeward {arguments[0]} failed: {(done.stderr or done.stdout).strip()[-2000:]}")
    return done.stdout


def accounts_create(env: dict[str, str], cwd: Path, *, counsellors: list[str], officers: list[str]) -> dict[str, Any]:
    """The bench accounts (see SETUP); returns the partners, the office and family names common in the register."""
    plan = {"password": PASSWORD, "counsellor": COUNSELLOR, "officer": OFFICER, "counsellors": counsellors,
            "officers": officers, "partners": BIGGEST_PARTNERS, "family_names": FAMILY_NAMES}
    output = _homeward_run(["shell", "--verbosity", "0", "-c", f"PLAN = {json.dumps(plan)!r}\n{SETUP}"], env, cwd)
    return json.loads(output.strip().splitlines()[-1])


# --- the server -------------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_options(*, workers: int, threads: int) -> list[str]:
    """gunicorn's options: threads, because a request spends part of its time waiting for the database."""
    return ["--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
            "--timeout", str(TIMEOUT)]


def _server_start(env: dict[str, str], cwd: Path, *, port: int, options: list[str],
                  log: Path) -> subprocess.Popen[bytes]:
    command = [str(BIN / "gunicorn"), "homeward.wsgi:application", "--bind", f"127.0.0.1:{port}", *options,
               "--error-logfile", "-", "--log-level", "warning"]
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start: {log.read_text(errors='replace')[-2000:]}")
        try:
            if http.get(f"{base}/login/", headers=PROXY_HEADERS, timeout=5).status_code == 200:
                return server
        except http.ConnectionError:
            pass
        time.sleep(0.5)
    _server_stop(server)
    raise RuntimeError(f"gunicorn did not answer within {SERVER_START_SECONDS} s: {log.read_text()[-2000:]}")


def _server_stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _server_log(log: Path) -> dict[str, Any]:
    """What gunicorn and Django logged: each exception's last line with its count, and the first traceback whole."""
    lines = log.read_text(errors="replace").splitlines()
    exceptions: Counter[str] = Counter()
    first: list[str] = []
    for start, line in enumerate(lines):
        if not line.startswith("Traceback"):
            continue
        end = start + 1
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        block = lines[max(0, start - 1):end + 1]  # Django's "Internal Server Error: /path" comes just before
        exceptions[lines[end] if end < len(lines) else "?"] += 1
        first = first or block
    return {
        "tracebacks": sum(exceptions.values()),
        "exceptions": [{"exception": text, "count": count} for text, count in exceptions.most_common()],
        "worker_timeouts": sum("WORKER TIMEOUT" in line for line in lines),
        "first_traceback": "\n".join(first[:80]),
    }


class ServerSampler(threading.Thread):
    """The gunicorn master's and workers' RSS and CPU time, twice a second while it runs."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.samples: list[tuple[float, dict[str, Any], float]] = []  # (time, memory(), CPU seconds so far)
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.wait(0.5):
            self.samples.append((time.time(), memory(self.master), _cpu_seconds(self.master)))

    def phase(self, start: float, end: float) -> dict[str, Any]:
        """Peak RSS per process and in total, and the CPU cores the server kept busy, between start and end."""
        samples = [sample for sample in self.samples if start <= sample[0] <= end]
        if len(samples) < 2:
            return {}
        peaks: dict[int, float] = {}
        for _at, sample, _cpu in samples:
            for pid, rss in sample["workers"].items():
                peaks[pid] = max(peaks.get(pid, 0.0), rss)
        (first, _memory, cpu_first), (last, _memory, cpu_last) = samples[0], samples[-1]
        return {
            "seconds": round(last - first, 1),
            "server_cpu_cores_busy": round((cpu_last - cpu_first) / (last - first), 2),
            "rss_peak_total_mb": round(max(sample["total"] for _at, sample, _cpu in samples), 1),
            "rss_peak_master_mb": round(max(sample["master"] for _at, sample, _cpu in samples), 1),
            # More workers than gunicorn runs means some were started again (a timeout, a crash).
            "rss_peak_per_worker_mb": [round(rss, 1) for rss in peaks.values()],
        }


def memory(master: int) -> dict[str, Any]:
    """RSS in MB of the master and each worker (shared pages of the forked workers count in each)."""
    process = psutil.Process(master)
    master_rss = process.memory_info().rss / 2**20
    workers = {}
    for child in process.children():
        try:
            workers[child.pid] = child.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            continue
    return {"total": master_rss + sum(workers.values()), "master": master_rss, "workers": workers}


def _cpu_seconds(master: int) -> float:
    """CPU time used so far by the gunicorn master and its workers."""
    seconds = 0.0
    for process in [psutil.Process(master), *psutil.Process(master).children()]:
        try:
            used = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds += used.user + used.system
    return seconds


def _memory_rounded(sample: dict[str, Any]) -> dict[str, Any]:
    return {"total": round(sample["total"], 1), "master": round(sample["master"], 1),
            "workers": [round(rss, 1) for rss in sample["workers"].values()]}


# --- latency, one request at a time -------------------------------------------------------------------------------

def _get(session: http.Session, url: str, **kwargs: Any) -> http.Response:
    answer = session.get(url, timeout=60, **kwargs)
    _cookies_unsecure(session)
    return answer


def _cookies_unsecure(session: http.Session) -> None:
    """The session and CSRF cookies are marked Secure, and requests sends those over HTTPS only; here the proxy's
    HTTPS has ended before the loopback, so they go over plain HTTP as the proxy would pass them on."""
    for cookie in session.cookies:
        cookie.secure = False


def login(base: str, username: str) -> http.Session:
    session = http.Session()
    session.headers.update(PROXY_HEADERS)
    page = _get(session, f"{base}/login/")
    token = CSRF_TOKEN.search(page.text)
    if page.status_code != 200 or token is None:
        raise RuntimeError(f"the login page answered HTTP {page.status_code} without a CSRF token")
    answer = session.post(
        f"{base}/login/", data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD},
        headers={"Origin": base.replace("http://", "https://", 1)}, allow_redirects=False, timeout=30,
    )
    _cookies_unsecure(session)
    if answer.status_code != 302:
        raise RuntimeError(f"{username} could not log in: HTTP {answer.status_code}")
    return session


def _percentiles(milliseconds: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(milliseconds, n=100, method="inclusive") if len(milliseconds) > 1 else milliseconds * 99
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1), "p99": round(cuts[98], 1),
            "mean": round(statistics.fmean(milliseconds), 1), "max": round(max(milliseconds), 1)}


def latency(session: http.Session, url: str, *, times: int, marker: str,
            queries: list[str] | None = None) -> dict[str, Any]:
    """GET `url` (with `?q=` from `queries` in turn, if given) `times` times after WARM_UP more; milliseconds."""
    milliseconds = []
    wrong: Counter[str] = Counter()
    for number in range(WARM_UP + times):
        params = {"q": queries[number % len(queries)]} if queries else None
        started = time.perf_counter()
        answer = _get(session, url, params=params)
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            wrong[f"HTTP {answer.status_code}"] += 1
        elif marker not in answer.text:
            wrong[f"no {marker!r} on the page" + (f" (q={params['q']})" if params else "")] += 1
        if number >= WARM_UP:
            milliseconds.append(elapsed)
    return {**_percentiles(milliseconds), "requests": times, "wrong_answers": dict(wrong)}


# --- the load -------------------------------------------------------------------------------------------------------

def load(base: str, work: Path, *, users: int, seconds: int, plan: dict[str, Any]) -> dict[str, Any]:
    """Run bench/locustfile.py headless against `base`: the users log in, then click for `seconds` seconds."""
    plan_file, report = work / "plan.json", work / "report.json"
    plan_file.write_text(json.dumps({**plan, "password": PASSWORD, "seconds": seconds, "report": str(report)}),
                         encoding="utf-8")
    spawn_rate = max(1, users // 10)  # every user started after about ten seconds
    # The locustfile stops the run `seconds` after the last login; --run-time only caps logins that never end.
    command = [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(users),
               "-r", str(spawn_rate), "--run-time", f"{seconds + LOGIN_PHASE_CAP}s", "--host", base,
               "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env={**os.environ, "HOMEWARD_BENCH_PLAN": str(plan_file)}, cwd=HERE,
                          capture_output=True, text=True, timeout=seconds + LOGIN_PHASE_CAP + 120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not report.exists():
        raise RuntimeError(f"locust wrote no report: {(done.stderr or done.stdout).strip()[-2000:]}")
    result = json.loads(report.read_text(encoding="utf-8"))
    failures = result["failures"]
    return {
        "users": users, "spawn_rate_per_s": spawn_rate, "seconds": seconds, "wait_time_s": "between(1, 5)",
        "mix": "9 partner counsellors to 1 case officer", "locust_exit_code": done.returncode,
        "load_generator_cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
        "login_phase": result["login_phase"],
        "measured_from": result["measured_from"], "measured_until": result["measured_until"],
        "aggregated": result["aggregated"], "by_name": result["by_name"], "failures": failures,
        "server_errors_5xx": sum(failure["count"] for failure in failures
                                 if re.search(r"\b5\d\d\b", failure["error"])),
        "locustfile_exceptions": result["locustfile_exceptions"], "outcomes": result["outcomes"],
    }


# --- all of it --------------------------------------------------------------------------------------------------------

def measure(env: dict[str, str], *, requests: int = 200, users: int = 100, seconds: int = 60, workers: int = 3,
            threads: int = 4) -> dict[str, Any]:
    """Measure the web interface over the register in env's database (env: the homeward processes' environment)."""
    work = Path(tempfile.mkdtemp(prefix="homeward-web-"))
    try:
        return _measure(env, work, requests=requests, users=users, seconds=seconds, workers=workers, threads=threads)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(env: dict[str, str], work: Path, *, requests: int, users: int, seconds: int, workers: int,
             threads: int) -> dict[str, Any]:
    load_average = os.getloadavg()  # anything else running on the machine shows here
    var_dir = Path(env.get("HOMEWARD_VAR_DIR") or work / "var")
    var_dir.mkdir(parents=True, exist_ok=True)
    hosts = {host for host in env.get("ALLOWED_HOSTS", "").split(",") if host}
    env = {**env, "HOMEWARD_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "homeward.settings",
           "ALLOWED_HOSTS": ",".join(sorted(hosts | {"127.0.0.1"}))}
    officers = [f"{OFFICER}-{number:03d}" for number in range(1, max(1, users // 10) + 1)]
    counsellors = [f"{COUNSELLOR}-{number:03d}" for number in range(1, max(1, users - len(officers)) + 1)]
    register = accounts_create(env, var_dir, counsellors=counsellors, officers=officers)
    # Production serves the static files through whitenoise from STATIC_ROOT, with a manifest the pages need.
    _homeward_run(["collectstatic", "--noinput", "--verbosity", "0"], env, var_dir)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = work / "gunicorn.log"
    options = server_options(workers=workers, threads=threads)
    server = _server_start(env, var_dir, port=port, options=options, log=log)
    try:
        idle = memory(server.pid)
        names = register["family_names"]
        timings = {}
        for role, username in [("partner counsellor", COUNSELLOR), ("case officer", OFFICER)]:
            session = login(base, username)
            timings[role] = {
                "case list": latency(session, f"{base}/cases/", times=requests, marker=FOUND),
                "name search": latency(session, f"{base}/cases/", times=requests, marker=FOUND, queries=names),
            }
        after_latency = memory(server.pid)
        sampler = ServerSampler(server.pid)
        sampler.start()
        started = time.time()
        try:
            loaded = load(base, work, users=users, seconds=seconds,
                          plan={"counsellors": counsellors, "officers": officers, "family_names": names})
        finally:
            sampler.finished.set()
            sampler.join()
        measured_from = loaded.pop("measured_from") or started  # all of the run if not everyone logged in
        measured_until = loaded.pop("measured_until")
        after_load = memory(server.pid)
    finally:
        _server_stop(server)
    return {
        "server": {
            "command": " ".join(["gunicorn homeward.wsgi:application", *options]),
            "workers": workers, "worker_class": "gthread", "threads": threads, "timeout_s": TIMEOUT,
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(value, 2) for value in load_average],
            "https": "plain HTTP on the loopback with X-Forwarded-Proto: https, as the production proxy sends it",
        },
        "register": {"cases": register["cases"], "country_office": register["office"],
                     "biggest_partners": register["partners"]},
        "accounts": {"counsellor": COUNSELLOR, "counsellor_organisation": register["partners"][0]["name"],
                     "officer": OFFICER, "load_counsellors": len(counsellors), "load_officers": len(officers)},
        "searched_family_names": names,
        "latency_ms": timings,
        "load": loaded,
        # RSS in MB at rest; during the load, the peaks and the CPU cores the server kept busy.
        "server_processes": {
            "idle": _memory_rounded(idle), "after_latency": _memory_rounded(after_latency),
            "load_logging_in": sampler.phase(started, measured_from),
            "load_measured": sampler.phase(measured_from, measured_until),
            "after_load": _memory_rounded(after_load),
        },
        "server_log": _server_log(log),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure Homeward's web pages over HTTP on gunicorn.")
    parser.add_argument("--database-url", required=True, help="a database that holds an imported register")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per user and page")
    parser.add_argument("--users", type=int, default=100, help="simulated users in the load")
    parser.add_argument("--seconds", type=int, default=60, help="length of the load after the last login")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="homeward-web-var-") as var_dir:
        env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
        env.update(HOMEWARD_VAR_DIR=var_dir, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
                   ALLOWED_HOSTS="localhost", LOG_LEVEL="ERROR", DATABASE_URL=options.database_url)
        result = measure(env, requests=options.requests, users=options.users, seconds=options.seconds,
                         workers=options.workers, threads=options.threads)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
