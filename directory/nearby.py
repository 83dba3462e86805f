"""Read queries for the map and for "who already works on this near me".

Places are leaders and organizations with a coarse location (the ZIP or city centroid stored by
directory.services). Rows are read as plain values, never model instances, and topics come in
one extra query per kind, so a page costs the same few queries whether it shows 1 place or 1,000.
Nothing here ever reads a leader's email, phone, ZIP or street.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Value
from django.db.models.functions import Lower
from django.urls import reverse

from actlocal.collation import ReaderOrder
from actlocal.geo import ZipPlace, bounding_box
from actlocal.geo_sql import SphereNearness, great_circle_miles
from actlocal.models import Topic
from actlocal.translated import localized_item

from .models import Leader, Organization

LEADER = "leader"
ORGANIZATION = "organization"

# The map shows at most this many places of each type; beyond that a city or a topic narrows it.
MAP_MAX_PER_TYPE = 1000
NEAR_MILES_CHOICES = (5, 10, 25, 50, 100)
NEAR_DEFAULT_MILES = 25
# A search ranks, counts and lists at most this many places, the nearest: at ten times the
# network a radius holds ten times the places, and measuring and sorting all of them made the
# page cost grow with it. The page says when there were more (and how to narrow the search).
NEAR_MAX_PLACES = 200

_PLACE_FIELDS = ("id", "name", "slug", "city", "state", "latitude", "longitude")


@dataclass
class Place:
    """One leader or organization as the map and the near-me list show it."""

    type: str
    pk: int
    name: str
    url: str
    city: str
    state: str
    latitude: float
    longitude: float
    topics: list[str] = field(default_factory=list)
    distance: float | None = None

    @property
    def is_leader(self) -> bool:
        return self.type == LEADER


@dataclass
class PlaceList:
    """Places of both types, and whether either type was cut at its limit."""

    places: list[Place]
    truncated: bool = False

    @property
    def leader_count(self) -> int:
        return sum(1 for place in self.places if place.type == LEADER)

    @property
    def organization_count(self) -> int:
        return len(self.places) - self.leader_count


def _url_builder(view_name: str):
    # reverse() once per request instead of once per row: the slug is the only part that varies.
    marker = "slug-placeholder"
    template = reverse(view_name, kwargs={"slug": marker})
    prefix, _sep, suffix = template.partition(marker)
    return lambda slug: f"{prefix}{slug}{suffix}"


def _place_url_builders() -> dict[str, Any]:
    return {
        LEADER: _url_builder("directory:leader_detail"),
        ORGANIZATION: _url_builder("directory:organization_detail"),
    }


def _place(kind: str, row: dict[str, Any], url_for) -> Place:
    return Place(
        type=kind,
        pk=row["id"],
        name=row["name"],
        url=url_for(row["slug"]),
        city=row["city"],
        state=row["state"],
        latitude=row["latitude"],
        longitude=row["longitude"],
    )


def _to_places(kind: str, rows: list[dict[str, Any]]) -> list[Place]:
    url_for = _place_url_builders()[kind]
    return [_place(kind, row, url_for) for row in rows]


def places_attach_topics(places: list[Place]) -> None:
    """Fill `topics` (names, alphabetical) of the given places: one query per type present."""
    for kind, model in ((LEADER, Leader), (ORGANIZATION, Organization)):
        by_pk = {place.pk: place for place in places if place.type == kind}
        if not by_pk:
            continue
        owner = f"{model._meta.model_name}_id"
        through = model.topics.through.objects.filter(**{f"{owner}__in": list(by_pk)})
        for owner_pk, name, name_es in through.order_by(
            ReaderOrder("topic__name"), "topic__id"
        ).values_list(owner, "topic__name", "topic__name_es"):
            by_pk[owner_pk].topics.append(
                localized_item({"name": name, "name_es": name_es}, "name")
            )


def _located(queryset: QuerySet) -> QuerySet:
    return queryset.filter(latitude__isnull=False, longitude__isnull=False)


def _map_querysets(
    *, user: Any, state: str, city: str, topic: Topic | None, kind: str
) -> list[tuple[str, QuerySet]]:
    leaders = _located(Leader.objects.visible_to(user))
    organizations = _located(Organization.objects.all())
    querysets = []
    if kind in ("", LEADER):
        querysets.append((LEADER, leaders))
    if kind != LEADER:
        if kind not in ("", ORGANIZATION):
            organizations = organizations.filter(kind=kind)
        querysets.append((ORGANIZATION, organizations))
    filtered = []
    for place_type, queryset in querysets:
        if state:
            queryset = queryset.filter(state=state)
        if city:
            queryset = queryset.filter(city__iexact=city)
        if topic is not None:
            queryset = queryset.filter(topics=topic)
        filtered.append((place_type, queryset))
    return filtered


def map_places(
    *,
    user: Any,
    state: str = "",
    city: str = "",
    topic: Topic | None = None,
    kind: str = "",
    limit: int | None = None,
) -> PlaceList:
    """Located leaders visible to `user` and organizations in a state and/or city.

    `kind` is "" (both), "leader", "organization" or an Organization.Kind value (those
    organizations only). Each type is cut at `limit` (default MAP_MAX_PER_TYPE) places,
    alphabetically.
    """
    limit = MAP_MAX_PER_TYPE if limit is None else limit
    places: list[Place] = []
    truncated = False
    for place_type, queryset in _map_querysets(
        user=user, state=state, city=city, topic=topic, kind=kind
    ):
        rows = list(queryset.order_by("name", "id").values(*_PLACE_FIELDS)[: limit + 1])
        if len(rows) > limit:
            truncated = True
            rows = rows[:limit]
        places.extend(_to_places(place_type, rows))
    places_attach_topics(places)
    return PlaceList(places=places, truncated=truncated)


def places_geojson(place_list: PlaceList) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of public, coarse facts only (no contact details, no ZIP).

    Each feature's properties are `type` ("leader" or "organization"), `name`, `url`, `city`,
    `state` and `topics`; to keep a state's payload small, `topics` holds positions in the
    collection's own `topics` list of names (sent once) instead of repeating the names, and
    coordinates have four decimals (about 11 m, finer than a ZIP centroid needs).
    """
    topic_names: list[str] = []
    topic_index: dict[str, int] = {}

    def topic_refs(names: list[str]) -> list[int]:
        refs = []
        for name in names:
            index = topic_index.get(name)
            if index is None:
                index = topic_index[name] = len(topic_names)
                topic_names.append(name)
            refs.append(index)
        return refs

    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(place.longitude, 4), round(place.latitude, 4)],
            },
            "properties": {
                "type": place.type,
                "name": place.name,
                "url": place.url,
                "city": place.city,
                "state": place.state,
                "topics": topic_refs(place.topics),
            },
        }
        for place in place_list.places
    ]
    return {
        "type": "FeatureCollection",
        "truncated": place_list.truncated,
        "topics": topic_names,
        "features": features,
    }


@dataclass(frozen=True)
class NearRanking:
    """The nearest places of a near-me search in reading order, compactly: whether each is a leader,
    its primary key and its distance in miles. Small enough to keep in the cache (9 bytes a
    place), so the pages of one search share it instead of measuring the radius again."""

    leader_flags: bytes
    pks: array
    distances: array
    # More places lie within the radius than the NEAR_MAX_PLACES nearest kept here.
    capped: bool = False

    def __len__(self) -> int:
        return len(self.pks)

    def counts(self) -> dict[str, int]:
        leaders = sum(self.leader_flags)
        return {LEADER: leaders, ORGANIZATION: len(self.pks) - leaders}

    def refs(self, start: int, stop: int) -> list[tuple[str, int, float]]:
        return [
            (LEADER if self.leader_flags[i] else ORGANIZATION, self.pks[i], self.distances[i])
            for i in range(start, min(stop, len(self.pks)))
        ]


@dataclass(frozen=True)
class NearSearch:
    """Leaders visible to `user` and organizations within `miles` of `origin`, nearest first.

    The database does the search: an index narrows the rows (on PostgreSQL the sphere index
    of actlocal.geo_sql, nearest first; elsewhere a latitude/longitude box), the great-circle
    distance decides the radius, and the order (distance, then name) comes from one UNION of
    both types (`ranking`), cut at NEAR_MAX_PLACES. A page then reads only its own rows by primary
    key (`places`), again as visible to `user`. Rows are plain values without topics (see
    places_attach_topics).
    """

    user: Any
    origin: ZipPlace
    miles: int
    topic: Topic | None = None

    def _querysets(self) -> list[tuple[str, QuerySet]]:
        """Each type's visible, located places of the topic with their distance; elsewhere than
        on PostgreSQL narrowed to the radius (there the nearest are taken from the index)."""
        lat, lng = self.origin.lat, self.origin.lng
        filtered = []
        for place_type, queryset in _visible_querysets(self.user):
            queryset = _located(queryset)
            if self.topic is not None:
                queryset = queryset.filter(topics=self.topic)
            queryset = queryset.annotate(distance=great_circle_miles(lat, lng))
            if not settings.IS_POSTGRES:
                min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, self.miles)
                queryset = queryset.filter(
                    latitude__range=(min_lat, max_lat),
                    longitude__range=(min_lng, max_lng),
                    distance__lte=self.miles,
                )
            filtered.append((place_type, queryset))
        return filtered

    def ranking(self) -> NearRanking:
        """The NEAR_MAX_PLACES nearest places within the radius, nearest first (ties by name),
        and whether there were more: one query, which reads no more than that many + 1 places
        of each type on PostgreSQL.

        There each type's part takes its nearest places of any distance from the sphere index
        (actlocal.geo_sql) and stops, so the work does not grow with the places the radius
        holds; those within the radius are among them, and the radius is applied to them
        here. Which of several places at exactly the same distance fill the last places is
        the index's choice (each is as near as the other). Elsewhere every place of the box
        is measured.
        """
        limit = NEAR_MAX_PLACES
        parts = []
        for place_type, queryset in self._querysets():
            part = (
                queryset.order_by()
                .annotate(is_leader=Value(place_type == LEADER), sort_name=Lower("name"))
                .values_list("is_leader", "id", "distance", "sort_name")
            )
            if settings.IS_POSTGRES:
                nearness = SphereNearness(self.origin.lat, self.origin.lng)
                part = part.order_by(nearness)[: limit + 1]
            parts.append(part)
        rows = (
            parts[0].union(parts[1], all=True).order_by("distance", "sort_name", "is_leader", "id")
        )
        if not settings.IS_POSTGRES:
            rows = rows[: limit + 1]
        within = [row for row in rows if row[2] <= self.miles][: limit + 1]
        flags, pks, distances = bytearray(), array("q"), array("d")
        for is_leader, pk, distance, _name in within[:limit]:
            flags.append(1 if is_leader else 0)
            pks.append(pk)
            distances.append(distance)
        return NearRanking(
            leader_flags=bytes(flags), pks=pks, distances=distances, capped=len(within) > limit
        )

    def places(self, refs: list[tuple[str, int, float]]) -> list[Place]:
        """The places of `refs` (type, pk, distance) still visible, in that order: one query."""
        if not refs:
            return []
        wanted = {LEADER: [], ORGANIZATION: []}
        for place_type, pk, _distance in refs:
            wanted[place_type].append(pk)
        parts = [
            queryset.filter(pk__in=wanted[place_type])
            .order_by()
            .annotate(place_type=Value(place_type))
            .values("place_type", *_PLACE_FIELDS)
            for place_type, queryset in _visible_querysets(self.user)
        ]
        url_for = _place_url_builders()
        found = {}
        for row in parts[0].union(parts[1], all=True):
            place = _place(row["place_type"], row, url_for[row["place_type"]])
            found[(place.type, place.pk)] = place
        places = []
        for place_type, pk, distance in refs:
            place = found.get((place_type, pk))
            if place is not None:  # deleted or hidden since the ranking was made
                place.distance = distance
                places.append(place)
        return places


def _visible_querysets(user: Any) -> list[tuple[str, QuerySet]]:
    return [
        (LEADER, Leader.objects.visible_to(user)),
        (ORGANIZATION, Organization.objects.all()),
    ]


class NearResults:
    """What Paginator needs of a near-me search: the count and slices of the ranking."""

    def __init__(self, search: NearSearch, ranking: NearRanking) -> None:
        self.search = search
        self.ranking = ranking

    def count(self) -> int:
        return len(self.ranking)

    def __len__(self) -> int:
        return len(self.ranking)

    def __getitem__(self, index: slice) -> list[Place]:
        if not isinstance(index, slice):
            raise TypeError("NearResults only supports slices")
        start = index.start or 0
        stop = len(self.ranking) if index.stop is None else index.stop
        return self.search.places(self.ranking.refs(start, stop))


def places_group_by_type(places: list[Place]) -> dict[str, list[Place]]:
    """Organizations first, then leaders; types without places are left out."""
    grouped: dict[str, list[Place]] = {ORGANIZATION: [], LEADER: []}
    for place in places:
        grouped[place.type].append(place)
    return {kind: items for kind, items in grouped.items() if items}
