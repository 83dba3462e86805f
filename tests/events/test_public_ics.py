"""Calendar files: one event (personal when the viewer has an RSVP) and the public feed."""

import pytest
from django.urls import reverse

from events.models import RSVP, Event
from events.tokens import rsvp_link_token
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db

ADDRESS = "12 Main Street"


def ics_url(event: Event) -> str:
    return reverse("events:event_ics", kwargs={"slug": event.slug})


FEED = reverse("events:feed_ics")


def text(response) -> str:
    return response.content.decode()


def unfolded(response) -> str:
    return text(response).replace("\r\n ", "")


def test_public_event_calendar_for_anonymous_visitor(anon_client):
    event = EventFactory(title="Open Convening")

    response = anon_client.get(ics_url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = unfolded(response)
    assert body.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Open Convening" in body
    assert ADDRESS in body
    assert "ATTENDEE" not in body


@pytest.mark.parametrize("role", ["anon_client", "member_client", "other_team_client"])
def test_invite_only_event_calendar_is_404_for_people_not_invited(request, event, role):
    client = request.getfixturevalue(role)

    assert client.get(ics_url(event)).status_code == 404


def test_invitee_not_going_gets_the_calendar_without_the_address(invitee_client, event):
    response = invitee_client.get(ics_url(event))

    assert response.status_code == 200
    assert ADDRESS not in unfolded(response)
    assert response["Cache-Control"] == "private, no-store"


def test_team_gets_the_invite_only_calendar_with_the_address(team_client, event):
    assert ADDRESS in unfolded(team_client.get(ics_url(event)))


def test_attendee_gets_a_personal_calendar_with_their_status(attendee_client, event):
    response = attendee_client.get(ics_url(event))

    body = unfolded(response)
    assert "METHOD:REQUEST" in body
    assert "PARTSTAT=ACCEPTED" in body
    assert "mailto:attendee@example.org" in body
    assert ADDRESS in body
    assert response["Cache-Control"] == "private, no-store"


def test_member_who_declined_gets_the_plain_event(member_client, member_user):
    event = EventFactory()
    RSVPFactory(event=event, leader=member_user.leader, status=RSVP.Status.DECLINED)

    body = unfolded(member_client.get(ics_url(event)))

    assert "METHOD:PUBLISH" in body
    assert "ATTENDEE" not in body


def test_draft_event_calendar_is_404_for_the_public(anon_client):
    draft = EventFactory(status=Event.Status.DRAFT)

    assert anon_client.get(ics_url(draft)).status_code == 404


def test_signed_link_token_gives_the_link_holder_their_calendar(anon_client, event):
    rsvp = RSVPFactory(event=event, leader=LeaderFactory(email="holder@example.org"))

    response = anon_client.get(ics_url(event), {"token": rsvp_link_token(rsvp)})

    assert response.status_code == 200
    assert "mailto:holder@example.org" in unfolded(response)


def test_forged_or_misplaced_token_on_the_calendar_is_404(anon_client, event):
    rsvp = RSVPFactory(event=event)
    other = EventFactory()

    assert anon_client.get(ics_url(event), {"token": "forged"}).status_code == 404
    assert anon_client.get(ics_url(other), {"token": rsvp_link_token(rsvp)}).status_code == 404


def test_feed_lists_upcoming_public_events_only_and_no_attendees(anon_client):
    EventFactory(title="Open Convening")
    EventFactory(title="Secret Retreat", visibility=Event.Visibility.INVITE_ONLY)
    EventFactory(title="Draft Meetup", status=Event.Status.DRAFT)
    EventFactory(title="Kit Template", is_template=True)
    RSVPFactory(event=EventFactory(title="Busy Dinner"), leader=LeaderFactory(email="x@y.org"))

    response = anon_client.get(FEED)

    body = unfolded(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Open Convening" in body and "SUMMARY:Busy Dinner" in body
    for hidden in ("Secret Retreat", "Draft Meetup", "Kit Template", "ATTENDEE", "x@y.org"):
        assert hidden not in body


def test_feed_takes_the_lists_filters(anon_client):
    EventFactory(title="MA Training", state="MA", kind=Event.Kind.TRAINING)
    EventFactory(title="NY Training", state="NY", kind=Event.Kind.TRAINING)

    body = unfolded(anon_client.get(FEED, {"state": "MA"}))

    assert "MA Training" in body
    assert "NY Training" not in body


def test_feed_with_bad_filters_is_400_with_a_message(anon_client):
    response = anon_client.get(FEED, {"state": "ZZ"})

    assert response.status_code == 400
    assert "is not a US state code we know" in text(response)
