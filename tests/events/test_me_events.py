"""/me/: "My events" lists the leader's own RSVPs, upcoming and past, with links to change them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import RSVP, Event

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def test_my_events_lists_upcoming_rsvps_with_status_and_change_link(member_client, member_user):
    leader = member_user.leader
    going = EventFactory(title="Spring Convening")
    RSVPFactory(event=going, leader=leader)
    full = EventFactory(title="Small Dinner", capacity=1)
    RSVPFactory(event=full)
    RSVPFactory(event=full, status=RSVP.Status.WAITLISTED, waitlist_position=4)
    RSVPFactory(event=full, leader=leader, status=RSVP.Status.WAITLISTED, waitlist_position=9)

    content = member_client.get(reverse("me")).content.decode()

    assert "My events" in content
    assert "Spring Convening" in content
    assert "Going" in content
    assert "Waitlist: number 2" in content
    assert reverse("events:rsvp", kwargs={"slug": going.slug}) in content
    assert reverse("events:rsvp", kwargs={"slug": full.slug}) in content


def test_my_events_lists_past_events_with_attendance(member_client, member_user):
    start = timezone.now() - timedelta(days=30)
    past = EventFactory(
        title="Winter Training", starts_at=start, ends_at=start + timedelta(hours=4)
    )
    RSVPFactory(event=past, leader=member_user.leader, attendance=RSVP.Attendance.ATTENDED)

    content = member_client.get(reverse("me")).content.decode()

    assert "Past events" in content
    assert "Winter Training" in content
    assert "Attended" in content
    assert reverse("events:rsvp", kwargs={"slug": past.slug}) not in content


def test_my_events_includes_invite_only_and_cancelled_events(member_client, member_user):
    private = EventFactory(title="Private Retreat", visibility=Event.Visibility.INVITE_ONLY)
    RSVPFactory(event=private, leader=member_user.leader)
    called_off = EventFactory(title="Called Off", status=Event.Status.CANCELLED)
    RSVPFactory(event=called_off, leader=member_user.leader)

    content = member_client.get(reverse("me")).content.decode()

    assert "Private Retreat" in content
    assert "Event cancelled" in content


def test_my_events_shows_only_my_own_rsvps_and_never_kits_or_drafts(member_client, member_user):
    RSVPFactory(event=EventFactory(title="Someone Else's Meetup"))
    RSVPFactory(event=EventFactory(title="A Kit", is_template=True), leader=member_user.leader)
    draft = EventFactory(title="A Draft", status=Event.Status.DRAFT)
    RSVPFactory(event=draft, leader=member_user.leader)

    content = member_client.get(reverse("me")).content.decode()

    assert "Someone Else" not in content
    assert "A Kit" not in content
    assert "A Draft" not in content
    assert "You have no upcoming events." in content


def test_attendee_can_follow_the_change_link_of_an_invite_only_event(attendee_client, event):
    content = attendee_client.get(reverse("me")).content.decode()
    rsvp_page = reverse("events:rsvp", kwargs={"slug": event.slug})

    assert rsvp_page in content
    assert attendee_client.get(rsvp_page).status_code == 200


def test_my_events_query_count_does_not_grow_with_rsvps(
    member_client, member_user, django_assert_max_num_queries
):
    for _n in range(10):
        RSVPFactory(event=EventFactory(reminders=[]), leader=member_user.leader)
    member_client.get(reverse("me"))  # warm the session and the per-user lookups

    with django_assert_max_num_queries(20) as captured:
        member_client.get(reverse("me"))
    baseline = len(captured)
    for _n in range(10):
        RSVPFactory(event=EventFactory(reminders=[]), leader=member_user.leader)

    with django_assert_max_num_queries(baseline):
        member_client.get(reverse("me"))


def test_anonymous_visitor_is_sent_to_sign_in(anon_client):
    response = anon_client.get(reverse("me"))

    assert response.status_code == 302
