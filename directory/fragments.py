"""Cached parts of the directory list pages: result cards, filter sidebars and result counts.

The full-page cache (directory.cache) answers only anonymous visitors asking for a URL seen
before. Every other list request (another page, another search, a cache-busting parameter, any
signed-in visitor) is built here from parts shared across requests:

- a card per row, keyed by (kind, primary key, directory version, language). Cards show public
  fields only and are rendered without the request, so they cannot depend on the viewer; who
  may see which row is decided by the list query, which runs for every request;
- the filter sidebar, keyed by (list, version, language, the values bound to the form's own
  fields), so unrelated query parameters do not multiply entries;
- the number of results, keyed by (list, version, the viewer's visibility class, the filters),
  because anonymous visitors, members and organizers see different leaders.

Every key carries the directory version read once per request before its first query (see
`request_cache_version`), so any change to the directory makes every part unreachable at once.
The cache is an accelerator, never a dependency: when it fails, parts are rendered afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString

from actlocal.cached_parts import cache_get_many, cache_set_many
from actlocal.languages import cache_language
from actlocal.permissions import is_member, is_organizer

from .cache import request_cache_version
from .national import state_counts
from .selectors import directory_summary

CARD_PREFIX = "directory:card"
SIDEBAR_PREFIX = "directory:sidebar"
COUNT_PREFIX = "directory:count"

VIEWER_PUBLIC = "public"
VIEWER_MEMBER = "member"
VIEWER_ORGANIZER = "organizer"


@dataclass(frozen=True)
class CardKind:
    """How one list renders its rows: the card template and the name it gives the row."""

    name: str
    template: str
    context_name: str


LEADER_CARD = CardKind("leader", "directory/_leader_card.html", "leader")
ORGANIZATION_CARD = CardKind("organization", "directory/_organization_card.html", "organization")
RESOURCE_CARD = CardKind("resource", "directory/_resource_card.html", "resource")


def viewer_class(user: Any) -> str:
    """Which leaders `user` may see, as one word: the only thing about a viewer a count uses."""
    if is_organizer(user):
        return VIEWER_ORGANIZER
    if is_member(user):
        return VIEWER_MEMBER
    return VIEWER_PUBLIC


def _digest(values: Iterable[tuple[str, Any]]) -> str:
    # Raw query values are unbounded and may hold anything; a digest keeps keys short and safe.
    text = json.dumps(list(values), ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# --- Keys --------------------------------------------------------------------------------------


def card_key(*, kind: CardKind, pk: int, version: int, language: str) -> str:
    return f"{CARD_PREFIX}:{kind.name}:{version}:{language}:{pk}"


def sidebar_key(*, list_name: str, path: str, form, version: int, language: str) -> str:
    """The sidebar shows the form exactly as bound, so the raw values of its fields are the key."""
    bound = [(name, form[name].data) for name in form.fields]
    return f"{SIDEBAR_PREFIX}:{list_name}:{version}:{language}:{_digest([('', path), *bound])}"


def _canonical(value: Any) -> Any:
    if isinstance(value, Model):
        return ["pk", value.pk]
    return value


def count_key(*, list_name: str, form, viewer: str, version: int) -> str:
    """Counts depend on the cleaned filters (not their spelling) and on who is looking."""
    cleaned = [(name, _canonical(form.cleaned_data.get(name))) for name in sorted(form.fields)]
    return f"{COUNT_PREFIX}:{list_name}:{version}:{viewer}:{_digest(cleaned)}"


# --- Cards -------------------------------------------------------------------------------------


def _render_card(template, kind: CardKind, row: Model) -> SafeString:
    # No request and no context processors: nothing about the viewer can reach a shared card.
    return template.render({kind.context_name: row})


def _html(value: Any) -> SafeString | None:
    # Fragments are stored as the SafeString the template engine made (pickling keeps the
    # type); anything else under a fragment key is treated as missing, never output.
    return value if isinstance(value, SafeString) else None


def cards_for_page(
    *,
    kind: CardKind,
    rows: list[Model],
    load: Callable[[list[int]], QuerySet],
    version: int | None,
) -> tuple[list[SafeString], dict[str, SafeString]]:
    """The cards of `rows` (any instances carrying a pk), in order; and the new ones to store.

    Cached cards come from one `get_many`; the others are rendered from `load(pks)`, which
    returns just those rows with everything their cards show. A row that `load` no longer
    finds (deleted since the page query) is left out.
    """
    pks = [row.pk for row in rows]
    if not pks:
        return [], {}
    language = cache_language()
    keys: dict[int, str] = {}
    if version is not None:
        keys = {pk: card_key(kind=kind, pk=pk, version=version, language=language) for pk in pks}
    cached = cache_get_many(list(keys.values()))
    html: dict[int, SafeString] = {}
    for pk, key in keys.items():
        card = _html(cached.get(key))
        if card is not None:
            html[pk] = card
    missing = [pk for pk in pks if pk not in html]
    fresh: dict[str, SafeString] = {}
    if missing:
        template = get_template(kind.template)
        for row in load(missing):
            html[row.pk] = card = _render_card(template, kind, row)
            if version is not None:
                fresh[keys[row.pk]] = card
    return [html[pk] for pk in pks if pk in html], fresh


# --- Sidebar and count -------------------------------------------------------------------------


@dataclass
class ListParts:
    """The cached parts of one list request, and what it must store once rendered."""

    version: int | None
    sidebar_key: str | None = None
    count_key: str | None = None
    sidebar: SafeString | None = None
    count: int | None = None
    # Visitors who are not signed in: the page's rows as (key, title), the same for all of them.
    rows_key: str | None = None
    rows: tuple[tuple[int, str], ...] | None = None
    to_store: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageRow:
    """A list row as kept in the cache (`ListParts.rows`): its key, which is all its card
    needs, and its title."""

    pk: int
    title: str

    def __str__(self) -> str:
        return self.title


def list_parts_get(
    *, request: HttpRequest, list_name: str, filterset, viewer_dependent: bool
) -> ListParts:
    """The cached sidebar and result count of a valid filterset, in one cache round trip."""
    parts = ListParts(version=request_cache_version(request))
    if parts.version is None:
        return parts
    form = filterset.form
    parts.sidebar_key = sidebar_key(
        list_name=list_name,
        path=request.path,
        form=form,
        version=parts.version,
        language=cache_language(),
    )
    viewer = viewer_class(request.user) if viewer_dependent else VIEWER_PUBLIC
    parts.count_key = count_key(
        list_name=list_name, form=form, viewer=viewer, version=parts.version
    )
    if not request.user.is_authenticated:
        # Which rows a page shows follows from the filters, the viewer's class and the version
        # (all in the count's key) and the language (the order is the reader's alphabet): the
        # same for every visitor who is not signed in. Signed-in people may see their own hidden
        # profile, so their page query runs every time.
        asked = _digest([("page", request.GET.get("page", "").strip())])
        parts.rows_key = f"{parts.count_key}:rows:{cache_language()}:{asked}"
    found = cache_get_many(
        [key for key in (parts.sidebar_key, parts.count_key, parts.rows_key) if key]
    )
    parts.sidebar = _html(found.get(parts.sidebar_key))
    count = found.get(parts.count_key)
    parts.count = count if isinstance(count, int) else None
    rows = found.get(parts.rows_key) if parts.rows_key else None
    if parts.count is not None and isinstance(rows, tuple):
        parts.rows = rows
    return parts


def list_page_rows(*, parts: ListParts, page_obj, title_field: str) -> list:
    """The rows of a list's page: known from the cache (`ListParts.rows`), or read and then
    kept for the next visitor who is not signed in."""
    if parts.rows is not None:
        return [PageRow(pk, title) for pk, title in parts.rows]
    rows = list(page_obj.object_list)
    if parts.rows_key:
        parts.to_store[parts.rows_key] = tuple(
            (row.pk, str(getattr(row, title_field))) for row in rows
        )
    return rows


def sidebar_render(*, request: HttpRequest, filterset) -> SafeString:
    """The filter sidebar, from the form and the list's path only (never the request)."""
    return render_to_string(
        "directory/_filter_form.html", {"filter": filterset, "list_path": request.path}
    )


