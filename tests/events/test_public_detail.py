"""An event's page: who may see it, what each viewer sees, and what stays private."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import RSVP, Event, EventRole
from tests.actlocal.factories import TopicFactory, UserFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import EventFactory, EventRoleFactory, RSVPFactory, SessionFactory

pytestmark = pytest.mark.django_db

ADDRESS = "12 Main Street"


def detail(event: Event) -> str:
    return reverse("events:detail", kwargs={"slug": event.slug})


# --- Who may see an invite-only event ----------------------------------------------------------


@pytest.mark.parametrize("role", ["anon_client", "member_client", "other_team_client"])
def test_invite_only_event_is_404_for_people_not_invited(request, event, role):
    client = request.getfixturevalue(role)

    response = client.get(detail(event))

    assert response.status_code == 404
    assert event.title.encode() not in response.content


@pytest.mark.parametrize(
    "role",
    [
        "invitee_client",
        "attendee_client",
        "team_client",
        "checkin_volunteer_client",
        "staff_client",
    ],
)
def test_invite_only_event_is_visible_to_invitees_attendees_team_and_staff(request, event, role):
    client = request.getfixturevalue(role)

    response = client.get(detail(event))

    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_revoked_invitation_no_longer_opens_the_event(invitee_client, invitee_user, event):
    event.invitations.update(status="revoked")

    assert invitee_client.get(detail(event)).status_code == 404


def test_unknown_event_is_404(anon_client):
    assert anon_client.get("/events/no-such-event/").status_code == 404


# --- Drafts and kits ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anon_client", "member_client", "other_team_client"])
def test_draft_event_is_404_for_the_public(request, role):
    draft = EventFactory(status=Event.Status.DRAFT, title="Unannounced Meetup")
    client = request.getfixturevalue(role)

    assert client.get(detail(draft)).status_code == 404


def test_draft_event_is_visible_to_its_team_with_a_draft_notice(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    lead = UserFactory(organizer=True)
    EventRoleFactory(event=draft, user=lead, role=EventRole.Role.LEAD)
    client.force_login(lead)

    response = client.get(detail(draft))

    assert response.status_code == 200
    assert "Draft: only the organizing team" in response.content.decode()


def test_event_kit_is_404_for_the_public(anon_client, member_client):
    kit = EventFactory(is_template=True)

    assert anon_client.get(detail(kit)).status_code == 404
    assert member_client.get(detail(kit)).status_code == 404


# --- What the page shows -----------------------------------------------------------------------


def test_public_event_page_shows_kind_dates_place_and_description(anon_client):
    event = EventFactory(
        title="Denver Training",
        kind=Event.Kind.TRAINING,
        time_zone="America/Denver",
        starts_at=datetime(2099, 7, 4, 15, 0, tzinfo=UTC),
        ends_at=datetime(2099, 7, 4, 22, 0, tzinfo=UTC),
        venue="Union Hall",
        city="Denver",
        state="CO",
        description="Bring a friend.",
    )

    content = anon_client.get(detail(event)).content.decode()

    assert "Training" in content
    assert "Saturday, July 4, 2099, 9:00 AM" in content
    assert "4:00 PM MDT" in content
    assert "Union Hall" in content
    assert ADDRESS in content  # public events show their address to everyone
    assert "Denver, Colorado" in content
    assert "Bring a friend." in content


def test_hosts_topics_and_calendar_link_are_shown(anon_client):
    host = OrganizationFactory(name="Neighbors United")
    co_host = OrganizationFactory(name="Faith Coalition")
    topic = TopicFactory(name="Medicaid expansion", slug="medicaid-test")
    event = EventFactory(host_organization=host)
    event.co_hosts.add(co_host)
    event.topics.add(topic)

    content = anon_client.get(detail(event)).content.decode()

    assert f'href="{host.get_absolute_url()}"' in content
    assert f'href="{co_host.get_absolute_url()}"' in content
    assert "Medicaid expansion" in content
    assert reverse("events:event_ics", kwargs={"slug": event.slug}) in content


def test_cancelled_event_shows_a_clear_notice_and_no_rsvp_button(anon_client):
    event = EventFactory(status=Event.Status.CANCELLED)

    response = anon_client.get(detail(event))

    content = response.content.decode()
    assert response.status_code == 200
    assert "This event has been cancelled." in content
    assert "Sign in to RSVP" not in content


def test_past_event_says_it_has_ended(anon_client):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=3))

    content = anon_client.get(detail(event)).content.decode()

    assert "This event has ended." in content
    assert "Sign in to RSVP" not in content


# --- The address of an invite-only event -------------------------------------------------------


def test_invite_only_address_is_hidden_from_invitees_not_yet_going(invitee_client, event):
    content = invitee_client.get(detail(event)).content.decode()

    assert ADDRESS not in content
    assert "The street address is shared with people who are going." in content


@pytest.mark.parametrize(
    "role", ["attendee_client", "team_client", "checkin_volunteer_client", "staff_client"]
)
def test_invite_only_address_shows_to_people_going_and_the_team(request, event, role):
    client = request.getfixturevalue(role)

    assert ADDRESS in client.get(detail(event)).content.decode()


def test_waitlisted_invitee_does_not_see_the_address(attendee_client, attendee_user, event):
    RSVP.objects.filter(leader__user=attendee_user).update(
        status=RSVP.Status.WAITLISTED, waitlist_position=1
    )

    assert ADDRESS not in attendee_client.get(detail(event)).content.decode()


# --- The viewer's RSVP and the call to action ----------------------------------------------------


def test_anonymous_visitor_is_asked_to_sign_in_to_rsvp(anon_client):
    event = EventFactory()

    content = anon_client.get(detail(event)).content.decode()

    assert "Sign in to RSVP" in content
    assert "next=/events/" in content


def test_member_gets_an_rsvp_button_on_a_public_event(member_client):
    event = EventFactory()

    content = member_client.get(detail(event)).content.decode()

    assert f'href="{reverse("events:rsvp", kwargs={"slug": event.slug})}"' in content


def test_invitee_without_rsvp_is_invited_to_respond(invitee_client, event):
    content = invitee_client.get(detail(event)).content.decode()

    assert "Respond to your invitation" in content
    assert "use the link in your invitation" in content


def test_team_member_without_invitation_is_told_to_use_the_invitation_link(team_client, event):
    content = team_client.get(detail(event)).content.decode()

    assert "use the link in your invitation" in content
    assert "Respond to your invitation" not in content


def test_attendee_sees_status_change_cancel_and_nominate_links(attendee_client, event):
    content = attendee_client.get(detail(event)).content.decode()

    assert "You have a seat." in content
    assert "Change your answers or needs" in content
    assert "Cancel my RSVP" in content
    assert reverse("events:nominate", kwargs={"slug": event.slug}) in content


def test_invitee_not_going_gets_no_nominate_link(invitee_client, event):
    content = invitee_client.get(detail(event)).content.decode()

    assert reverse("events:nominate", kwargs={"slug": event.slug}) not in content


def test_waitlisted_viewer_sees_their_place_and_a_leave_button(member_client, member_user):
    event = EventFactory(capacity=1)
    RSVPFactory(event=event)
    RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=3)
    RSVPFactory(
        event=event,
        leader=member_user.leader,
        status=RSVP.Status.WAITLISTED,
        waitlist_position=7,
    )

    content = member_client.get(detail(event)).content.decode()

    assert "You are number 2 on the waitlist." in content
    assert "Leave the waitlist" in content
    assert "Full: new RSVPs join the waitlist (2 people waiting)." in content


def test_seats_left_are_shown(anon_client):
    event = EventFactory(capacity=10)
    RSVPFactory.create_batch(3, event=event)
    RSVPFactory(event=event, status=RSVP.Status.DECLINED)

    assert "7 seats left." in anon_client.get(detail(event)).content.decode()


def test_team_sees_manage_and_checkin_links_others_do_not(
    team_client, checkin_volunteer_client, attendee_client, event
):
    manage = reverse("events:manage", kwargs={"slug": event.slug})
    checkin = reverse("events:checkin", kwargs={"slug": event.slug})

    team = team_client.get(detail(event)).content.decode()
    desk = checkin_volunteer_client.get(detail(event)).content.decode()
    attendee = attendee_client.get(detail(event)).content.decode()

    assert manage in team and checkin in team
    assert manage not in desk and checkin in desk
    assert manage not in attendee and checkin not in attendee


# --- Agenda and facilitators ---------------------------------------------------------------------


def _agenda_with_facilitators():
    event = EventFactory()
    public = LeaderFactory(name="Pat Public", visibility="public")
    members = LeaderFactory(name="Mel Members", visibility="members")
    hidden = LeaderFactory(name="Oz Organizers", visibility="organizers")
    session = SessionFactory(event=event, title="Power Mapping 101", room="Room B")
    session.facilitators.add(public, members, hidden)
    return event, (public, members, hidden)


def test_agenda_links_only_facilitators_the_anonymous_visitor_may_see(anon_client):
    event, (public, members, hidden) = _agenda_with_facilitators()

    content = anon_client.get(detail(event)).content.decode()

    assert "Power Mapping 101" in content and "Room B" in content
    assert f'href="{public.get_absolute_url()}"' in content
    assert "Mel Members" not in content
    assert "Oz Organizers" not in content


def test_agenda_shows_members_only_facilitators_to_members(member_client):
    event, (public, members, hidden) = _agenda_with_facilitators()

    content = member_client.get(detail(event)).content.decode()

    assert "Pat Public" in content and "Mel Members" in content
    assert "Oz Organizers" not in content


def test_event_page_never_shows_leader_email_or_phone(anon_client, member_client, staff_client):
    event, leaders = _agenda_with_facilitators()
    RSVPFactory(event=event, leader=leaders[0])

    for client in (anon_client, member_client, staff_client):
        content = client.get(detail(event)).content.decode()
        for leader in leaders:
            assert leader.email not in content
            assert leader.phone not in content


# --- Follow-ups --------------------------------------------------------------------------------


def test_follow_ups_visible_to_the_viewer_are_listed(anon_client):
    parent = EventFactory(title="Big Convening")
    EventFactory(parent=parent, title="Open Dinner", kind=Event.Kind.DINNER)
    EventFactory(parent=parent, title="Invite Dinner", visibility=Event.Visibility.INVITE_ONLY)
    EventFactory(parent=parent, title="Draft Dinner", status=Event.Status.DRAFT)

    content = anon_client.get(detail(parent)).content.decode()

    assert "Open Dinner" in content
    assert "Invite Dinner" not in content
    assert "Draft Dinner" not in content


def test_follow_up_links_back_to_its_visible_parent(anon_client):
    parent = EventFactory(title="Big Convening")
    dinner = EventFactory(parent=parent, title="Open Dinner")

    content = anon_client.get(detail(dinner)).content.decode()

    assert f'href="{parent.get_absolute_url()}"' in content


def test_follow_up_hides_an_invite_only_parent_from_the_public(anon_client):
    parent = EventFactory(title="Private Convening", visibility=Event.Visibility.INVITE_ONLY)
    dinner = EventFactory(parent=parent, title="Open Dinner")

    content = anon_client.get(detail(dinner)).content.decode()

    assert "Private Convening" not in content


@pytest.mark.parametrize("sessions", [1, 10])
def test_detail_query_count_does_not_grow_with_the_agenda(
    anon_client, django_assert_num_queries, sessions
):
    event = EventFactory()
    event.co_hosts.add(OrganizationFactory(), OrganizationFactory())
    facilitators = LeaderFactory.create_batch(3)
    for _n in range(sessions):
        SessionFactory(event=event, signup_required=True, capacity=5).facilitators.add(
            *facilitators
        )
    EventFactory(parent=event)
    # event, co-hosts, topics, sessions with sign-up counts, their facilitators, seats, follow-ups,
    # and the questions of the one-step RSVP form the page now carries
    with django_assert_num_queries(8):
        response = anon_client.get(detail(event))
    assert len(response.context["agenda"]) == sessions
