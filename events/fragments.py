"""The shared part of an event's page kept in the cache: its article (what, when, where, hosts,
topics, map, agenda, follow-ups) and the parent's breadcrumb.

An anonymous visitor of a public event sees exactly what every other anonymous visitor sees
there, so one rendering serves them all; the RSVP panel, the CSRF token and the team's links
are still rendered for each request. Invite-only events, drafts and kits are never stored,
and signed-in people always get their own rendering (their sign-ups, facilitators they may
see). Keys carry the directory's and the events' cache versions read before any row (any
change to an event, session, sign-up, host, leader or topic bumps one of them) and the
language. Without a cache everything is rendered, and nothing fails.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from actlocal.languages import cache_language
from directory.cache import request_scope_versions

from .models import Event

logger = logging.getLogger(__name__)

SCOPE = "events"
ARTICLE_TEMPLATE = "events/_event_article.html"
CRUMB_TEMPLATE = "events/_parent_crumb.html"


def article_is_shared(request: HttpRequest, event: Event) -> bool:
    """Whether this request may use (and fill) the shared rendering of the event's article."""
    return (
        not request.user.is_authenticated
        and event.visibility == Event.Visibility.PUBLIC
        and event.status != Event.Status.DRAFT
        and not event.is_template
    )


def _render(context: dict) -> dict[str, str]:
    parent = context.get("parent")
    # Rendered without the request, so with no CSRF token or user; the share links need
    # the site's address, which the context processor gives other pages.
    context = {**context, "SITE_URL": settings.SITE_URL}
    return {
        "article_html": render_to_string(ARTICLE_TEMPLATE, context),
        "parent_crumb": render_to_string(CRUMB_TEMPLATE, {"parent": parent}) if parent else "",
    }


def event_article(
    request: HttpRequest, event: Event, context: Callable[[], dict]
) -> dict[str, str]:
    """`article_html` and `parent_crumb` of a shared event page (see `article_is_shared`), from
    the cache or rendered with `context()` (which loads what the article shows) and kept."""
    versions = request_scope_versions(request, (SCOPE,))
    key = None
    if versions is not None:
        key = ":".join(["events", "article", "v1", cache_language(), *map(str, versions)])
        key = f"{key}:{event.pk}"
        try:
            found = cache.get(key)
        except Exception:
            logger.warning("Event fragment cache unavailable", exc_info=True)
            found, key = None, None
        if isinstance(found, dict):
            return _safe(found)
    parts = _render(context())
    if key is not None:
        try:
            cache.set(key, parts, settings.PUBLIC_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not store an event fragment", exc_info=True)
    return _safe(parts)


def _safe(parts: dict[str, str]) -> dict[str, str]:
    # Rendered by our templates with autoescaping on, here or before it was cached.
    return {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308


def list_count(request: HttpRequest, filterset, queryset) -> int:
    """How many listed events match the list's filters, kept per cleaned filters under the
    directory's and the events' versions (listed events are public, the same for every
    viewer), so another URL of the same search (another page, a new query string) skips the
    count. Like a stored page, it may lag an event's end by PUBLIC_CACHE_SECONDS."""
    versions = request_scope_versions(request, (SCOPE,))
    key = None
    if versions is not None:
        cleaned = getattr(filterset.form, "cleaned_data", {})
        values = sorted(
            (name, getattr(value, "pk", value)) for name, value in cleaned.items() if value
        )
        digest = hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
        key = ":".join(["events", "count", "v1", *map(str, versions), digest])
        try:
            found = cache.get(key)
        except Exception:
            logger.warning("Event fragment cache unavailable", exc_info=True)
            found, key = None, None
        if isinstance(found, int):
            return found
    count = queryset.count()
    if key is not None:
        try:
            cache.set(key, count, settings.PUBLIC_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not store an event count", exc_info=True)
    return count
