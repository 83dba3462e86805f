"""The shared parts of an event's page kept in the cache (actlocal.cached_parts): its article
(what, when, where, hosts, topics, map, agenda, follow-ups), the parent's breadcrumb and the
RSVP panel as an anonymous visitor sees it (the one-step form, seats left).

An anonymous visitor of a public event sees exactly what every other anonymous visitor sees
there, so one rendering serves them all: the panel's form carries the CSRF placeholder, which
the page cache replaces with each visitor's own token (directory.cache), and the team's links
are still rendered for each request. Invite-only events, drafts and kits are never stored,
and signed-in people always get their own rendering (their sign-ups, their RSVP, facilitators
they may see). Keys carry the directory's and the events' cache versions read before any row
(any change to an event, session, sign-up, RSVP, host, leader or topic bumps one of them) and
the language; the panel's also whether the event still takes RSVPs and is over, which change
with the clock and no write. Without a cache everything is rendered, and nothing fails.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from actlocal.cached_parts import cache_get_many, cache_set_many, cached_parts, part_key
from directory.cache import request_scope_versions

from .models import Event

SCOPE = "events"
ARTICLE_TEMPLATE = "events/_event_article.html"
CRUMB_TEMPLATE = "events/_parent_crumb.html"
PANEL_TEMPLATE = "events/_rsvp_panel.html"


def article_is_shared(request: HttpRequest, event: Event) -> bool:
    """Whether this request may use (and fill) the shared renderings of the event's page."""
    return (
        not request.user.is_authenticated
        and event.visibility == Event.Visibility.PUBLIC
        and event.status != Event.Status.DRAFT
        and not event.is_template
    )


def request_versions(request: HttpRequest) -> tuple[int, ...] | None:
    """The versions the parts of this request are stored under: call before reading rows."""
    return request_scope_versions(request, (SCOPE,))


def _render(template: str, context: dict) -> str:
    # Rendered without the request, so with no CSRF token or user; the share links need
    # the site's address, which the context processor gives other pages.
    return render_to_string(template, {**context, "SITE_URL": settings.SITE_URL})


def _crumb(parent: Event | None) -> str:
    return render_to_string(CRUMB_TEMPLATE, {"parent": parent}) if parent else ""


def event_parts(
    request: HttpRequest,
    event: Event,
    *,
    article: Callable[[], dict],
    panel: Callable[[], dict],
) -> dict[str, SafeString]:
    """`article_html`, `parent_crumb` and `rsvp_panel_html` of a shared event page (see
    `article_is_shared`), from the cache in one round trip or rendered with `article()` and
    `panel()` (which load what they show) and kept."""
    versions = request_versions(request)
    article = functools.cache(article)
    flags = f"{int(event.accepts_rsvps)}{int(event.is_past)}"
    names = {
        "article_html": part_key("events", "article", versions or 0, event.pk),
        "parent_crumb": part_key("events", "crumb", versions or 0, event.pk),
        "rsvp_panel_html": part_key("events", "panel", versions or 0, event.pk, flags),
    }
    renderers = {
        "article_html": lambda: _render(ARTICLE_TEMPLATE, article()),
        # The parent the article's rows say an anonymous visitor may see (an invite-only
        # parent is left out), never `event.parent` as loaded.
        "parent_crumb": lambda: _crumb(article().get("parent")),
        "rsvp_panel_html": lambda: _render(PANEL_TEMPLATE, panel()),
    }
    parts = cached_parts(
        versions=versions, parts={names[name]: render for name, render in renderers.items()}
    )
    return {name: parts[key] for name, key in names.items()}


def list_count(request: HttpRequest, filterset, queryset) -> int:
    """How many listed events match the list's filters, kept per cleaned filters under the
    directory's and the events' versions (listed events are public, the same for every
    viewer), so another URL of the same search (another page, a new query string) skips the
    count. Like a stored page, it may lag an event's end by PUBLIC_CACHE_SECONDS."""
    versions = request_versions(request)
    key = None
    if versions is not None:
        cleaned = getattr(filterset.form, "cleaned_data", {})
        values = sorted(
            (name, getattr(value, "pk", value)) for name, value in cleaned.items() if value
        )
        digest = hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
        key = part_key("events", "count", versions, digest)
        found = cache_get_many([key]).get(key)
        if isinstance(found, int):
            return found
    count = queryset.count()
    if key is not None:
        cache_set_many({key: count})
    return count
