"""Resources for "near me": those of a place within the radius and those of the whole state.

A resource has no coordinates, only a scope: a local one is placed at its city's centroid
(actlocal.geo.city_centroid, offline) and counted when that lies within the radius; a state-wide
one counts for anyone in its state. National resources are for everyone and left to the
resources list. One query, bounded by the state and NEAR_RESOURCES_LIMIT.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from actlocal.geo import ZipPlace, city_centroid, distance_miles
from actlocal.models import Topic

from .models import Resource, Scope

NEAR_RESOURCES_LIMIT = 20
# Read at most this many of the state's resources before measuring distances.
_STATE_READ_LIMIT = 500


@dataclass
class NearResource:
    resource: Resource
    distance: float | None  # None: state-wide


def near_resources(
    *, origin: ZipPlace, miles: int, topic: Topic | None = None
) -> list[NearResource]:
    """Local resources within `miles` of `origin`, nearest first, then the state's own."""
    queryset = Resource.objects.filter(
        Q(scope=Scope.LOCAL) | Q(scope=Scope.STATE), state=origin.state
    ).only("id", "title", "slug", "kind", "scope", "state", "city")
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    local: list[NearResource] = []
    statewide: list[NearResource] = []
    for resource in queryset.order_by("title", "id")[:_STATE_READ_LIMIT]:
        if resource.scope == Scope.STATE:
            statewide.append(NearResource(resource, None))
            continue
        centre = city_centroid(resource.city, resource.state) if resource.city else None
        if centre is None:
            continue
        distance = distance_miles(origin.lat, origin.lng, centre[0], centre[1])
        if distance <= miles:
            local.append(NearResource(resource, distance))
    local.sort(key=lambda item: (item.distance, item.resource.title.lower()))
    return (local + statewide)[:NEAR_RESOURCES_LIMIT]
