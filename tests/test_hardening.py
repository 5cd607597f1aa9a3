"""Hardening: Argon2 passwords, lockout after six wrong passwords, a Content-Security-Policy without inline code
that the pages satisfy, and production settings that pass Django's deployment checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.utils import reset
from django.conf import settings as django_settings
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.test import Client
from django.urls import reverse

from homeward import settings as homeward_settings
from tests.factories import PASSWORD, case_in_state

ROOT = Path(__file__).resolve().parents[1]


def test_passwords_are_hashed_with_argon2id_and_owasps_parameters(settings):
    settings.PASSWORD_HASHERS = homeward_settings.PASSWORD_HASHERS  # the tests' own hasher is a fast one

    encoded = make_password("a long enough password")

    assert homeward_settings.PASSWORD_HASHERS[0] == "homeward.core.hashers.Argon2idHasher"
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("a long enough password", encoded)


def test_a_password_hashed_with_djangos_argon2_defaults_still_logs_in_and_is_renewed(settings, counsellor):
    settings.PASSWORD_HASHERS = homeward_settings.PASSWORD_HASHERS
    counsellor.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    counsellor.save()

    response = _log_in(Client(), counsellor.username, PASSWORD)

    assert response.status_code == 302
    counsellor.refresh_from_db()
    assert counsellor.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def _log_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_six_wrong_passwords_lock_the_account_for_a_while(client, counsellor):
    for _attempt in range(6):
        response = _log_in(client, counsellor.username, "not the password")
    # the sixth wrong password locks it: the right one is refused too, with a page that says why
    response = _log_in(client, counsellor.username, PASSWORD)
    assert response.status_code in (403, 429)
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # after the cool-off (here: an administrator's reset) the right password works again
    reset(username=counsellor.username)
    response = _log_in(client, counsellor.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(counsellor.pk)


def test_a_locked_account_does_not_lock_its_colleagues(client, counsellor, officer):
    for _attempt in range(6):
        _log_in(client, counsellor.username, "not the password")
    # behind the production proxy every request has the same address: the lock is the account's, not the address's
    colleague = Client()
    assert colleague.post(reverse("login"), {"username": officer.username, "password": PASSWORD}).status_code == 302


def test_the_content_security_policy_allows_no_inline_code(client, counsellor):
    client.force_login(counsellor)
    policy = client.get(reverse("home")).headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


@pytest.mark.parametrize("role", ["counsellor", "officer"])
def test_the_pages_carry_no_inline_style_or_script(client, request, role, counsellor, officer, movement):
    case = case_in_state("UNDER_REVIEW", counsellor=counsellor, officer=officer, movement=movement)
    user = request.getfixturevalue(role)
    client.force_login(user)
    pages = [reverse("home"), reverse("case_list"), reverse("case_detail", args=[case.reference]),
             reverse("case_register"), reverse("api_tokens")]
    if role == "officer":
        pages += [reverse("rules_overview"), reverse("report_latest")]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_STYLE.search(html), f"inline style on {url}"
        assert not INLINE_SCRIPT.search(html), f"inline script on {url}"


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "k" * 20 + "production-like-key-for-the-checks-0123456789",
           "ALLOWED_HOSTS": "homeward.example.org", "HOMEWARD_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own thread, never in production
    done = subprocess.run([sys.executable, "-m", "homeward", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("debug", "key", "hosts", "message"),
    [("false", "", "homeward.example.org", "SECRET_KEY"), ("false", "short", "homeward.example.org", "SECRET_KEY"),
     ("false", "k" * 50, "", "ALLOWED_HOSTS")],
)
def test_production_refuses_to_start_without_a_real_key_or_hosts(tmp_path, debug, key, hosts, message):
    env = {**os.environ, "DEBUG": debug, "SECRET_KEY": key, "ALLOWED_HOSTS": hosts, "HOMEWARD_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "homeward", "check"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert message in done.stderr


def test_cookies_are_secure_in_production():
    # the test run is not production; the module says what production does
    source = (ROOT / "homeward" / "settings.py").read_text()
    assert "SESSION_COOKIE_SECURE = not DEBUG" in source and "CSRF_COOKIE_SECURE = not DEBUG" in source
    assert django_settings.SESSION_COOKIE_HTTPONLY
