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
from django.utils.safestring import SafeString, mark_safe

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


PART_NAMES = ("article_html", "parent_crumb", "rsvp_panel_html")
# accepts_rsvps and is_past, as the panel's key spells them.
PANEL_FLAGS = ("00", "01", "10", "11")


def _event_keys(versions: tuple[int, ...] | int, slug: str, flags: str) -> list[str]:
    # By slug (unique; a new slug is a write, which bumps the versions), so the page cache can
    # name them from the URL alone (`event_part_keys`).
    return [
        part_key("events", "article", versions, slug),
        part_key("events", "crumb", versions, slug),
        part_key("events", "panel", versions, slug, flags),
    ]


def event_part_keys(versions: tuple[int, ...], request: HttpRequest, slug: str) -> list[str]:
    """The parts an anonymous visit of /events/<slug>/ may read (for the page cache's lookup):
    the panel under each of its flags, as which one applies is known only from the row."""
    return [
        *_event_keys(versions, slug, PANEL_FLAGS[0]),
        *(_event_keys(versions, slug, flags)[2] for flags in PANEL_FLAGS[1:]),
    ]


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
    names = dict(zip(PART_NAMES, _event_keys(versions or 0, event.slug, flags), strict=True))
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


# The list's filters, as the URL names them: the results and sidebar parts are keyed by their
# raw values, so the page cache can name them before the form is cleaned.
LIST_FIELDS = ("state", "kind", "topic", "zip", "miles")


def list_part_keys(versions: tuple[int, ...], request: HttpRequest) -> list[str]:
    """[results, sidebar] of the list at this URL: the results (their count and the cards of
    the requested page) by the filters as typed and the page; the sidebar by the filters."""
    values = [(name, request.GET.getlist(name)) for name in LIST_FIELDS]
    filters = hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
    page = hashlib.blake2b(request.GET.get("page", "").strip().encode(), digest_size=8).hexdigest()
    return [
        part_key("events", "results", versions, filters, page),
        part_key("events", "sidebar", versions, filters),
    ]


def _count_and_html(value: object) -> bool:
    # Anything else under the key is treated as missing, never output.
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], str)
    )


def near_part_keys(versions: tuple[int, ...] | int, request: HttpRequest) -> list[str]:
    """The events part of /events/near-part/ (for the page cache), by the filters as typed."""
    values = [(name, request.GET.getlist(name)) for name in LIST_FIELDS]
    filters = hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
    return [part_key("events", "near", versions, filters)]


def list_parts_get(
    request: HttpRequest,
) -> tuple[list[str] | None, tuple[int, SafeString] | None, SafeString | None]:
    """(keys, (count, cards) of the page, sidebar) stored for a valid list request: one round
    trip, or none when the page cache read them already. Keys None without a cache."""
    versions = request_versions(request)
    if versions is None:
        return None, None, None
    keys = list_part_keys(versions, request)
    found = cache_get_many(keys)
    results, sidebar = found.get(keys[0]), found.get(keys[1])
    # Rendered by our templates with autoescaping on before they were cached.
    results = (results[0], mark_safe(results[1])) if _count_and_html(results) else None  # noqa: S308
    sidebar = mark_safe(sidebar) if isinstance(sidebar, str) else None  # noqa: S308
    return keys, results, sidebar


def list_parts_set(keys: list[str] | None, values: dict[int, object]) -> None:
    """Keep the list's parts by their index in `list_part_keys` (0: (count, cards), 1: sidebar)."""
    if keys is not None:
        cache_set_many({keys[index]: value for index, value in values.items()})


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
