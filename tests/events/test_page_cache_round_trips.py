"""A visit of a public events page that misses the page cache (a new query string) waits on
Redis twice and reads no row but an event's own: the lookup brings the parts the page shows with
the page and the versions, and the page is stored with any part it rendered (directory.cache,
events.fragments)."""

import secrets

import pytest

from actlocal.geo import zip_place
from directory.cache import CACHE_HIT_HEADER
from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db

NEAR = {"zip": "02139", "miles": "50"}


def fresh(url: str, params: dict | None = None) -> dict:
    return {"path": url, "data": {**(params or {}), "utm_source": secrets.token_hex(4)}}


@pytest.fixture
def public_events():
    place = zip_place("02139")
    events = [
        EventFactory(title=f"Cambridge Meetup {n}", reminders=[], zip_code="02139", state="MA")
        for n in range(3)
    ]
    Event.objects.update(latitude=place.lat, longitude=place.lng)
    return events


@pytest.mark.parametrize(
    ("url", "params", "queries"),
    [
        ("/events/", NEAR, 0),  # the count and the page's cards are one part
        ("/events/", {}, 0),
        ("/events/near-part/", NEAR, 0),
        (None, {}, 1),  # an event's page: its row, then its parts
    ],
)
def test_a_page_cache_miss_waits_on_redis_twice(
    anon_client, public_events, redis_round_trips, django_assert_num_queries, url, params, queries
):
    url = url or public_events[0].get_absolute_url()
    anon_client.get(**fresh(url, params))  # renders and keeps the parts
    redis_round_trips.clear()
    with django_assert_num_queries(queries):
        response = anon_client.get(**fresh(url, params))
    assert response.status_code == 200 and response[CACHE_HIT_HEADER] == "miss"
    assert "Cambridge Meetup" in response.content.decode()
    assert len(redis_round_trips) == 2


def test_the_list_shows_a_changed_event_at_once(anon_client, public_events, redis_round_trips):
    anon_client.get(**fresh("/events/", NEAR))
    event = Event.objects.get(pk=public_events[0].pk)
    event.title = "Cambridge Teach-in"
    event.save()  # bumps the events' version
    redis_round_trips.clear()
    response = anon_client.get(**fresh("/events/", NEAR))
    assert "Cambridge Teach-in" in response.content.decode()
    # The lookup, the parts under the new versions, the count of the search, the cards, and
    # the page stored with its parts; then the next miss is back to two.
    assert len(redis_round_trips) == 5
    redis_round_trips.clear()
    assert "Cambridge Teach-in" in anon_client.get(**fresh("/events/", NEAR)).content.decode()
    assert len(redis_round_trips) == 2
