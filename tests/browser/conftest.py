"""Browser tests: the system Chromium driven by Playwright against pytest-django's live server.

Playwright's sync API runs an asyncio event loop in the test thread, so Django's guard against ORM calls from
async code must be lifted for the ORM calls fixtures and tests make; the live server thread is unaffected.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HERE = Path(__file__).resolve().parent
VIEWPORT: ViewportSize = {"width": 1366, "height": 900}
# Short enough that a broken page fails fast, long enough for a loaded CI machine.
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Kept on the item (rep_setup, rep_call, rep_teardown) so the `page` fixture knows whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _seed_programmes(seeded_transactional_db: None) -> None:
    """The live server needs a transactional database, with the programmes and rules put back (tests/conftest.py).

    Not Django's serialized rollback: once Playwright's event loop runs, the test thread gets a new database
    connection object, without the serialized contents, and the rollback silently restores nothing.
    """


@pytest.fixture(scope="session")
def playwright() -> Generator[Playwright]:
    if not CHROMIUM.exists():
        message = f"Chromium not installed at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Generator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Generator:
    """Opens pages, each in a fresh context (its own cookies: one logged-in person per page).

    If the test fails, the page opened last is saved to test-artifacts/<test name>.png and any earlier ones to
    <test name>-<n>.png, n counting from 1 in the order they were opened.
    """
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page

    report = getattr(request.node, "rep_call", None)
    failed = report is None or report.failed
    if failed and contexts:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        pages = [page for context in contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            suffix = "" if number == len(pages) else f"-{number}"
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
            except Exception as error:  # a crashed page must not hide the test's own failure
                print(f"Could not save a screenshot of {page.url}: {error}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def log_in(page: Page, user, password: str = factories.PASSWORD) -> Page:
    """Logs `user` in through the real login form and waits until the page shows them logged in."""
    page.goto("/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page
