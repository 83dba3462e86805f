"""With PostgreSQL unreachable every request gets a clear 503 page, quickly, never a 500."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from actlocal.error_pages import server_error

ROOT = Path(__file__).resolve().parents[2]

CRAWL = r"""
import json, time
import django
django.setup()
from django.test import Client
results = []
client = Client(HTTP_HOST="localhost", raise_request_exception=False)
for method, url in [("get", "/"), ("get", "/events/"), ("get", "/directory/leaders/"),
                    ("get", "/campaigns/"), ("post", "/accounts/login/")]:
    started = time.monotonic()
    response = getattr(client, method)(url)
    results.append({"url": url, "status": response.status_code,
                    "seconds": time.monotonic() - started,
                    "body": response.content.decode(),
                    "retry": response.get("Retry-After")})
print(json.dumps(results))
"""


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_every_request_gets_the_503_page_quickly_when_the_database_is_down():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "actlocal.settings_test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/actlocal",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", CRAWL],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for answer in json.loads(result.stdout.strip().splitlines()[-1]):
        assert answer["status"] == 503, answer["url"]
        assert "temporarily unavailable" in answer["body"], answer["url"]
        assert answer["retry"] == "30"
        assert answer["seconds"] < 3, answer


def test_a_database_error_outside_a_view_is_also_a_503():
    # Sessions and accounts middleware can meet the outage outside the view; Django then calls
    # the 500 handler from inside its except block.
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503


def test_other_errors_still_get_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 500


def test_connecting_to_the_database_gives_up_after_a_few_seconds():
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 3
