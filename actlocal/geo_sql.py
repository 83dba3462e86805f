"""Distances computed by the database, so a radius search filters, orders and pages its rows in
SQL instead of reading every row of a bounding box into Python (see actlocal.geo for the
Python twin, `distance_miles`, which uses the same formula and radius)."""

from __future__ import annotations

import math

from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from .geo import EARTH_RADIUS_MILES


def _float(value: float) -> Value:
    return Value(value, output_field=FloatField())


def great_circle_miles(
    lat: float, lng: float, *, lat_field: str = "latitude", lng_field: str = "longitude"
) -> Func | CombinedExpression:
    """Haversine distance in miles from (`lat`, `lng`) to each row's coordinates."""
    phi = math.radians(lat)
    half_dphi = (Radians(F(lat_field)) - _float(phi)) / _float(2.0)
    half_dlmb = (Radians(F(lng_field)) - _float(math.radians(lng))) / _float(2.0)
    a = Power(Sin(half_dphi), 2) + _float(math.cos(phi)) * Cos(Radians(F(lat_field))) * Power(
        Sin(half_dlmb), 2
    )
    # Rounding can push `a` a hair above 1 for antipodes; asin would then fail.
    return _float(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(Least(a, _float(1.0))))
