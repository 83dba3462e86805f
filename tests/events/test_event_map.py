"""A small map on a public event's page; none for an invite-only or draft event."""

import pytest

from actlocal.geo import zip_place
from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _placed(**kwargs):
    place = zip_place("02139")
    return EventFactory(latitude=place.lat, longitude=place.lng, city="Cambridge", **kwargs)


def test_a_public_event_page_has_a_small_map_of_its_place(anon_client):
    event = _placed(title="Open Convening", visibility="public")
    content = anon_client.get(event.get_absolute_url()).content.decode()
    assert 'data-geojson-script="event-place"' in content
    data = content.split('id="event-place" type="application/json">')[1].split("</script>")[0]
    assert "Open Convening" in data and '"type": "event"' in data
    assert "leaflet/leaflet.js" in content


@pytest.mark.parametrize("role", ["attendee_client", "team_client"])
def test_an_invite_only_event_page_has_no_map(request, event, role):
    Event.objects.filter(pk=event.pk).update(latitude=42.36, longitude=-71.1)
    content = request.getfixturevalue(role).get(event.get_absolute_url()).content.decode()
    assert "event-place" not in content and "leaflet.js" not in content


def test_a_draft_event_page_has_no_map(staff_client):
    event = _placed(status=Event.Status.DRAFT, visibility="public")
    content = staff_client.get(event.get_absolute_url()).content.decode()
    assert "event-place" not in content
