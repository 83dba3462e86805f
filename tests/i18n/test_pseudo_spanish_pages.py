"""Every page kind, read in (pseudo-)Spanish, shows no English a person would see.

See `docs/i18n-check.md` for how the check works and how to fix what it reports.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, resolve

from .pages import UNREAD, pages, users
from .visible import findings, visible_texts

pytestmark = pytest.mark.usefixtures("in_world", "spanish")


def _client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.cookies["django_language"] = "es"
    if user is not None:
        client.force_login(user)
    return client


def test_every_page_kind_shows_no_english():
    people = users()
    clients = {role: _client(user) for role, user in people.items()}
    clients["anonymous"] = _client()
    problems: list[str] = []
    for role, url in pages():
        response = clients[role].get(url)
        if response.status_code not in (200, 404):
            problems.append(f"{role} {url}: status {response.status_code}")
            continue
        html = response.content.decode()
        for line in findings(visible_texts(html)):
            problems.append(f"{role} {url}: {line}")
    assert not problems, "English on Spanish pages:\n" + "\n".join(problems)


def _patterns(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback.__module__


def test_every_url_pattern_is_read_or_named():
    ours = ("actlocal.", "directory.", "events.", "campaigns.", "surveys.", "toolkits.", "portal.")
    names = {name for name, module in _patterns(get_resolver()) if module.startswith(ours)}
    read = {resolve(url.split("?")[0]).view_name for _role, url in pages()}
    missing = sorted(names - read - set(UNREAD))
    assert missing == [], f"URL patterns neither read by the check nor in UNREAD: {missing}"