def list_count(
    *, parts: ListParts, queryset: QuerySet, known: Callable[[], int | None] = lambda: None
) -> int:
    """The cached count, else the `known` one (the tallies'), else the rows counted."""
    if parts.count is None:
        parts.count = known()
        if parts.count is None:
            parts.count = queryset.count()
        if parts.count_key:
            parts.to_store[parts.count_key] = parts.count
    return parts.count


def list_sidebar(*, parts: ListParts, request: HttpRequest, filterset) -> SafeString:
    if parts.sidebar is None:
        parts.sidebar = sidebar_render(request=request, filterset=filterset)
        if parts.sidebar_key:
            parts.to_store[parts.sidebar_key] = parts.sidebar
    return parts.sidebar


def form_html_cached(*, request: HttpRequest, list_name: str, form, template: str) -> SafeString:
    """A search form rendered from the form alone (never the request), kept like a sidebar:
    by the values bound to its fields, the language and the version. A choice field's options
    (the topics) are then neither read nor rendered while the form is in the cache."""
    version = request_cache_version(request)
    key = None
    if version is not None:
        key = sidebar_key(
            list_name=list_name,
            path=request.path,
            form=form,
            version=version,
            language=cache_language(),
        )
        html = _html(cache_get_many([key]).get(key))
        if html is not None:
            return html
    html = render_to_string(template, {"form": form})
    if key is not None:
        cache_set_many({key: html})
    return html


