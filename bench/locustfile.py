"""The mixed load of `bench/web.py`: partner counsellors and case officers clicking through Homeward's pages.

Run by `bench/web.py` (headless, as a subprocess), which creates the accounts and writes the plan this file reads
from the file named by HOMEWARD_BENCH_PLAN: the password, the counsellors' and case officers' usernames, family
names found in the register, how many seconds to measure, and where to write the report.

Every simulated user logs in once with its own account (one Argon2 check each), fetches the style sheet and script
as a browser with an empty cache would, then clicks with one to five seconds between clicks. The statistics of the
logins are kept apart: the measured part starts when the last user has logged in and lasts PLAN["seconds"].

- a counsellor browses its organisation's case list (sometimes on to page 2 or 3), searches by family name, opens
  a case from the list, registers a new household (half of them saved as drafts) and submits a draft;
- a case officer browses and searches the whole register, opens cases, starts the review of a registered
  application and approves one under review.

A step another user took first (a stale version, or a move the case no longer offers) is not a failure: it is
counted apart, as is a move the service refused. Failures are HTTP errors, connection errors and pages that do not
show what they should.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import gevent
from generate import CULTURE_OF, DESTINATIONS, WEIGHTS  # bench/generate.py (locust puts this folder on the path)
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser, ResponseContextManager
from locust.env import Environment
from locust.exception import StopUser
from locust.stats import RequestStats, StatsEntry

PLAN: dict[str, Any] = json.loads(Path(os.environ["HOMEWARD_BENCH_PLAN"]).read_text(encoding="utf-8"))
# The outcome of every workflow step and search.
OUTCOMES: Counter[str] = Counter()
# When the last user had logged in (the measured part starts) and what the logins came to; written at the end.
PHASES: dict[str, Any] = {"logged_in": 0, "measured_from": None, "login_phase": None}

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CASE_LINK = re.compile(r'<a class="ref" href="/cases/([^/"]+)/">')
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')
REAB_OPTION = re.compile(r'<option value="(\d+)"[^>]*>REAB</option>')
FORM_ERROR = re.compile(r'<ul class="errorlist"[^>]*><li>([^<]*)</li>')
MESSAGE = re.compile(r'<li class="(success|error)">([^<]*)</li>')
CASE_TABLE = 'id="case-table"'
FOUND = 'class="pagination"'  # shown under a list that has at least one case
RELATIONS = ["SPOUSE", "CHILD", "CHILD", "CHILD", "PARENT", "SIBLING"]


def _move_version(page: str, to_state: str) -> str | None:
    """The case version in the form of the move to `to_state`, if the case page offers that move."""
    found = re.search(rf'name="to_state" value="{to_state}">\s*<input type="hidden" name="version" value="(\d+)"', page)
    return found.group(1) if found else None


def _person(destination: str, index: int) -> dict[str, str]:
    family_names, women, men = CULTURE_OF[destination]
    sex = random.choice("FM")
    born = random.randint(1950, 2005) if index == 0 else random.randint(1945, 2024)
    return {
        "family_name": random.choice(family_names),
        "given_names": random.choice(women if sex == "F" else men),
        "sex": sex,
        "date_of_birth": f"{born}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}",
        "nationality": destination,
    }


class HomewardUser(FastHttpUser):
    abstract = True
    wait_time = between(1, 5)
    # What the production proxy adds in front of gunicorn: the request came in over HTTPS.
    default_headers = {"X-Forwarded-Proto": "https"}
    accounts: list[str] = []
    numbers: itertools.count[int]

    def on_start(self) -> None:
        # The session and CSRF cookies are marked Secure; the proxy's HTTPS has ended before the loopback, so they
        # go over plain HTTP as the proxy would pass them on.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("http", "https")))
        username = self.accounts[next(self.numbers) % len(self.accounts)]
        with self.client.get("/login/", name="login page", catch_response=True) as response:
            token = self._token(response)
            page = response.text or ""
        for link in sorted(set(STATIC_LINK.findall(page))):
            self.client.get(link, name="static file")
        with self.client.post(
            "/login/", name="log in", data=urlencode({"csrfmiddlewaretoken": token, "username": username,
                                                      "password": PLAN["password"]}),
            headers=self._post_headers(), allow_redirects=False, catch_response=True,
        ) as response:
            if response.status_code != 302:
                # Without a session nothing else means anything, and retried logins would lock accounts out.
                response.failure(f"login of {username} refused (HTTP {response.status_code}): test stopped")
                self.environment.runner.quit()
                raise StopUser()
        self._page("/", "home", "Good day")
        _logged_in(self.environment)

    def _post_headers(self) -> dict[str, str]:
        # A browser names the origin of every POST; Django's CSRF check compares it with the host.
        return {"Origin": (self.host or "").replace("http://", "https://", 1),
                "Content-Type": "application/x-www-form-urlencoded"}

    def _token(self, response: ResponseContextManager) -> str:
        found = CSRF_TOKEN.search(response.text or "")
        if not found:
            response.failure("no CSRF token on the page")
            return ""
        return found.group(1)

    def _page(self, url: str, name: str, marker: str) -> str:
        """GET a page; a failure unless it answers 200 and shows `marker`."""
        with self.client.get(url, name=name, catch_response=True) as response:
            text = response.text or ""
            if response.status_code == 200 and marker not in text:
                response.failure(f"{name}: the page does not show {marker!r}")
            return text if response.status_code == 200 else ""

    def _case_list(self, query: str = "", name: str = "case list") -> list[str]:
        return CASE_LINK.findall(self._page(f"/cases/{query}", name, CASE_TABLE))

    @task(4)
    def browse(self) -> None:
        references = self._case_list()
        if references and random.random() < 0.5:
            for number in range(2, random.choice([3, 4])):
                self._case_list(f"?page={number}", "case list, page 2 or 3")

    @task(3)
    def search(self) -> None:
        # Common in the biggest partner's cases; another partner may have no household of that name.
        family_name = random.choice(PLAN["family_names"])
        page = self._page(f"/cases/?{urlencode({'q': family_name})}", "search by name", CASE_TABLE)
        OUTCOMES["search: found" if FOUND in page else "search: no case of that name"] += 1

    @task(3)
    def open_case(self) -> None:
        references = self._case_list()
        if references:
            self._page(f"/cases/{random.choice(references)}/", "case page", 'data-testid="reference"')

    def _transition(self, state: str, to_state: str, label: str) -> None:
        """Take a case in `state` from the list filtered on it, open it and make the move to `to_state`."""
        references = self._case_list(f"?state={state}", f"case list, {state.lower()}")
        if not references:
            OUTCOMES[f"{label}: no case to move"] += 1
            return
        reference = random.choice(references)
        page = self._page(f"/cases/{reference}/", "case page", 'data-testid="reference"')
        version = _move_version(page, to_state)
        token = CSRF_TOKEN.search(page)
        if version is None or token is None:
            OUTCOMES[f"{label}: already moved by someone else (move no longer offered)"] += 1
            return
        with self.client.post(
            f"/cases/{reference}/transition/", name=f"transition: {label}",
            data=urlencode({"csrfmiddlewaretoken": token.group(1), "to_state": to_state, "version": version}),
            headers=self._post_headers(), allow_redirects=False, catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"transition answered HTTP {response.status_code}, not a redirect")
                return
        answer = self._page(f"/cases/{reference}/", "case page after a POST", 'data-testid="reference"')
        message = MESSAGE.search(answer)
        if message is None:
            OUTCOMES[f"{label}: no message"] += 1
        elif message.group(1) == "success":
            OUTCOMES[f"{label}: done"] += 1
        elif "Someone else saved" in message.group(2):
            OUTCOMES[f"{label}: stale version (someone else saved it at the same moment)"] += 1
        elif "cannot become" in message.group(2):
            OUTCOMES[f"{label}: already moved by someone else (refused)"] += 1
        else:
            # The first words name the reason; the rest may name persons.
            OUTCOMES[f"{label}: refused: {' '.join(message.group(2).split()[:6])} …"] += 1


class Counsellor(HomewardUser):
    weight = 9
    accounts = PLAN["counsellors"]
    numbers = itertools.count()

    @task(1)
    def register(self) -> None:
        with self.client.get("/cases/new/", name="registration form", catch_response=True) as response:
            token = self._token(response)
            reab = REAB_OPTION.search(response.text or "")
            if reab is None:
                response.failure("no REAB programme on the registration form")
                return
        destination = random.choices(DESTINATIONS, WEIGHTS)[0]
        size = random.choices([1, 2, 3, 4, 5], [62, 18, 10, 6, 4])[0]
        fields: dict[str, str] = {
            "csrfmiddlewaretoken": token, "programme": reab.group(1), "reab_category": "ASYLUM_REJECTED",
            "destination": destination, "notes": "",
            "members-TOTAL_FORMS": str(size - 1), "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "29",
        }
        fields.update({f"principal-{key}": value for key, value in _person(destination, 0).items()})
        for index in range(size - 1):
            member = {**_person(destination, index + 1), "relation": random.choice(RELATIONS)}
            fields.update({f"members-{index}-{key}": value for key, value in member.items()})
        draft = random.random() < 0.5
        fields["save_draft" if draft else "register"] = ""
        with self.client.post(
            "/cases/new/", name="register a household", data=urlencode(fields), headers=self._post_headers(),
            allow_redirects=False, catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or not location.startswith("/cases/"):
                error = FORM_ERROR.search(response.text or "")
                response.failure(f"registration not saved (HTTP {response.status_code}"
                                 f"{': ' + error.group(1) if error else ''})")
                return
        OUTCOMES["registration: saved as draft" if draft else "registration: registered"] += 1
        self._page(location, "case page after a POST", 'data-testid="reference"')

    @task(1)
    def submit_draft(self) -> None:
        self._transition("DRAFT", "REGISTERED", "submit a draft")


class CaseOfficer(HomewardUser):
    weight = 1
    accounts = PLAN["officers"]
    numbers = itertools.count()

    @task(2)
    def start_review(self) -> None:
        self._transition("REGISTERED", "UNDER_REVIEW", "start review")

    @task(1)
    def approve(self) -> None:
        self._transition("UNDER_REVIEW", "APPROVED", "approve")


def _logged_in(environment: Environment) -> None:
    """After the last login: the statistics start again from zero for PLAN["seconds"] of clicking.

    A login costs an Argon2 hash (about 0.2 s of CPU and 100 MiB), so a crowd logging in at once slows every page
    for a while; that phase is reported apart, and the measured part starts when everyone is in."""
    runner, options = environment.runner, environment.parsed_options
    assert runner is not None and options is not None, "run from the command line"
    PHASES["logged_in"] += 1
    if PHASES["logged_in"] != options.num_users:
        return
    stats = environment.stats
    PHASES["login_phase"] = {
        "seconds": round(time.time() - stats.total.start_time, 1),
        "log_in": _summary(stats.get("log in", "POST")),
        "all_requests": _summary(stats.total),
        "failures": _failures(stats),
    }
    stats.reset_all()
    PHASES["measured_from"] = time.time()
    gevent.spawn_later(PLAN["seconds"], runner.quit)


def _summary(entry: StatsEntry) -> dict[str, Any]:
    # Locust keeps response times rounded: to the millisecond below 100 ms, to two digits above.
    return {
        "requests": entry.num_requests, "failures": entry.num_failures,
        "requests_per_s": round(entry.total_rps, 2), "mean_ms": round(entry.avg_response_time, 1),
        "p50_ms": entry.get_response_time_percentile(0.5), "p95_ms": entry.get_response_time_percentile(0.95),
        "p99_ms": entry.get_response_time_percentile(0.99), "max_ms": round(entry.max_response_time or 0, 1),
    }


def _failures(stats: RequestStats) -> list[dict[str, Any]]:
    return [{"request": f"{error.method} {error.name}", "error": str(error.error), "count": error.occurrences}
            for error in stats.errors.values()]


@events.test_stop.add_listener
def _report(environment: Environment, **_kwargs: Any) -> None:
    """The measured part's statistics (all of the run if not everyone logged in), from locust's counters as the
    test stops: its --csv files are rewritten once a second and may miss the last second."""
    stats = environment.stats
    exceptions = environment.runner.exceptions.values() if environment.runner else []
    report = {
        **PHASES,
        "measured_until": time.time(),
        "aggregated": _summary(stats.total),
        "by_name": {f"{entry.method} {entry.name}": _summary(entry) for entry in stats.entries.values()
                    if entry.num_requests},
        "failures": _failures(stats),
        "locustfile_exceptions": [{"count": row["count"], "message": row["msg"], "traceback": row["traceback"][-1500:]}
                                  for row in exceptions],
        "outcomes": dict(sorted(OUTCOMES.items())),
    }
    Path(PLAN["report"]).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
