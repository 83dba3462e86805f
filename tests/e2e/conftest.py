"""Browser journeys: Playwright driving Debian's Chromium against Django's live server.

Outside requests (map tiles, fonts) are blocked so journeys never depend on the network; every
page a journey visits can be checked with axe-core for serious or critical violations.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

# The live server runs in a thread of this process; Playwright's sync API runs an event loop in
# the same thread as the test, which Django would otherwise refuse for ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-results"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-dev-shm-usage",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def page(page, live_server):
    """A page that may only talk to the live server; anything else is aborted.

    Anything the Content-Security-Policy blocks (an inline script, a style attribute) fails
    the journey: the browser reports it on the console, and the page would not work as tested.
    """

    def only_local(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        return route.abort()

    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.route("**/*", only_local)
    page.set_default_timeout(10_000)
    yield page
    assert blocked == [], blocked


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "page" in item.funcargs:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        # The screenshot is a courtesy; the failure itself is already reported.
        with contextlib.suppress(Exception):
            item.funcargs["page"].screenshot(
                path=str(ARTIFACTS / f"{item.name}.png"), full_page=True
            )


@pytest.fixture
def assert_accessible(page):
    """Run axe-core on the current page and fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(context: str = "") -> None:
        results = axe.run(page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}
        ]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + ", ".join(n["target"][0] for n in v["nodes"][:5])
            for v in bad
        )
        assert not bad, f"Accessibility violations on {page.url} {context}:\n{details}"

    return check


@pytest.fixture
def sign_in(page, live_server):
    """Sign a user in for this page's browser context without the login form.

    A session is made server-side (as the test client's force_login does) and its cookie handed
    to the browser; calling it again switches the browser to another person.
    """
    from django.conf import settings
    from django.test import Client

    def sign_in(user) -> None:
        client = Client()
        client.force_login(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )

    return sign_in
