"""Rendered parts of the public campaign pages kept in the cache (actlocal.cached_parts).

A visit that misses the page cache (a signed-in person, another query string) still gets:

- a campaign's article (ask, progress, links, partners, documents, sharing), per viewer level:
  the documents listed are those the viewer's toolkit level may open, nothing else differs.
  The "take part" panel (joined or not, organizer links) stays outside, rendered per request;
- an official's record (stance, history, meetings, pressure, contact), the same for everyone;
- the list's results for one set of filters and page (the count, the heading and the cards),
  and its filter form: the pagination links, which repeat the request's own query string, are
  rendered per request from the stored count.

Keys carry the directory's and the campaigns' versions read before any row (every campaigns
model but the outbox bumps the campaigns scope; directory and toolkit writes bump the
directory's) and the language. Drafts are never stored: only their team sees them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from actlocal.cached_parts import cache_get_many, cache_set_many, cached_part, part_key
from directory.cache import request_scope_versions
from toolkits.roles import viewer_level

from .models import Campaign, Official
from .page_cache import SCOPE

ARTICLE_TEMPLATE = "campaigns/_campaign_article.html"
OFFICIAL_TEMPLATE = "campaigns/_official_body.html"
RESULTS_TEMPLATE = "campaigns/_campaign_results.html"
FILTERS_TEMPLATE = "campaigns/_campaign_filters.html"


def request_versions(request: HttpRequest) -> tuple[int, ...] | None:
    """The versions every part of this request is stored under: call before reading rows."""
    return request_scope_versions(request, (SCOPE,))


def _render(template: str, context: dict) -> str:
    # No request: no CSRF token, user or messages can reach a shared part; the share links
    # need the site's address, which the context processor gives other pages.
    return render_to_string(template, {**context, "SITE_URL": settings.SITE_URL})


# Parts are keyed by slugs (unique; a new slug is a write, which bumps the versions), so the
# page cache can name them from the URL alone and read them with its lookup.
def _article_key(versions: tuple[int, ...] | int, level: str, slug: str) -> str:
    return part_key("campaigns", "article", versions, level, slug)


def _official_key(versions: tuple[int, ...] | int, slug: str, official: str) -> str:
    return part_key("campaigns", "official", versions, slug, official)


def article_part_keys(versions: tuple[int, ...], request: HttpRequest, slug: str) -> list[str]:
    """The article an anonymous visit of a campaign's page reads (for the page cache)."""
    return [_article_key(versions, viewer_level(request.user), slug)]


def official_part_keys(
    versions: tuple[int, ...], request: HttpRequest, slug: str, official: str
) -> list[str]:
    """The record an anonymous visit of an official's page reads (for the page cache)."""
    return [_official_key(versions, slug, official)]


def campaign_article(
    *,
    request: HttpRequest,
    campaign: Campaign,
    versions: tuple[int, ...] | None,
    context: Callable[[], dict],
) -> SafeString:
    """The article of a campaign's page; `context()` loads what it shows on a cache miss."""
    if not campaign.is_public:
        versions = None
    key = _article_key(versions or 0, viewer_level(request.user), campaign.slug)
    return cached_part(
        versions=versions,
        key=key,
        render=lambda: _render(ARTICLE_TEMPLATE, {"campaign": campaign, **context()}),
    )


def official_body(
    *,
    campaign: Campaign,
    official: Official,
    versions: tuple[int, ...] | None,
    context: Callable[[], dict],
) -> SafeString:
    """An official's record and contact details in a campaign, the same for every viewer."""
    if not campaign.is_public:
        versions = None
    key = _official_key(versions or 0, campaign.slug, official.slug)
    return cached_part(
        versions=versions,
        key=key,
        render=lambda: _render(
            OFFICIAL_TEMPLATE, {"campaign": campaign, "official": official, **context()}
        ),
    )


def _filters_digest(form, page: str) -> str:
    # The form is valid, so its raw values are its choices; other parameters are left out.
    chosen = "&".join(f"{name}={form[name].data or ''}" for name in sorted(form.fields))
    text = f"{chosen}&page={page}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def list_keys(*, versions: tuple[int, ...] | None, form, page: str) -> tuple[str, str] | None:
    """The keys of the list's results (count and rendered cards) and of its filter form."""
    if versions is None:
        return None
    digest = _filters_digest(form, page)
    return (
        part_key("campaigns", "results", versions, digest),
        part_key("campaigns", "filters", versions, digest),
    )


def list_parts_get(keys: tuple[str, str] | None) -> tuple[int, SafeString, SafeString] | None:
    """(count, results, filter form) stored for these filters and page, if all are there."""
    if keys is None:
        return None
    found = cache_get_many(keys)
    results, filters = found.get(keys[0]), found.get(keys[1])
    if not (isinstance(results, tuple) and len(results) == 2 and isinstance(filters, str)):
        return None
    count, html = results
    if not isinstance(count, int) or not isinstance(html, str):
        return None
    # Rendered by our templates with autoescaping on before they were cached.
    return count, mark_safe(html), mark_safe(filters)  # noqa: S308


def list_parts_render(context: dict) -> tuple[SafeString, SafeString]:
    """The results (without pagination) and the filter form of a list page."""
    results = render_to_string(RESULTS_TEMPLATE, context)
    filters = render_to_string(FILTERS_TEMPLATE, {"filter": context["filter"]})
    return mark_safe(results), mark_safe(filters)  # noqa: S308


def list_parts_set(keys: tuple[str, str] | None, *, count: int, results: str, filters: str) -> None:
    if keys is not None:
        cache_set_many({keys[0]: (count, str(results)), keys[1]: str(filters)})
