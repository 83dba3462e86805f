"""A kit's "what this kit contains" is for organizers; its events keep a public description."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.services.kits import event_create_from_kit, kit_save_from_event

from .factories import EventFactory, EventRoleFactory

pytestmark = pytest.mark.django_db

BLURB = "Everything for a convening: agenda, questions, reminders."


@pytest.fixture
def kit(organizer_user):
    source = EventFactory(description="A day of workshops for the public.")
    return kit_save_from_event(
        event=source, title="Convening kit", contents=BLURB, actor=organizer_user
    )


def _from(kit, user) -> Event:
    return event_create_from_kit(
        kit=kit,
        actor=user,
        title="Dayton Convening",
        starts_at=timezone.now() + timedelta(days=30),
        time_zone="America/New_York",
        city="Dayton",
        state="OH",
    )


def test_an_event_from_a_kit_never_shows_the_kits_note(kit, organizer_user, anon_client):
    event = _from(kit, organizer_user)
    assert (event.description, event.kit_contents) == ("A day of workshops for the public.", "")

    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED, visibility="public")
    content = anon_client.get(event.get_absolute_url()).content.decode()
    assert BLURB not in content


def test_the_kit_list_shows_what_the_kit_contains(organizer_client, kit):
    content = organizer_client.get(reverse("events:kit_list")).content.decode()

    assert BLURB in content
    assert "A day of workshops for the public." not in content


def test_the_kit_save_page_takes_what_the_kit_contains(team_client, event):
    team_client.post(
        reverse("events:kit_save", kwargs={"slug": event.slug}),
        {"title": "City kit", "contents": "  The whole day.  "},
    )

    assert Event.objects.get(is_template=True, title="City kit").kit_contents == "The whole day."


def test_only_a_kits_edit_page_has_the_field(organizer_client, organizer_user, kit):
    kit_page = organizer_client.get(reverse("events:edit", kwargs={"slug": kit.slug}))
    assert 'name="kit_contents"' in kit_page.content.decode()

    event = EventFactory()
    EventRoleFactory(event=event, user=organizer_user)
    event_page = organizer_client.get(reverse("events:edit", kwargs={"slug": event.slug}))
    assert 'name="kit_contents"' not in event_page.content.decode()
