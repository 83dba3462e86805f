"""Events in the directory's "near me": the next public events within the radius, loaded after
the page through directory.near_sections; never an invite-only event."""

import pytest
from django.urls import reverse

from actlocal.geo import zip_place
from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db

PART = "/events/near-part/"


def at(zip_code: str) -> dict:
    place = zip_place(zip_code)
    return {
        "city": place.city.title(),
        "state": place.state,
        "zip_code": zip_code,
        "latitude": place.lat,
        "longitude": place.lng,
    }


@pytest.fixture
def events():
    return {
        "near": EventFactory(title="Cambridge Convening", visibility="public", **at("02139")),
        "secret": EventFactory(
            title="Secret Strategy Dinner", visibility=Event.Visibility.INVITE_ONLY, **at("02139")
        ),
        "far": EventFactory(title="Pittsfield Potluck", visibility="public", **at("01201")),
    }


def test_the_part_lists_public_events_within_the_radius_only(anon_client, member_client, events):
    for client in (anon_client, member_client):
        content = client.get(PART, {"zip": "02139", "miles": 10}).content.decode()
        assert "Cambridge Convening" in content
        assert "Secret Strategy Dinner" not in content
        assert "Pittsfield Potluck" not in content
        assert "/events/?zip=02139&amp;miles=10" in content


@pytest.mark.parametrize("params", [{}, {"zip": "nope"}, {"zip": "02139", "miles": "7"}])
def test_bad_input_is_a_400(anon_client, params):
    assert anon_client.get(PART, params).status_code == 400


def test_the_near_me_page_loads_the_events_section_after_itself(anon_client, events):
    content = anon_client.get(
        reverse("directory:near"), {"zip": "02139", "miles": 10}
    ).content.decode()
    assert "Events nearby" in content
    assert 'hx-get="/events/near-part/?zip=02139' in content
    assert 'href="/events/?zip=02139' in content  # without JavaScript
    assert "Secret Strategy Dinner" not in content
