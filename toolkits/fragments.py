"""Rendered parts of the library's pages kept in the cache: toolkit cards, section lists, a
toolkit page's header and a document page's article.

Template rendering is most of a list page's cost; the parts never depend on who is looking
(visibility decides which rows are shown, not how a row looks), so one rendering serves every
viewer. Keys carry the directory's cache version (toolkits.receivers bumps it on every write),
so a changed toolkit is never shown from an older rendering. Without a cache (CACHE_DISABLED,
or Redis unreachable) everything is rendered, and nothing fails.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from actlocal.languages import cache_language

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "toolkits/_toolkit_card.html"
SECTIONS_TEMPLATE = "toolkits/_sections.html"
SIDEBAR_TEMPLATE = "toolkits/_filter_form.html"
INTRO_TEMPLATE = "toolkits/_toolkit_intro.html"
ARTICLE_TEMPLATE = "toolkits/_document_article.html"


def _key(kind: str, version: int, *parts) -> str:
    return ":".join(["toolkits", kind, cache_language(), str(version), *map(str, parts)])


def _get_many(keys: Iterable[str]) -> dict:
    try:
        return cache.get_many(list(keys))
    except Exception:
        logger.warning("Toolkit fragment cache unavailable", exc_info=True)
        return {}


def _set_many(values: dict) -> None:
    if not values:
        return
    try:
        cache.set_many(values, settings.PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store toolkit fragments", exc_info=True)


def toolkit_cards(
    *, rows: list, version: int | None, load: Callable[[list[int]], Iterable]
) -> list[SafeString]:
    """The cards of a page's rows, from the cache where they are; `load(pks)` fetches the
    toolkits of the missing ones (with what a card shows) to render and store them."""
    template = get_template(CARD_TEMPLATE)
    keys = {row.pk: _key("card", version, row.pk) for row in rows}
    found = _get_many(keys.values()) if version is not None else {}
    missing_pks = [row.pk for row in rows if keys[row.pk] not in found]
    rendered = {}
    if missing_pks:
        rendered = {
            toolkit.pk: template.render({"toolkit": toolkit}) for toolkit in load(missing_pks)
        }
        if version is not None:
            _set_many({keys[pk]: html for pk, html in rendered.items()})
    # Rendered by our template with autoescaping on, here or before it was cached.
    return [mark_safe(found.get(keys[row.pk]) or rendered[row.pk]) for row in rows]  # noqa: S308


def filter_sidebar_html(*, filterset, version: int | None) -> SafeString:
    """The list's filter form, by the values chosen: its choices need two queries to render."""
    template = get_template(SIDEBAR_TEMPLATE)
    data = filterset.form.data
    chosen = "&".join(f"{name}={data.get(name, '')}" for name in sorted(filterset.form.fields))
    key = _key(
        "sidebar", version, hashlib.sha256(chosen.encode("utf-8", "surrogateescape")).hexdigest()
    )
    html = _get_many([key]).get(key) if version is not None else None
    if html is None:
        html = template.render({"filter": filterset})
        if version is not None:
            _set_many({key: html})
    return mark_safe(html)  # noqa: S308


def cached_parts(*, version: int | None, parts: dict[str, Callable[[], str]]) -> dict:
    """Each part by its key, from the cache in one round trip; the missing ones are rendered
    by their function (which runs its queries only then) and stored."""
    found = _get_many(parts) if version is not None else {}
    rendered = {key: render() for key, render in parts.items() if key not in found}
    if version is not None:
        _set_many(rendered)
    # Rendered by our templates with autoescaping on, here or before they were cached.
    return {key: mark_safe(found.get(key) or rendered[key]) for key in parts}  # noqa: S308


def toolkit_page_parts(
    *, toolkit, version: int | None, topics: Callable[[], list], sections: Callable[[], list]
) -> tuple[SafeString, SafeString]:
    """A toolkit page's header (title, owner, summary, topics) and its sections; `topics` and
    `sections` load their rows only on a cache miss."""
    intro_key = _key("intro", version, toolkit.pk)
    sections_key = _key("sections", version, toolkit.pk, 0)
    parts = cached_parts(
        version=version,
        parts={
            intro_key: lambda: get_template(INTRO_TEMPLATE).render(
                {"toolkit": toolkit, "topics": topics()}
            ),
            sections_key: lambda: get_template(SECTIONS_TEMPLATE).render(
                {"toolkit": toolkit, "sections": sections(), "manage": False}
            ),
        },
    )
    return parts[intro_key], parts[sections_key]


def document_article_html(
    *, document, version: int | None, context: Callable[[], dict]
) -> SafeString:
    """A document page's article (text, files, topics, previous and next); `context()` loads
    what it shows beyond the document row only on a cache miss. Nothing in it depends on the
    viewer: the links that do (edit, propose) are outside it."""
    key = _key("article", version, document.pk)
    template = get_template(ARTICLE_TEMPLATE)
    return cached_parts(
        version=version,
        parts={
            key: lambda: template.render(
                {"document": document, "toolkit": document.toolkit, **context()}
            )
        },
    )[key]


class KnownRows:
    """One page of a list whose count and row keys came from the cache, for Django's Paginator:
    it answers the count and the slice of the page it was stored for, and nothing else."""

    def __init__(self, *, count: int, start: int, pks: list[int]):
        self._count, self._start, self._pks = count, start, pks

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.start != self._start:
            raise IndexError("only the cached page is known")
        return [Row(pk) for pk in self._pks]


class Row:
    __slots__ = ("pk",)

    def __init__(self, pk: int):
        self.pk = pk


def list_rows_key(*, version: int | None, viewer: str, data) -> str | None:
    """The key of a list page's count and row keys: by viewer level, filters, page, language."""
    if version is None:
        return None
    chosen = "&".join(
        f"{name}={data.get(name, '')}" for name in ("q", "topic", "kind", "organization", "page")
    )
    digest = hashlib.sha256(chosen.encode("utf-8", "surrogateescape")).hexdigest()
    return _key("rows", version, viewer, digest)


def list_rows_get(key: str | None) -> tuple[int, int, int, list[int]] | None:
    """(count, page number, first row's index, row keys) stored for `key`, if any."""
    if key is None:
        return None
    return _get_many([key]).get(key)


def list_rows_set(key: str | None, *, count: int, number: int, start: int, pks: list[int]):
    if key is not None:
        _set_many({key: (count, number, start, pks)})
