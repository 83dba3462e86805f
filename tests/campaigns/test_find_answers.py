"""“Find my legislator” keeps each place's answer under the campaigns version
(campaigns.find_answers): a new URL for a place asked before (a tracking tag, another spelling)
runs no query and waits on Redis twice, and any change to the crosswalk or an official shows
at once."""

import secrets

import pytest
from django.urls import reverse

from campaigns.models import Official
from directory.cache import CACHE_HIT_HEADER
from tests.actlocal.test_cache_outage import cache_down  # noqa: F401 (fixture)

from .govdata import load_government_data

pytestmark = pytest.mark.django_db
URL = reverse("campaigns:find_my_legislator")
PLACES = {
    "the form": {},
    "whole town": {"municipality": "Abington"},
    "split town": {"municipality": "Brockton"},
    "precinct": {"municipality": "Brockton", "ward": "2", "precinct": "6A"},
    "unknown precinct": {"municipality": "Brockton", "ward": "2", "precinct": "99"},
}


@pytest.fixture
def govdata(db):
    load_government_data()


def fresh(client, params: dict, **headers):
    """A URL the page cache has never seen: as a shared link with a tracking tag would be."""
    return client.get(URL, {**params, "utm_source": secrets.token_hex(4)}, **headers)


@pytest.mark.parametrize("place", PLACES)
def test_a_place_asked_before_costs_no_query_at_a_new_url(
    govdata, anon_client, redis_round_trips, django_assert_num_queries, place
):
    first = fresh(anon_client, PLACES[place])
    redis_round_trips.clear()
    with django_assert_num_queries(0):
        again = fresh(anon_client, PLACES[place])

    assert again.status_code == first.status_code
    assert again.content.decode().count("<h1") == 1
    if again.status_code == 200:
        assert again[CACHE_HIT_HEADER] == "miss"
    # The page lookup (with the towns and the answer), then the page stored; an answer that
    # is a 400 is not stored, so it waits on the lookup alone.
    assert len(redis_round_trips) == (2 if again.status_code == 200 else 1)


def test_another_spelling_of_the_town_reuses_its_answer(
    govdata, anon_client, django_assert_num_queries
):
    fresh(anon_client, {"municipality": "North Attleborough"})
    with django_assert_num_queries(0):
        response = fresh(anon_client, {"municipality": "  north   ATTLEBOROUGH "})
    assert "Jordan Pike" in response.content.decode()


def test_a_changed_official_shows_at_the_next_new_url(govdata, anon_client):
    assert "Alex Rivera" in fresh(anon_client, PLACES["whole town"]).content.decode()
    official = Official.objects.get(name="Alex Rivera")
    official.name = "Alexandra Rivera-Stone"
    official.save()  # bumps the campaigns version

    page = fresh(anon_client, PLACES["whole town"]).content.decode()
    assert "Alexandra Rivera-Stone" in page


def test_an_unknown_precinct_is_explained_in_the_visitors_language(govdata, anon_client):
    spanish = fresh(anon_client, PLACES["unknown precinct"], HTTP_ACCEPT_LANGUAGE="es")
    english = fresh(anon_client, PLACES["unknown precinct"], HTTP_ACCEPT_LANGUAGE="en")

    assert spanish.status_code == english.status_code == 400
    assert "Brockton has no precinct 99 in ward 2." in english.content.decode()
    assert "Brockton has no precinct" not in spanish.content.decode()


def test_the_answers_come_from_the_database_when_the_cache_is_down(
    govdata,
    cache_down,  # noqa: F811
    anon_client,
):
    for params in list(PLACES.values())[1:]:
        first, second = fresh(anon_client, params), fresh(anon_client, params)
        assert first.status_code == second.status_code
        assert first.status_code in (200, 400)
    assert "Alex Rivera" in fresh(anon_client, PLACES["whole town"]).content.decode()
