import pytest

from actlocal.geo import (
    bounding_box,
    city_centroid,
    distance_miles,
    normalize_zip,
    zip_place,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("02139", "02139"), (" 02139-4307 ", "02139"), ("2139", None), ("abcde", None), ("", None)],
)
def test_zip_codes_are_normalised_to_five_digits(raw, expected):
    assert normalize_zip(raw) == expected


def test_a_real_zip_has_a_centroid_and_an_unknown_one_has_none():
    place = zip_place("02139")
    assert place.city == "Cambridge" and place.state == "MA"
    assert 42 < place.lat < 43 and -72 < place.lng < -71
    assert zip_place("00000") is None
    assert zip_place(None) is None


def test_city_centroid_ignores_case_and_spacing_and_knows_unknown_cities():
    assert city_centroid("Cambridge", "MA") == city_centroid("  cambridge ", "ma")
    assert city_centroid("Atlantis", "MA") is None


def test_distance_between_boston_and_cambridge_is_a_few_miles():
    boston, cambridge = zip_place("02108"), zip_place("02139")
    miles = distance_miles(boston.lat, boston.lng, cambridge.lat, cambridge.lng)
    assert 1 < miles < 5


def test_bounding_box_contains_every_point_within_the_radius():
    center = zip_place("02139")
    min_lat, max_lat, min_lng, max_lng = bounding_box(center.lat, center.lng, 25)
    worcester = zip_place("01608")  # about 38 miles away: outside
    lowell = zip_place("01852")  # about 22 miles away: inside
    assert min_lat <= lowell.lat <= max_lat and min_lng <= lowell.lng <= max_lng
    assert distance_miles(center.lat, center.lng, lowell.lat, lowell.lng) < 25
    assert not (min_lng <= worcester.lng <= max_lng and min_lat <= worcester.lat <= max_lat)
