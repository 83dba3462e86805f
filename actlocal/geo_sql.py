"""Distances computed by the database, so a radius search filters, orders and pages its rows in
SQL instead of reading every row of a bounding box into Python (see actlocal.geo for the
Python twin, `distance_miles`, which uses the same formula and radius)."""

from __future__ import annotations

import math
from typing import Any

from django.db.models import F, FloatField, Func

from .geo import EARTH_RADIUS_MILES


class GreatCircleMiles(Func):
    """Haversine distance in miles from a fixed point to each row's coordinates.

    One expression node whose SQL is written out, rather than a tree of Sin/Cos/Power nodes:
    Django resolves and compiles such a tree anew for every query (the count and the page of a
    list each), which cost more than the database's work on a few hundred rows. The origin's
    own trigonometry is done here, once.
    """

    output_field = FloatField()

    def __init__(
        self, lat: float, lng: float, *, lat_field: str = "latitude", lng_field: str = "longitude"
    ) -> None:
        super().__init__(F(lat_field), F(lng_field))
        self.origin = (lat, lng)

    def as_sql(self, compiler, connection, **extra_context: Any) -> tuple[str, list[Any]]:
        lat_sql, lat_params = compiler.compile(self.source_expressions[0])
        lng_sql, lng_params = compiler.compile(self.source_expressions[1])
        phi = math.radians(self.origin[0])
        # Rounding can push the term a hair above 1 for antipodes; asin would then fail.
        least = "MIN" if connection.vendor == "sqlite" else "LEAST"
        sql = (
            f"(%s * ASIN(SQRT({least}(1.0, "
            f"POWER(SIN((RADIANS({lat_sql}) - %s) / 2.0), 2) "
            f"+ %s * COS(RADIANS({lat_sql})) * POWER(SIN((RADIANS({lng_sql}) - %s) / 2.0), 2)"
            "))))"
        )
        params = [
            2 * EARTH_RADIUS_MILES,
            *lat_params,
            phi,
            math.cos(phi),
            *lat_params,
            *lng_params,
            math.radians(self.origin[1]),
        ]
        return sql, params


def great_circle_miles(
    lat: float, lng: float, *, lat_field: str = "latitude", lng_field: str = "longitude"
) -> GreatCircleMiles:
    """Haversine distance in miles from (`lat`, `lng`) to each row's coordinates."""
    return GreatCircleMiles(lat, lng, lat_field=lat_field, lng_field=lng_field)


# --- Nearest first from an index (PostgreSQL's `cube` extension) -----------------------------
# A radius holds more rows as the network grows, so "the nearest N" must not measure every row
# of it. Each located row is also a point on the unit sphere (a 3-D `cube`) in a GiST index:
# the straight-line (chord) distance between two such points grows with the great-circle
# distance, so the index hands rows over nearest first (`<->`, a KNN scan) and a LIMIT stops
# it, however many rows lie near.


def sphere_point_sql(lat_sql: str, lng_sql: str) -> str:
    """SQL of the unit-sphere point of a row; the index (directory migration 0016) spells it
    exactly so, or the planner would not match it."""
    return (
        f"cube(ARRAY[cos(radians({lat_sql})) * cos(radians({lng_sql})), "
        f"cos(radians({lat_sql})) * sin(radians({lng_sql})), sin(radians({lat_sql}))])"
    )


def _origin_sql(lat: float, lng: float) -> tuple[str, list[float]]:
    phi, lam = math.radians(lat), math.radians(lng)
    point = [math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)]
    return "cube(ARRAY[%s, %s, %s]::float8[])", point


class SphereNearness(Func):
    """The chord from a fixed point to each row's sphere point: order by it for nearest first
    (PostgreSQL only; the rows must be located, as the index is partial)."""

    output_field = FloatField()

    def __init__(self, lat: float, lng: float) -> None:
        super().__init__(F("latitude"), F("longitude"))
        self.origin = (lat, lng)

    def as_sql(self, compiler, connection, **extra_context: Any) -> tuple[str, list[Any]]:
        lat_sql, lat_params = compiler.compile(self.source_expressions[0])
        lng_sql, lng_params = compiler.compile(self.source_expressions[1])
        # The point's SQL repeats each column: its parameters (none for columns) do too.
        point = sphere_point_sql(lat_sql, lng_sql)
        origin_sql, origin_params = _origin_sql(*self.origin)
        params = [*lat_params, *lat_params, *lng_params, *lat_params, *lng_params, *lat_params]
        return f"({point} <-> {origin_sql})", [*params, *origin_params]
