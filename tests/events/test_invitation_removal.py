"""Revoking an invitation (any status) or the team cancelling an RSVP removes the person: their
seat goes to the waitlist, their links end, and only a new invitation brings them back."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import RSVP, Event, Invitation
from events.services.invitations import (
    invitation_accept,
    invitation_revoke,
    invitations_create,
)
from events.services.rsvps import RSVPError, rsvp_respond
from events.views.rsvp import rsvp_link_url
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, RSVPFactory
from .test_invite_links import make_link


@pytest.fixture
def rosa(event):
    leader = LeaderFactory(email="rosa@example.org", name="Rosa Secretname")
    invitation = InvitationFactory(
        event=event, email=leader.email, leader=leader, name=leader.name, status="accepted"
    )
    rsvp = RSVPFactory(event=event, leader=leader, invitation=invitation)
    return invitation, rsvp


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["pending", "sent", "accepted", "declined", "bounced"])
def test_an_invitation_is_revoked_at_any_status(event, lead_user, status):
    invitation = InvitationFactory(event=event, status=status)
    invitation_revoke(invitation=invitation, actor=lead_user)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED


@pytest.mark.django_db
def test_revoking_an_accepted_invitation_cancels_the_seat_and_promotes_the_waitlist(
    event, lead_user, rosa
):
    invitation, rsvp = rosa
    Event.objects.filter(pk=event.pk).update(capacity=1)
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    invitation_revoke(invitation=invitation, actor=lead_user)

    rsvp.refresh_from_db()
    waiting.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED and rsvp.removed_at is not None
    assert waiting.status == RSVP.Status.GOING


@pytest.mark.django_db
def test_after_revoking_every_link_of_the_person_ends_without_naming_them(
    anon_client, event, lead_user, rosa
):
    invitation, rsvp = rosa
    change_link = rsvp_link_url(rsvp)
    assert anon_client.get(change_link).status_code == 200

    invitation_revoke(invitation=invitation, actor=lead_user)

    assert anon_client.get(change_link).status_code == 404
    assert anon_client.post(change_link, {"going": "yes"}).status_code == 404
    token_page = anon_client.get(invitation.get_absolute_url())
    assert token_page.status_code == 410
    assert b"This invitation is no longer valid" in token_page.content
    assert b"Secretname" not in token_page.content and b"rosa@" not in token_page.content
    response = anon_client.post(invitation.get_absolute_url(), {"going": "yes"})
    assert response.status_code == 410
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED


@pytest.mark.django_db
def test_a_removed_member_is_refused_by_the_rsvp_form_and_a_link(lead_user):
    from django.test import Client

    from tests.actlocal.factories import UserFactory

    event = EventFactory(visibility=Event.Visibility.PUBLIC)
    user = UserFactory(email="rosa@example.org")
    leader = LeaderFactory(user=user, email=user.email)
    rsvp = RSVPFactory(event=event, leader=leader)
    invitation = InvitationFactory(event=event, email=user.email, leader=leader)
    invitation_revoke(invitation=invitation, actor=lead_user)
    client = Client()
    client.force_login(user)

    response = client.post(reverse("events:rsvp", args=[event.slug]), {"going": "yes"})
    assert response.status_code == 400
    assert b"no longer valid" in response.content
    link = make_link(event)
    client.post(reverse("events:invitation", args=[link.token]), {"going": "yes"})
    link.refresh_from_db()
    assert link.uses == 0
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED


@pytest.mark.django_db
def test_a_member_removed_before_answering_is_refused_by_a_link(event, lead_user, member_client):
    invitation = InvitationFactory(event=event, email="member@example.org")
    invitation_revoke(invitation=invitation, actor=lead_user)
    link = make_link(event)
    response = member_client.post(reverse("events:invitation", args=[link.token]), {"going": "yes"})
    assert response.status_code == 400
    assert not RSVP.objects.exists()
    link.refresh_from_db()
    assert link.uses == 0


@pytest.mark.django_db
def test_a_person_removed_before_answering_gets_no_seat_from_the_service(event, lead_user):
    leader = LeaderFactory(email="rosa@example.org")
    invitation = InvitationFactory(event=event, email=leader.email)
    invitation_revoke(invitation=invitation, actor=lead_user)
    public = EventFactory(visibility=Event.Visibility.PUBLIC)
    with pytest.raises(RSVPError):
        rsvp_respond(event=event, leader=leader, actor=None, going=True, invitation=invitation)
    rsvp_respond(event=public, leader=leader, actor=None, going=True)  # other events unaffected
    assert list(RSVP.objects.values_list("event_id", flat=True)) == [public.pk]


@pytest.mark.django_db
def test_a_new_invitation_from_the_team_lets_a_removed_person_back(event, lead_user, rosa):
    invitation, rsvp = rosa
    old_token = invitation.token
    invitation_revoke(invitation=invitation, actor=lead_user)

    result = invitations_create(
        event=event, recipients=[("rosa@example.org", "", None)], actor=lead_user
    )

    invitation.refresh_from_db()
    assert result.created == [invitation]
    assert invitation.status == Invitation.Status.PENDING and invitation.token != old_token
    invitation_accept(invitation=invitation, going=True)
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING and rsvp.removed_at is None


@pytest.mark.django_db
def test_the_team_cancelling_an_rsvp_removes_the_person(team_client, event, rosa):
    invitation, rsvp = rosa
    change_link = rsvp_link_url(rsvp)
    response = team_client.post(reverse("events:rsvp_cancel_by_team", args=[event.slug, rsvp.pk]))
    assert response.status_code == 302
    rsvp.refresh_from_db()
    invitation.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED and rsvp.removed_at is not None
    assert invitation.status == Invitation.Status.REVOKED
    assert team_client.get(change_link).status_code == 404


# --- Venue and address only to people going -------------------------------------------------


@pytest.fixture
def venue_event(event):
    Event.objects.filter(pk=event.pk).update(venue="Secret Hall", address="12 Hidden Lane")
    event.refresh_from_db()
    return event


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["waitlisted", "declined", "cancelled"])
def test_invitees_not_going_never_see_the_venue(venue_event, attendee_user, status, client):
    rsvp = RSVP.objects.get(leader=attendee_user.leader)
    RSVP.objects.filter(pk=rsvp.pk).update(
        status=status, waitlist_position=1 if status == "waitlisted" else None
    )
    client.force_login(attendee_user)
    for url in (
        venue_event.get_absolute_url(),
        reverse("events:rsvp", args=[venue_event.slug]),
        rsvp_link_url(rsvp),
        reverse("events:event_ics", args=[venue_event.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Secret Hall" not in response.content, url
        assert b"Hidden Lane" not in response.content, url


@pytest.mark.django_db
def test_an_invitee_who_has_not_answered_does_not_see_the_venue(venue_event, invitee_client):
    response = invitee_client.get(venue_event.get_absolute_url())
    assert response.status_code == 200
    assert b"Secret Hall" not in response.content


@pytest.mark.django_db
def test_people_going_and_the_team_see_the_venue(venue_event, attendee_client, team_client):
    for client in (attendee_client, team_client):
        response = client.get(venue_event.get_absolute_url())
        assert b"Secret Hall" in response.content and b"Hidden Lane" in response.content
    response = attendee_client.get(reverse("events:rsvp", args=[venue_event.slug]))
    assert b"Secret Hall" in response.content


@pytest.mark.django_db
def test_revoking_closes_the_persons_unconfirmed_link_answers(anon_client, event, lead_user):
    from django.core import mail

    from actlocal.delivery import deliver_claimed
    from events.services.link_answers import CHANNEL

    link = make_link(event)
    anon_client.post(
        reverse("events:invitation", args=[link.token]),
        {"going": "yes", "name": "Rosa", "email": "rosa@example.org"},
    )
    deliver_claimed(channel=CHANNEL)
    confirm_url = mail.outbox[0].body.split("/events/invitations/confirm/")[1].split()[0]
    invitation = InvitationFactory(event=event, email="rosa@example.org")

    invitation_revoke(invitation=invitation, actor=lead_user)

    response = anon_client.post(f"/events/invitations/confirm/{confirm_url}")
    assert response.status_code == 410
    assert b"Rosa" not in response.content
    assert not RSVP.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("answered", [True, False])
def test_the_check_in_desk_cannot_seat_a_removed_person(event, lead_user, answered):
    from events.services.checkin import CheckInError, walk_in_register

    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + timedelta(minutes=30))
    event.refresh_from_db()
    leader = LeaderFactory(email="rosa@example.org")
    invitation = InvitationFactory(event=event, email=leader.email, leader=leader)
    if answered:
        RSVPFactory(event=event, leader=leader, invitation=invitation)
    invitation_revoke(invitation=invitation, actor=lead_user)
    with pytest.raises(CheckInError):
        walk_in_register(
            event=event, name="Rosa", email="rosa@example.org", zip_code="", actor=lead_user
        )
    assert not RSVP.objects.filter(status=RSVP.Status.GOING).exists()
