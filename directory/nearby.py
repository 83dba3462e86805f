"""Read queries for the map and for "who already works on this near me".

Places are leaders and organizations with a coarse location (the ZIP or city centroid stored by
directory.services). Rows are read as plain values, never model instances, and topics come in
one extra query per kind, so a page costs the same few queries whether it shows 1 place or 1,000.
Nothing here ever reads a leader's email, phone, ZIP or street.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet
from django.urls import reverse

from actlocal.collation import ReaderOrder
from actlocal.geo import ZipPlace, bounding_box, distance_miles
from actlocal.models import Topic
from actlocal.translated import localized_item

from .models import Leader, Organization

LEADER = "leader"
ORGANIZATION = "organization"

# The map shows at most this many places of each type; beyond that a city or a topic narrows it.
MAP_MAX_PER_TYPE = 1000
# "Near me" reads at most this many of the nearest candidates of each type from the database.
NEAR_MAX_PER_TYPE = 500
NEAR_MILES_CHOICES = (5, 10, 25, 50, 100)
NEAR_DEFAULT_MILES = 25

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


def _to_places(kind: str, rows: list[dict[str, Any]]) -> list[Place]:
    view_name = "directory:leader_detail" if kind == LEADER else "directory:organization_detail"
    url_for = _url_builder(view_name)
    return [
        Place(
            type=kind,
            pk=row["id"],
            name=row["name"],
            url=url_for(row["slug"]),
            city=row["city"],
            state=row["state"],
            latitude=row["latitude"],
            longitude=row["longitude"],
        )
        for row in rows
    ]


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


def near_places(
    *,
    user: Any,
    origin: ZipPlace,
    miles: int,
    topic: Topic | None = None,
    limit: int | None = None,
) -> PlaceList:
    """Leaders visible to `user` and organizations within `miles` of `origin`, nearest first.

    The database narrows by a bounding box on the indexed coordinates and returns the nearest
    `limit` (default NEAR_MAX_PER_TYPE) of each type by a flat-earth estimate; the exact
    great-circle distance is computed here and decides the radius and the order. Topics are
    not attached (see places_attach_topics), so a paginated caller loads them for one page.
    """
    limit = NEAR_MAX_PER_TYPE if limit is None else limit
    min_lat, max_lat, min_lng, max_lng = bounding_box(origin.lat, origin.lng, miles)
    # Longitude degrees shrink with latitude; scaling them keeps the SQL estimate's order close
    # to the true distance order, so the `limit` nearest rows are the ones that matter.
    lng_scale = math.cos(math.radians(origin.lat))
    d_lat = F("latitude") - origin.lat
    d_lng = (F("longitude") - origin.lng) * lng_scale
    querysets = [
        (LEADER, Leader.objects.visible_to(user)),
        (ORGANIZATION, Organization.objects.all()),
    ]
    places: list[Place] = []
    truncated = False
    for place_type, queryset in querysets:
        queryset = queryset.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        )
        if topic is not None:
            queryset = queryset.filter(topics=topic)
        rows = list(
            queryset.annotate(flat_distance=d_lat * d_lat + d_lng * d_lng)
            .order_by("flat_distance", "id")
            .values(*_PLACE_FIELDS)[: limit + 1]
        )
        if len(rows) > limit:
            truncated = True
            rows = rows[:limit]
        for place in _to_places(place_type, rows):
            place.distance = distance_miles(origin.lat, origin.lng, place.latitude, place.longitude)
            if place.distance <= miles:
                places.append(place)
    places.sort(key=lambda place: (place.distance, place.name.lower(), place.type, place.pk))
    return PlaceList(places=places, truncated=truncated)


def places_group_by_type(places: list[Place]) -> dict[str, list[Place]]:
    """Organizations first, then leaders; types without places are left out."""
    grouped: dict[str, list[Place]] = {ORGANIZATION: [], LEADER: []}
    for place in places:
        grouped[place.type].append(place)
    return {kind: items for kind, items in grouped.items() if items}
