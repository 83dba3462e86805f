"""Production settings pass the deployment checks; .env.example documents every variable."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "actlocal" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"
# Every way settings.py reads the environment: env_str("X"), env_bool("X"), os.environ.get("X")...
ENV_READ_RE = re.compile(
    r"""(?:env_(?:str|bool|int|list)|os\.environ\.get)\(\s*["']([A-Z0-9_]+)["']"""
)


def production_env(**overrides: str) -> dict[str, str]:
    """A clean production environment: DEBUG off, a long random key, a real host name."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "actlocal.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "actlocal.example.org",
            "SITE_URL": "https://actlocal.example.org",
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
            "REDIS_URL": os.environ.get("REDIS_URL", ""),
        }
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_at_warning_level():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_a_weakened_production_setting():
    # The command must fail when a protection is switched off, or the test above proves nothing.
    env = production_env(SECURE_SSL_REDIRECT="false")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("variable, value", [("DEBUG", "maybe"), ("DIRECTORY_PAGE_SIZE", "many")])
def test_a_malformed_setting_stops_startup_with_its_name(variable, value):
    result = manage("check", env=production_env(**{variable: value}))
    assert result.returncode != 0
    assert variable in result.stderr


def test_env_example_lists_every_variable_the_settings_read():
    read = set(ENV_READ_RE.findall(SETTINGS.read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    assert read, "no environment variables found in settings.py; did the helpers change?"
    assert read - documented == set()


@pytest.mark.parametrize("hosts", ["*", "actlocal.example.org,*"])
def test_production_refuses_any_host(hosts):
    # Any Host accepted means links built from requests could point anywhere.
    result = manage("check", env=production_env(ALLOWED_HOSTS=hosts))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's hosts" in result.stderr


def test_development_may_accept_any_host():
    result = manage("check", env=production_env(ALLOWED_HOSTS="*", DEBUG="true"))
    assert result.returncode == 0, result.stderr
