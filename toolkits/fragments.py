"""Rendered parts of the library's pages kept in the cache: toolkit cards, section lists, a
toolkit page's header and a document page's article.

Template rendering is most of a list page's cost; the parts never depend on who is looking
(visibility decides which rows are shown, not how a row looks), so one rendering serves every
viewer. Keys carry the directory's cache version (toolkits.receivers bumps it on every write),
so a changed toolkit is never shown from an older rendering. Keys, storage and the rules for a
part are those of every app's cached parts (actlocal.cached_parts): without a cache
(CACHE_DISABLED, or Redis unreachable) everything is rendered, and nothing fails.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from actlocal.cached_parts import cache_get_many, cache_set_many, cached_parts, part_key

CARD_TEMPLATE = "toolkits/_toolkit_card.html"
SECTIONS_TEMPLATE = "toolkits/_sections.html"
SIDEBAR_TEMPLATE = "toolkits/_filter_form.html"
INTRO_TEMPLATE = "toolkits/_toolkit_intro.html"
ARTICLE_TEMPLATE = "toolkits/_document_article.html"


def _key(kind: str, version: int | None, *parts) -> str:
    return part_key("toolkits", kind, version if version is not None else 0, *parts)


def toolkit_cards(
    *, rows: list, version: int | None, load: Callable[[list[int]], Iterable]
) -> list[SafeString]:
    """The cards of a page's rows, from the cache where they are; `load(pks)` fetches the
    toolkits of the missing ones (with what a card shows) to render and store them."""
    template = get_template(CARD_TEMPLATE)
    keys = {row.pk: _key("card", version, row.pk) for row in rows}
    found = cache_get_many(keys.values()) if version is not None else {}
    missing_pks = [row.pk for row in rows if keys[row.pk] not in found]
    rendered = {}
    if missing_pks:
        rendered = {
            toolkit.pk: template.render({"toolkit": toolkit}) for toolkit in load(missing_pks)
        }
        if version is not None:
            cache_set_many({keys[pk]: html for pk, html in rendered.items()})
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
    html = cache_get_many([key]).get(key) if version is not None else None
    if html is None:
        html = template.render({"filter": filterset})
        if version is not None:
            cache_set_many({key: html})
    return mark_safe(html)  # noqa: S308


def toolkit_page_parts(
    *, toolkit, version: int | None, topics: Callable[[], list], sections: Callable[[], list]
) -> tuple[SafeString, SafeString]:
    """A toolkit page's header (title, owner, summary, topics) and its sections; `topics` and
    `sections` load their rows only on a cache miss."""
    intro_key = _key("intro", version, toolkit.pk)
    sections_key = _key("sections", version, toolkit.pk, 0)
    parts = cached_parts(
        versions=version,
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
        versions=version,
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
    return cache_get_many([key]).get(key)


def list_rows_set(key: str | None, *, count: int, number: int, start: int, pks: list[int]):
    if key is not None:
        cache_set_many({key: (count, number, start, pks)})
