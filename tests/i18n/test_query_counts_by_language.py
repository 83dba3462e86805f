"""Reading a page in Spanish costs the same queries as in English: the Spanish versions of
content and reference names (`*_es`) ride on the rows already loaded, never a query per row.

Each page is counted uncached (caches cleared before each count) on the same seeded world,
once per language, after one warm-up request so nothing the process loads once is counted.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .pages import LEGISLATIVE, users

pytestmark = pytest.mark.usefixtures("in_world")


def _pages() -> list[tuple[str, str]]:
    from events.models import Event
    from surveys.models import Survey
    from toolkits.models import Document

    event = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED, visibility=Event.Visibility.PUBLIC, is_template=False
        )
        .order_by("starts_at")
        .first()
    )
    document = Document.objects.select_related("toolkit").order_by("pk").first()
    survey = Survey.objects.exclude(published_at=None).order_by("pk").first()
    if survey is None:
        survey = Survey.objects.order_by("pk").first()
        Survey.objects.filter(pk=survey.pk).update(published_at=timezone.now())
    return [
        ("anonymous", "/"),
        ("anonymous", "/directory/"),
        ("anonymous", "/directory/leaders/"),
        ("anonymous", "/events/"),
        ("anonymous", event.get_absolute_url()),
        ("anonymous", "/campaigns/"),
        ("anonymous", f"/campaigns/{LEGISLATIVE}/scoreboard/"),
        ("anonymous", reverse("toolkits:list")),
        ("anonymous", reverse("toolkits:document", args=[document.toolkit.slug, document.slug])),
        ("anonymous", reverse("surveys:report", args=[survey.slug])),
        ("member", "/me/"),
    ]


def _count(role: str, url: str, language: str) -> int:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    if role != "anonymous":
        user = users()[role]
        type(user).objects.filter(pk=user.pk).update(language=language)
        client.force_login(user)
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} ({language}): {response.status_code}"
    assert response.headers["Content-Language"] == language
    return len(queries)


def test_a_page_costs_the_same_queries_in_spanish_as_in_english():
    differ = []
    for role, url in _pages():
        _count(role, url, "en")  # warm-up: what the process loads once
        english, spanish = _count(role, url, "en"), _count(role, url, "es")
        if english != spanish:
            differ.append(f"{url}: {english} queries in English, {spanish} in Spanish")
    assert differ == [], "\n".join(differ)
