"""The near-me page's results, built from cached parts as the directory's lists are (see
directory.fragments): the search form, the counts of the radius and a card per place.

A signed-in person's request reads its own page's rows (NearSearch.places, by primary key, as
visible to them); everything read from the cache is keyed by the directory version, which any
change to a place bumps, so nothing hidden since is shown. What comes from the cache is:

- the form, rendered from its bound values only, keyed by them, the language and the version;
- the ranking of the search (every place within the radius in reading order, as type, primary
  key and distance: directory.nearby.NearRanking), keyed by the cleaned search and the
  viewer's class (anonymous visitors, members and organizers see different leaders); it gives
  the counts and which rows a page reads;
- a card per place, keyed by type, primary key, language and version. A card is the same for
  every search, so the distance is left as a marker and filled in for each request;
- for visitors who are not signed in, the page itself (its cards with their distances and its
  map's places), keyed by the search's ranking, the page asked and the language: the same for
  every such visitor (signed-in people may see their own profile, so they read their rows).
  A page-cache miss of a search seen before then runs no query.

On a miss the part is computed and stored; when the cache is unavailable everything is
rendered afresh. The page costs the same queries for 1 place or a full page of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from actlocal.cached_parts import cache_prefetch
from actlocal.languages import cache_language

from .cache import request_cache_version
from .fragments import (
    CardKind,
    _digest,
    _html,
    cache_get_many,
    cache_set_many,
    card_key,
    cards_for_page,
    count_key,
    sidebar_key,
    viewer_class,
)
from .nearby import (
    LEADER,
    ORGANIZATION,
    NearRanking,
    NearResults,
    NearSearch,
    Place,
    PlaceList,
    places_attach_topics,
    places_geojson,
)
from .nearby_resources import near_resources

NEAR_LEADER_CARD = CardKind("near-leader", "directory/_near_card.html", "place")
NEAR_ORGANIZATION_CARD = CardKind("near-organization", "directory/_near_card.html", "place")
# Letters and digits only, so template escaping leaves it as it is (see CSRF_PLACEHOLDER).
DISTANCE_MARKER = "actlocalNearDistance4b2d9e"


def distance_label(miles: float) -> str:
    if miles < 0.1:
        return _("less than 0.1 miles")
    # number_format cuts digits off instead of rounding, so round first.
    return _("%(distance)s miles") % {"distance": number_format(round(miles, 1), 1)}


@dataclass
class NearResultsPage:
    """What the near-me template shows of a valid search."""

    form_html: SafeString
    counts: dict[str, int]
    page: Page
    cards: list[SafeString]
    geojson: dict[str, Any]
    to_store: dict[str, Any] = field(default_factory=dict)

    # More places lie within the radius than the nearest listed (nearby.NEAR_MAX_PLACES).
    capped: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def near_form_render(form) -> SafeString:
    """The search form, from the form alone (never the request: it is shared)."""
    return render_to_string("directory/_near_form.html", {"form": form})


def _load_cards(places: list[Place]):
    def load(pks: list[int]) -> list[Place]:
        wanted = set(pks)
        missing = [place for place in places if place.pk in wanted]
        places_attach_topics(missing)
        for place in missing:
            place.distance_label = DISTANCE_MARKER
        return missing

    return load


def _cards(places: list[Place], version: int | None) -> tuple[list[SafeString], dict[str, Any]]:
    """The cards of `places` in order, each with its own distance; and the new ones to store."""
    html: dict[tuple[str, int], SafeString] = {}
    to_store: dict[str, Any] = {}
    kinds = ((LEADER, NEAR_LEADER_CARD), (ORGANIZATION, NEAR_ORGANIZATION_CARD))
    if version is not None:
        # Both kinds' cards in one round trip; cards_for_page then finds them in the batch.
        language = cache_language()
        cache_prefetch(
            card_key(kind=kind, pk=place.pk, version=version, language=language)
            for place_type, kind in kinds
            for place in places
            if place.type == place_type
        )
    for place_type, kind in kinds:
        rows = [place for place in places if place.type == place_type]
        cards, fresh = cards_for_page(kind=kind, rows=rows, load=_load_cards(rows), version=version)
        to_store.update(fresh)
        # cards_for_page keeps the order of `rows` and leaves out nothing it was given here.
        for place, card in zip(rows, cards, strict=True):
            html[(place_type, place.pk)] = card
    filled = []
    for place in places:
        label = conditional_escape(distance_label(place.distance or 0.0))
        card = html[(place.type, place.pk)]
        filled.append(mark_safe(card.replace(DISTANCE_MARKER, label)))  # noqa: S308 (escaped)
    return filled, to_store


@dataclass(frozen=True)
class _AnonymousPage:
    """One page of a search as every visitor who is not signed in sees it."""

    cards: list[SafeString]
    geojson: dict[str, Any]


def near_results_page(
    *, request: HttpRequest, form, search: NearSearch, page_number: str | None
) -> NearResultsPage:
    """The requested page of a valid near-me search, from the cache where it can."""
    version = request_cache_version(request)
    form_key = ranking_key = page_key = None
    found: dict[str, Any] = {}
    if version is not None:
        language = cache_language()
        form_key = sidebar_key(
            list_name="near", path=request.path, form=form, version=version, language=language
        )
        ranking_key = count_key(
            list_name="near", form=form, viewer=viewer_class(request.user), version=version
        )
        if not request.user.is_authenticated:
            # The page as asked (any spelling): the ranking in the key settles what it shows.
            asked = _digest([("page", page_number or "")])
            page_key = f"{ranking_key}:anonymous:{language}:{asked}"
        found = cache_get_many([key for key in (form_key, ranking_key, page_key) if key])
    to_store: dict[str, Any] = {}

    form_html = found.get(form_key) if form_key else None
    if not isinstance(form_html, SafeString):
        form_html = near_form_render(form)
        if form_key:
            to_store[form_key] = form_html

    ranking = found.get(ranking_key) if ranking_key else None
    stored = found.get(page_key) if page_key else None
    if not isinstance(ranking, NearRanking):
        ranking, stored = search.ranking(), None
        if ranking_key:
            to_store[ranking_key] = ranking

    if isinstance(stored, _AnonymousPage):
        # Page numbers from the ranking alone; the rows are not read.
        page = Paginator(range(len(ranking)), settings.DIRECTORY_PAGE_SIZE).get_page(page_number)
        return NearResultsPage(
            form_html=form_html,
            counts=ranking.counts(),
            capped=ranking.capped,
            page=page,
            cards=stored.cards,
            geojson=stored.geojson,
            to_store=to_store,
        )
    page = Paginator(NearResults(search, ranking), settings.DIRECTORY_PAGE_SIZE).get_page(
        page_number
    )
    places = list(page.object_list)
    page.object_list = places
    # The small map shows this page's places from the page itself (no topics: the map's
    # popups show none), taken before the cards fill in topics for the places they render.
    geojson = places_geojson(PlaceList(places=places, truncated=False))
    cards, fresh = _cards(places, version)
    to_store.update(fresh)
    if page_key:
        to_store[page_key] = _AnonymousPage(cards=cards, geojson=geojson)
    return NearResultsPage(
        form_html=form_html,
        counts=ranking.counts(),
        capped=ranking.capped,
        page=page,
        cards=cards,
        geojson=geojson,
        to_store=to_store,
    )


def near_parts_store(result: NearResultsPage) -> None:
    """Keep the parts this request rendered, once the page is done."""
    cache_set_many(result.to_store)


RESOURCES_PREFIX = "directory:near-resources"


def near_resources_html(*, request: HttpRequest, origin, miles: int, topic) -> SafeString:
    """The resources part of a search (public rows only, the same for every viewer), kept by
    the cleaned search, the language and the version: every URL of one search shares it."""
    version = request_cache_version(request)
    key = None
    if version is not None:
        search = _digest(
            [("zip", origin.zip_code), ("miles", miles), ("topic", topic.pk if topic else "")]
        )
        key = f"{RESOURCES_PREFIX}:{version}:{cache_language()}:{search}"
        html = _html(cache_get_many([key]).get(key))
        if html is not None:
            return html
    items = near_resources(origin=origin, miles=miles, topic=topic)
    for item in items:
        item.distance_label = distance_label(item.distance) if item.distance is not None else ""
    html = render_to_string(
        "directory/_near_resources.html", {"items": items, "origin": origin, "miles": miles}
    )
    if key is not None:
        cache_set_many({key: html})
    return html
