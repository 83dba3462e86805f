"""Every page kind, read in (pseudo-)Spanish, shows no English a person would see.

See `docs/i18n-check.md` for how the check works and how to fix what it reports.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve

from .pages import FRAGMENTS, UNREAD, pages, place_words, users
from .visible import findings, visible_texts

pytestmark = pytest.mark.usefixtures("in_world", "spanish")


def _client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.cookies["django_language"] = "es"
    if user is not None:
        client.force_login(user)
    return client


def _view_name(url: str) -> str | None:
    try:
        return resolve(url.split("?")[0]).view_name
    except Resolver404:
        return None  # the 404 page


def test_every_page_kind_shows_no_english():
    people = users()
    clients = {role: _client(user) for role, user in people.items()}
    clients["anonymous"] = _client()
    problems: list[str] = []
    places = place_words()
    for role, url in pages():
        fragment = _view_name(url) in FRAGMENTS
        response = clients[role].get(url, headers={"HX-Request": "true"} if fragment else {})
        if response.status_code not in (200, 404):
            problems.append(f"{role} {url}: status {response.status_code}")
            continue
        html = response.content.decode()
        for line in findings(visible_texts(html), data_words=places):
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
    # The admin's own pages are read through the few listed in pages(); not each model's.
    names = {
        name
        for name, module in _patterns(get_resolver())
        if module.startswith(ours) and not name.startswith("admin:")
    }
    read = {_view_name(url) for _role, url in pages()}
    missing = sorted(names - read - set(UNREAD))
    assert missing == [], f"URL patterns neither read by the check nor in UNREAD: {missing}"
