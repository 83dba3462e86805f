"""The events list keeps its rendered cards and filter sidebar in the cache: every change a card
or the sidebar shows must appear at once all the same."""

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from actlocal.dates import when_range_html
from events.models import RSVP
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import OrganizationFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db

URL = reverse("events:list")


def test_a_new_rsvp_changes_the_seats_left_at_once(anon_client):
    event = EventFactory(title="Roomy", capacity=3)
    assert "3 seats left" in anon_client.get(URL).content.decode()

    RSVPFactory(event=event)

    assert "2 seats left" in anon_client.get(URL).content.decode()
    for rsvp in RSVP.objects.filter(event=event):  # saved as the services do (signals)
        rsvp.status = RSVP.Status.CANCELLED
        rsvp.save()
    assert "3 seats left" in anon_client.get(URL).content.decode()


def test_edited_events_hosts_and_topics_show_at_once(anon_client):
    topic = TopicFactory(name="Tenant organizing")
    host = OrganizationFactory(name="Tenants United")
    event = EventFactory(title="Old Title", host_organization=host)
    event.topics.add(topic)
    first = anon_client.get(URL).content.decode()
    assert "Old Title" in first and "Tenants United" in first and "Tenant organizing" in first

    event.title = "New Title"
    event.save()
    host.name = "Renters United"
    host.save()
    topic.name = "Tenant power"
    topic.save()

    content = anon_client.get(URL).content.decode()
    assert "New Title" in content and "Old Title" not in content
    assert "Hosted by Renters United" in content
    assert ">Tenant power</a>" in content  # on the card
    assert ">Tenant power</option>" in content  # in the sidebar's topic choices


def test_a_topic_added_to_an_event_shows_on_its_card(anon_client):
    event = EventFactory(title="Teach-in")
    anon_client.get(URL)

    event.topics.add(TopicFactory(name="Teach-in topic"))

    assert ">Teach-in topic</a>" in anon_client.get(URL).content.decode()


def test_the_cached_sidebar_keeps_each_requests_chosen_filters(anon_client):
    EventFactory(state="MA")
    EventFactory(state="NY")

    for state in ("MA", "NY", "MA"):
        content = anon_client.get(URL, {"state": state}).content.decode()
        assert f'<option value="{state}" selected>' in content
        other = "NY" if state == "MA" else "MA"
        assert f'<option value="{other}" selected>' not in content
    assert '<option value="" selected>' in anon_client.get(URL).content.decode()


def test_signed_in_and_anonymous_visitors_see_the_same_cards(anon_client, member_client):
    EventFactory(title="Shared Card", capacity=10)

    anonymous = anon_client.get(URL).content.decode()
    member = member_client.get(URL).content.decode()

    def cards(content: str) -> str:
        start = content.index('<ul class="results">')
        return content[start : content.index("</ul>", start)]

    assert "Shared Card" in cards(member)
    assert cards(member) == cards(anonymous)


@pytest.mark.parametrize(
    ("start", "end", "time_zone"),
    [
        (
            datetime(2099, 1, 10, 16, 0, tzinfo=UTC),
            datetime(2099, 1, 10, 20, 0, tzinfo=UTC),
            "America/Denver",
        ),
        (
            datetime(2099, 7, 1, 23, 30, tzinfo=UTC),
            datetime(2099, 7, 2, 3, 0, tzinfo=UTC),
            "America/New_York",
        ),
        (
            datetime(2099, 3, 5, 9, 0, tzinfo=UTC),
            datetime(2099, 3, 7, 17, 0, tzinfo=UTC),
            "Pacific/Honolulu",
        ),
    ],
)
def test_agenda_times_are_the_same_markup_as_the_shared_template(start, end, time_zone):
    rendered = render_to_string(
        "events/_event_when.html", {"start": start, "end": end, "tz": time_zone}
    )

    assert when_range_html(start=start, end=end, time_zone=time_zone) == rendered.strip()
