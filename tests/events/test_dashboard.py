"""The organizer dashboard (/events/<slug>/manage/) and the team's cancellation of an RSVP."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from events.models import RSVP, Event, Invitation, Nomination
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def _url(event):
    return reverse("events:manage", kwargs={"slug": event.slug})


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("anon_client", 404),
        ("member_client", 404),
        ("invitee_client", 403),
        ("attendee_client", 403),
        ("other_team_client", 404),
        ("checkin_volunteer_client", 403),
        ("team_client", 200),
        ("staff_client", 200),
    ],
)
def test_only_the_team_and_staff_open_the_dashboard(request, event, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(_url(event)).status_code == status


def test_dashboard_shows_invitations_rsvps_and_needs(team_client, event):
    event.capacity = 3
    event.save()
    InvitationFactory(event=event, status=Invitation.Status.ACCEPTED)
    InvitationFactory(event=event, status=Invitation.Status.SENT)
    InvitationFactory(event=event, status=Invitation.Status.SENT)
    RSVPFactory(
        event=event,
        leader=LeaderFactory(name="Vera Vegan"),
        dietary_needs="vegan",
        accessibility_needs="step-free entrance",
    )
    RSVPFactory(event=event, leader=LeaderFactory(name="Cal Checked"), checked_in_at=timezone.now())
    RSVPFactory(event=event, status=RSVP.Status.DECLINED, leader=LeaderFactory(name="Dee Declined"))
    RSVPFactory(event=event, status=RSVP.Status.CANCELLED)
    response = team_client.get(_url(event))
    assert response.status_code == 200
    data = response.context["data"]
    assert {status: n for status, _label, n in data.invitations} == {
        "pending": 0,
        "sent": 2,
        "accepted": 1,
        "declined": 0,
        "revoked": 0,
        "bounced": 0,
    }
    counts = data.counts
    assert (counts.going, counts.declined, counts.cancelled, counts.waitlisted) == (2, 1, 1, 0)
    assert (counts.checked_in, counts.not_checked_in, counts.seats_left) == (1, 1, 1)
    assert (counts.dietary, counts.accessibility) == (1, 1)
    html = response.content.decode()
    assert "going of 3 seats" in html
    assert "vegan" in html and "step-free entrance" in html
    assert reverse("events:invitation_list", kwargs={"slug": event.slug}) in html
    assert reverse("events:attendees_csv", kwargs={"slug": event.slug}) in html
    assert reverse("events:kit_save", kwargs={"slug": event.slug}) in html
    # People who declined are not listed among the people going.
    assert "Dee Declined" not in html


def test_dashboard_lists_the_waitlist_in_order(team_client, event):
    event.capacity = 0
    event.save()
    for position, name in [(2, "Second Sam"), (1, "First Fay"), (3, "Third Tom")]:
        RSVPFactory(
            event=event,
            status=RSVP.Status.WAITLISTED,
            waitlist_position=position,
            leader=LeaderFactory(name=name),
        )
    response = team_client.get(_url(event))
    assert [r.leader.name for r in response.context["data"].waitlist] == [
        "First Fay",
        "Second Sam",
        "Third Tom",
    ]
    html = response.content.decode()
    assert html.index("First Fay") < html.index("Second Sam") < html.index("Third Tom")


def test_dashboard_offers_approve_and_decline_for_pending_nominations(team_client, event):
    pending = Nomination.objects.create(event=event, name="Nia Nominee", email="nia@example.org")
    Nomination.objects.create(
        event=event, name="Old Decided", email="old@example.org", status="approved"
    )
    html = team_client.get(_url(event)).content.decode()
    assert "Nia Nominee" in html
    assert "Old Decided" not in html
    for decision in ("approve", "decline"):
        action = reverse(
            "events:nomination_decide",
            kwargs={"slug": event.slug, "pk": pending.pk, "decision": decision},
        )
        assert f'action="{action}"' in html


def test_dashboard_lists_follow_up_gatherings(team_client, event):
    EventFactory(parent=event, title="Dinner at Rosa's", kind=Event.Kind.DINNER)
    html = team_client.get(_url(event)).content.decode()
    assert "Dinner at Rosa&#x27;s" in html


def test_dashboard_query_count_does_not_grow_with_rsvps(
    team_client, event, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            RSVPFactory(event=event, dietary_needs="vegetarian")
            RSVPFactory(
                event=event,
                status=RSVP.Status.WAITLISTED,
                waitlist_position=RSVP.objects.filter(event=event).count() + 1,
            )
            InvitationFactory(event=event)
            Nomination.objects.create(
                event=event, name="N", email=f"n{RSVP.objects.count()}@example.org"
            )

    add(1)
    team_client.get(_url(event))  # warm the session
    with django_assert_num_queries(13):
        assert team_client.get(_url(event)).status_code == 200
    add(49)
    with django_assert_num_queries(13):
        response = team_client.get(_url(event))
    assert len(response.context["data"].waitlist) == 50


def test_dashboard_pages_long_lists_of_people_going(team_client, event):
    event.capacity = None
    event.save()
    RSVPFactory.create_batch(55, event=event)
    response = team_client.get(_url(event), {"page": "2"})
    assert len(response.context["page_obj"].object_list) == 5
    assert team_client.get(_url(event), {"page": "nonsense"}).status_code == 200


# --- The team cancels an RSVP -------------------------------------------------------------------


def _cancel_url(event, rsvp_pk):
    return reverse("events:rsvp_cancel_by_team", kwargs={"slug": event.slug, "pk": rsvp_pk})


def test_team_cancels_a_seat_and_the_first_waiting_is_promoted(team_client, event, lead_user):
    event.capacity = 1
    event.save()
    seated = RSVPFactory(event=event, leader=LeaderFactory(name="Sid Seated"))
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    response = team_client.post(_cancel_url(event, seated.pk), follow=True)
    assert response.redirect_chain[-1][0] == _url(event)
    assert "The RSVP of Sid Seated is cancelled." in response.content.decode()
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == RSVP.Status.CANCELLED
    assert waiting.status == RSVP.Status.GOING
    entry = AuditEntry.objects.get(action="rsvp.cancel", object_id=str(seated.pk))
    assert entry.actor == lead_user


def test_team_cancel_of_an_inactive_rsvp_changes_nothing(team_client, event):
    declined = RSVPFactory(event=event, status=RSVP.Status.DECLINED)
    response = team_client.post(_cancel_url(event, declined.pk), follow=True)
    assert "has no active RSVP" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == RSVP.Status.DECLINED


def test_team_cancel_after_the_start_is_refused_with_a_message(team_client, event):
    rsvp = RSVPFactory(event=event)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    response = team_client.post(_cancel_url(event, rsvp.pk), follow=True)
    assert "already started" in response.content.decode()
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_team_cancel_of_another_events_rsvp_is_not_found(team_client, event):
    elsewhere = RSVPFactory()
    assert team_client.post(_cancel_url(event, elsewhere.pk)).status_code == 404
    assert team_client.post(_cancel_url(event, 999999)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == RSVP.Status.GOING


def test_team_cancel_needs_post(team_client, event):
    rsvp = RSVPFactory(event=event)
    assert team_client.get(_cancel_url(event, rsvp.pk)).status_code == 405


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("anon_client", 404),
        ("member_client", 404),
        ("invitee_client", 403),
        ("attendee_client", 403),
        ("other_team_client", 404),
        ("checkin_volunteer_client", 403),
    ],
)
def test_only_the_team_cancels_rsvps(request, event, client_name, status):
    rsvp = RSVPFactory(event=event)
    client = request.getfixturevalue(client_name)
    assert client.post(_cancel_url(event, rsvp.pk)).status_code == status
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_staff_cancel_rsvps(staff_client, event):
    rsvp = RSVPFactory(event=event)
    assert staff_client.post(_cancel_url(event, rsvp.pk)).status_code == 302
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED
