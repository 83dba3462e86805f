"""Geography helpers: US states, ZIP code centroids from the offline `zipcodes` dataset, distance.

The dataset ships inside the package, so no geocoder or network is needed. ZIP centroids are
deliberately coarse: they are what the public map shows instead of anyone's address.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    AL = "AL", _("Alabama")
    AK = "AK", _("Alaska")
    AZ = "AZ", _("Arizona")
    AR = "AR", _("Arkansas")
    CA = "CA", _("California")
    CO = "CO", _("Colorado")
    CT = "CT", _("Connecticut")
    DE = "DE", _("Delaware")
    DC = "DC", _("District of Columbia")
    FL = "FL", _("Florida")
    GA = "GA", _("Georgia")
    HI = "HI", _("Hawaii")
    ID = "ID", _("Idaho")
    IL = "IL", _("Illinois")
    IN = "IN", _("Indiana")
    IA = "IA", _("Iowa")
    KS = "KS", _("Kansas")
    KY = "KY", _("Kentucky")
    LA = "LA", _("Louisiana")
    ME = "ME", _("Maine")
    MD = "MD", _("Maryland")
    MA = "MA", _("Massachusetts")
    MI = "MI", _("Michigan")
    MN = "MN", _("Minnesota")
    MS = "MS", _("Mississippi")
    MO = "MO", _("Missouri")
    MT = "MT", _("Montana")
    NE = "NE", _("Nebraska")
    NV = "NV", _("Nevada")
    NH = "NH", _("New Hampshire")
    NJ = "NJ", _("New Jersey")
    NM = "NM", _("New Mexico")
    NY = "NY", _("New York")
    NC = "NC", _("North Carolina")
    ND = "ND", _("North Dakota")
    OH = "OH", _("Ohio")
    OK = "OK", _("Oklahoma")
    OR = "OR", _("Oregon")
    PA = "PA", _("Pennsylvania")
    PR = "PR", _("Puerto Rico")
    RI = "RI", _("Rhode Island")
    SC = "SC", _("South Carolina")
    SD = "SD", _("South Dakota")
    TN = "TN", _("Tennessee")
    TX = "TX", _("Texas")
    UT = "UT", _("Utah")
    VT = "VT", _("Vermont")
    VA = "VA", _("Virginia")
    WA = "WA", _("Washington")
    WV = "WV", _("West Virginia")
    WI = "WI", _("Wisconsin")
    WY = "WY", _("Wyoming")


EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LAT = 69.0
ZIP_RE = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


@dataclass(frozen=True)
class ZipPlace:
    zip_code: str
    city: str
    state: str
    lat: float
    lng: float


@lru_cache(maxsize=1)
def _zip_table() -> dict[str, ZipPlace]:
    import zipcodes

    table: dict[str, ZipPlace] = {}
    for row in zipcodes.list_all():
        try:
            lat, lng = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            continue
        table[row["zip_code"]] = ZipPlace(row["zip_code"], row["city"], row["state"], lat, lng)
    return table


def normalize_zip(value: str | None) -> str | None:
    """Return the five-digit ZIP in `value` (accepts ZIP+4), or None if it is not a ZIP."""
    match = ZIP_RE.match(value or "")
    return match.group(1) if match else None


def zip_place(value: str | None) -> ZipPlace | None:
    """The centroid of a real US ZIP code, or None for anything else."""
    code = normalize_zip(value)
    return _zip_table().get(code) if code else None


@lru_cache(maxsize=1)
def _city_centroids() -> dict[tuple[str, str], tuple[float, float]]:
    """(lowercase city, state) -> mean of the city's ZIP centroids, built once per process."""
    sums: dict[tuple[str, str], list[float]] = {}
    for place in _zip_table().values():
        entry = sums.setdefault((place.city.lower(), place.state), [0.0, 0.0, 0])
        entry[0] += place.lat
        entry[1] += place.lng
        entry[2] += 1
    return {key: (round(lat / n, 4), round(lng / n, 4)) for key, (lat, lng, n) in sums.items()}


def city_centroid(city: str, state: str) -> tuple[float, float] | None:
    """Mean of the ZIP centroids of a city; used for places known only by city and state."""
    return _city_centroids().get((" ".join(city.split()).lower(), state.strip().upper()))


@lru_cache(maxsize=1)
def _state_centroids() -> dict[str, tuple[float, float]]:
    """State -> mean of its ZIP centroids (where most people live, not the map's middle)."""
    sums: dict[str, list[float]] = {}
    for place in _zip_table().values():
        entry = sums.setdefault(place.state, [0.0, 0.0, 0])
        entry[0] += place.lat
        entry[1] += place.lng
        entry[2] += 1
    return {key: (round(lat / n, 4), round(lng / n, 4)) for key, (lat, lng, n) in sums.items()}


def state_centroid(state: str) -> tuple[float, float] | None:
    """Where a state's count sits on the national map."""
    return _state_centroids().get(state.strip().upper())


def distance_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in miles (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def bounding_box(lat: float, lng: float, miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) enclosing a circle, for an indexable pre-filter."""
    dlat = miles / MILES_PER_DEGREE_LAT
    dlng = miles / (MILES_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng
