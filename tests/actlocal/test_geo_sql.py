"""The database's great-circle distance agrees with the Python one it replaces in searches."""

import pytest

from actlocal.geo import distance_miles, zip_place
from actlocal.geo_sql import great_circle_miles
from directory.models import Organization
from tests.directory.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zip_code", ["02139", "01608", "10001", "94103", "99501"])
def test_the_sql_distance_matches_distance_miles(zip_code):
    here = zip_place("02139")
    there = zip_place(zip_code)
    OrganizationFactory(latitude=there.lat, longitude=there.lng)
    (measured,) = Organization.objects.annotate(
        miles=great_circle_miles(here.lat, here.lng)
    ).values_list("miles", flat=True)
    assert measured == pytest.approx(distance_miles(here.lat, here.lng, there.lat, there.lng))


def test_a_point_on_the_far_side_of_the_earth_does_not_fail():
    OrganizationFactory(latitude=-42.3, longitude=108.9)
    (measured,) = Organization.objects.annotate(miles=great_circle_miles(42.3, -71.1)).values_list(
        "miles", flat=True
    )
    assert 12_400 < measured < 12_500
