"""Server-side grid clustering for the zoomable map: what lies in a box at a zoom level.

Below POINTS_ZOOM the box is cut into square cells of about 64 screen pixels (CELLS_PER_TILE per
256-pixel tile), and each layer's located rows in the box are grouped by cell in the database:
one GROUP BY query per layer whatever the size of the network. From POINTS_ZOOM on, the rows
themselves are returned. Either way the answer holds at most MAX_FEATURES features (the biggest
clusters, or the first points) and says when it was cut, so no box, however large, makes the
payload grow with the network. Only what map_layers registered is read: public things only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, F, QuerySet
from django.db.models.functions import Floor
from django.urls import reverse

from actlocal.models import Topic

from .map_layers import MapLayer, map_layers

MAX_FEATURES = 400
POINTS_ZOOM = 12
MAX_ZOOM = 18
CELLS_PER_TILE = 4


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float


def cell_degrees(zoom: int) -> float:
    """The side of a grid cell in degrees at `zoom` (a tile spans 360 / 2**zoom degrees)."""
    return 360.0 / (2**zoom) / CELLS_PER_TILE


def _in_box(queryset: QuerySet, box: Box) -> QuerySet:
    return queryset.filter(
        latitude__gte=box.south,
        latitude__lte=box.north,
        longitude__gte=box.west,
        longitude__lte=box.east,
    )


def _feature(lng: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lng, 5), round(lat, 5)]},
        "properties": properties,
    }


def _clusters(layer: MapLayer, rows: QuerySet, zoom: int) -> list[dict[str, Any]]:
    cell = cell_degrees(zoom)
    groups = (
        rows.order_by()
        .annotate(cell_x=Floor(F("longitude") / cell), cell_y=Floor(F("latitude") / cell))
        .values("cell_x", "cell_y")
        .annotate(n=Count("id", distinct=True), lat=Avg("latitude"), lng=Avg("longitude"))
        .order_by("-n", "cell_x", "cell_y")[: MAX_FEATURES + 1]
    )
    return [
        _feature(
            group["lng"],
            group["lat"],
            {"type": "cluster", "layer": layer.name, "count": group["n"]},
        )
        for group in groups
    ]


def _points(layer: MapLayer, rows: QuerySet) -> list[dict[str, Any]]:
    marker = "slug-placeholder"
    prefix, _sep, suffix = reverse(layer.url_name, kwargs={"slug": marker}).partition(marker)
    # distinct: a topic's join could otherwise return a row twice.
    values = (
        rows.order_by("id")
        .values("id", "title", "slug", "city", "state", "latitude", "longitude")
        .distinct()[: MAX_FEATURES + 1]
    )
    return [
        _feature(
            row["longitude"],
            row["latitude"],
            {
                "type": layer.name,
                "name": row["title"],
                "url": f"{prefix}{row['slug']}{suffix}",
                "city": row["city"],
                "state": row["state"],
            },
        )
        for row in values
    ]


def map_clusters(
    *,
    box: Box,
    zoom: int,
    topic: Topic | None = None,
    layer_names: list[str] | None = None,
    organization_kind: str = "",
) -> dict[str, Any]:
    """The layers' clusters (or points, from POINTS_ZOOM) inside `box`, as GeoJSON.

    `layer_names` picks layers (None: all); `organization_kind` narrows the organizations.
    """
    zoom = max(0, min(zoom, MAX_ZOOM))
    mode = "points" if zoom >= POINTS_ZOOM else "clusters"
    features: list[dict[str, Any]] = []
    for layer in map_layers():
        if layer_names is not None and layer.name not in layer_names:
            continue
        rows = _in_box(layer.rows(topic), box)
        if organization_kind and layer.name == "organization":
            rows = rows.filter(kind=organization_kind)
        features += _points(layer, rows) if mode == "points" else _clusters(layer, rows, zoom)
    if mode == "clusters":
        # The biggest clusters say the most about where people are.
        features.sort(key=lambda feature: -feature["properties"]["count"])
    truncated = len(features) > MAX_FEATURES
    return {
        "type": "FeatureCollection",
        "mode": mode,
        "zoom": zoom,
        "cap": MAX_FEATURES,
        "truncated": truncated,
        "features": features[:MAX_FEATURES],
    }


def box_clamped(west: float, south: float, east: float, north: float) -> Box:
    """The box cut to the world's edges (a map zoomed out may ask for more than the world)."""
    return Box(
        west=max(-180.0, west),
        south=max(-90.0, south),
        east=min(180.0, east),
        north=min(90.0, north),
    )


def is_finite(*values: float) -> bool:
    return all(math.isfinite(value) for value in values)