# v2: labels are plain strings (v1 held lazy ones, slow to unpickle).
STATES_PREFIX = "directory:states:v2"


def state_counts_cached(*, request: HttpRequest, topic: Any = None, kind: str = "") -> list:
    """`national.state_counts` for this viewer, kept under the directory version: the national
    map and its GeoJSON count every located place of the network, so a page that misses the
    page cache (a signed-in visitor, another query string) reuses the counts until a write.

    Keyed by the viewer's class (who sees which leaders), the language (the states' names and
    their order) and the filters; computed afresh when the cache is unavailable.
    """
    version = request_cache_version(request)
    if version is None:
        return state_counts(user=request.user, topic=topic, kind=kind)
    filters = _digest([("topic", topic.pk if topic else ""), ("kind", kind)])
    key = f"{STATES_PREFIX}:{version}:{viewer_class(request.user)}:{cache_language()}:{filters}"
    counts = cache_get_many([key]).get(key)
    if counts is None:
        counts = state_counts(user=request.user, topic=topic, kind=kind)
        cache_set_many({key: counts})
    return counts


SUMMARY_PREFIX = "directory:summary:v1"


def directory_summary_cached(*, request: HttpRequest) -> dict:
    """`selectors.directory_summary` for this viewer, kept under the directory version: every
    overview that misses the page cache (another query string, a signed-in visitor) would
    otherwise read the tallies, the resource kinds and every topic's count again.

    Keyed by the viewer's class (who sees which leaders) and the language (the kinds' and
    topics' names); computed afresh when the cache is unavailable.
    """
    version = request_cache_version(request)
    if version is None:
        return directory_summary(user=request.user)
    key = f"{SUMMARY_PREFIX}:{version}:{viewer_class(request.user)}:{cache_language()}"
    summary = cache_get_many([key]).get(key)
    if summary is None:
        summary = directory_summary(user=request.user)
        for kinds in (summary["organization_kinds"], summary["resource_kinds"]):
            for kind in kinds:
                kind["label"] = str(kind["label"])  # plain strings: lazy ones unpickle slowly
        cache_set_many({key: summary})
    return summary
