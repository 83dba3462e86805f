"""/healthz: 200 when the database and the broker answer, 503 with the failing part otherwise;
a cache outage is reported but keeps the 200 (pages are served from the database)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_is_ok_when_database_and_broker_answer(anon_client):
    response = anon_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
        "broker": "redis",
    }


def test_healthz_is_503_when_the_broker_port_is_closed(anon_client):
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{closed_port()}/0"):
        response = anon_client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "unavailable"}


def test_healthz_is_503_when_the_database_is_unreachable():
    # A separate process, because this one's database connection is the test database.
    script = (
        "import django, json\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "response = Client(HTTP_HOST='localhost').get('/healthz')\n"
        "print(json.dumps({'status': response.status_code, 'body': response.json()}))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "actlocal.settings_test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/actlocal",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["checks"]["database"] == "unavailable"
    assert answer["body"]["status"] == "unavailable"


def test_healthz_without_a_broker_reports_in_process_tasks(anon_client):
    with override_settings(CELERY_BROKER_URL=""):
        response = anon_client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "in-process"


def test_healthz_is_never_cached(anon_client):
    assert anon_client.get("/healthz")["Cache-Control"] == "no-store"


def test_healthz_answers_signed_in_people_the_same_way(member_client):
    assert member_client.get("/healthz").status_code == 200
