"""Creating and sending invitations: one per address, mailed once through the outbox, bounces
and retries."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from actlocal.delivery import deliver_claimed, deliveries_sweep
from actlocal.models import AuditEntry
from events.deliveries import INVITATION
from events.models import Event, Invitation, InvitationDelivery
from events.services.invitations import (
    InvitationError,
    invitation_resend,
    invitation_revoke,
    invitations_create,
)
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory


class RefusingBackend(LocmemBackend):
    """A mail server that refuses every recipient."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"No such user") for m in messages})


class DisconnectingBackend(LocmemBackend):
    """A mail server that drops the connection (a transient error)."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _recipients(*emails):
    return [(email, "", None) for email in emails]


@pytest.mark.django_db
def test_inviting_creates_one_invitation_per_address_and_skips_those_already_invited(
    event, lead_user
):
    first = invitations_create(
        event=event, recipients=_recipients("a@example.org", "B@Example.org"), actor=lead_user
    )
    again = invitations_create(
        event=event,
        recipients=_recipients("A@example.org", "b@example.org", "c@example.org", "c@example.org"),
        actor=lead_user,
    )
    assert (first.created_count, first.skipped_count) == (2, 0)
    assert (again.created_count, again.skipped_count) == (1, 3)
    assert sorted(event.invitations.values_list("email", flat=True)) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    invitation = event.invitations.get(email="b@example.org")
    assert invitation.status == Invitation.Status.PENDING
    assert len(invitation.token) >= 40 and invitation.token.startswith(invitation.token_selector)
    assert invitation.invited_by == lead_user
    assert AuditEntry.objects.filter(action="invitation.create").count() == 3


@pytest.mark.django_db
def test_every_invitation_gets_its_own_token(event, lead_user):
    invitations_create(event=event, recipients=_recipients("a@x.org", "b@x.org"), actor=lead_user)
    tokens = set(event.invitations.values_list("token", flat=True))
    assert len(tokens) == 2


@pytest.mark.django_db
def test_an_invitation_is_linked_to_the_directory_leader_with_that_address(event, lead_user):
    leader = LeaderFactory(email="rosa@example.org")
    invitations_create(event=event, recipients=_recipients("ROSA@example.org"), actor=lead_user)
    assert event.invitations.get().leader == leader


@pytest.mark.django_db
def test_a_malformed_address_is_refused_and_nothing_is_created(event, lead_user):
    with pytest.raises(InvitationError):
        invitations_create(
            event=event, recipients=_recipients("ok@example.org", "not-an-email"), actor=lead_user
        )
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"status": Event.Status.DRAFT},
        {"status": Event.Status.CANCELLED},
        {"is_template": True},
        {
            "starts_at": timezone.now() - timedelta(days=2),
            "ends_at": timezone.now() - timedelta(days=1),
        },
    ],
)
def test_events_that_are_not_open_cannot_invite(event, lead_user, change):
    Event.objects.filter(pk=event.pk).update(**change)
    event.refresh_from_db()
    with pytest.raises(InvitationError):
        invitations_create(event=event, recipients=_recipients("a@example.org"), actor=lead_user)
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_each_invitation_gets_its_delivery_row_in_the_same_transaction_and_one_kick(
    event, lead_user, django_capture_on_commit_callbacks
):
    emails = [f"person{n}@example.org" for n in range(250)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = invitations_create(event=event, recipients=_recipients(*emails), actor=lead_user)
        assert InvitationDelivery.objects.filter(invitation__in=result.created).count() == 250
    assert len(callbacks) == 1  # one task; the delivery loop batches the rows itself


@pytest.mark.django_db
def test_creating_invitations_sends_the_mail_once_committed(
    event, lead_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(
            event=event, recipients=_recipients("a@example.org", "b@example.org"), actor=lead_user
        )
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    assert set(event.invitations.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_with_the_broker_down_inviting_works_and_the_sweep_mails_each_once(
    event, lead_user, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(
            event=event, recipients=_recipients("a@example.org", "b@example.org"), actor=lead_user
        )
    assert mailoutbox == []
    assert set(event.invitations.values_list("status", flat=True)) == {"pending"}
    assert deliveries_sweep().sent == 2
    assert deliveries_sweep().sent == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    assert set(event.invitations.values_list("status", flat=True)) == {"sent"}


# --- Delivery -----------------------------------------------------------------------------------


def _pending(event, n=3):
    invitations = [
        InvitationFactory(event=event, status=Invitation.Status.PENDING, email=f"p{i}@example.org")
        for i in range(n)
    ]
    for invitation in invitations:
        InvitationDelivery.objects.create(invitation=invitation)
    return invitations


def _deliver():
    return deliver_claimed(channel=INVITATION)


@pytest.mark.django_db
def test_running_delivery_twice_mails_each_invitation_once(event, mailoutbox):
    pks = [invitation.pk for invitation in _pending(event)]
    first = _deliver()
    second = _deliver()
    assert first.sent == 3 and second.sent == 0
    assert sorted(m.to[0] for m in mailoutbox) == [
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    ]
    for invitation in Invitation.objects.filter(pk__in=pks):
        assert invitation.status == Invitation.Status.SENT
        assert invitation.sent_at is not None
        assert invitation.deliveries.get().attempts == 1


@pytest.mark.django_db
def test_the_mail_carries_the_teams_text_the_personal_link_and_not_the_hidden_address(
    event, mailoutbox, settings
):
    event.invitation_text = "Join organizers from across the state for a day of training."
    event.save()
    invitation = _pending(event, 1)[0]
    _deliver()
    message = mailoutbox[0]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "Join organizers from across the state" in body
        assert f"{settings.SITE_URL}/events/invitations/{invitation.token}/" in body
        assert "Cambridge" in body
        assert "12 Main Street" not in body  # invite-only: the address comes after accepting
    assert event.title in message.subject


@pytest.mark.django_db
def test_a_public_events_invitation_names_the_address(mailoutbox):
    event = EventFactory(visibility=Event.Visibility.PUBLIC)
    _pending(event, 1)
    _deliver()
    assert "12 Main Street" in mailoutbox[0].body


@pytest.mark.django_db
def test_times_in_the_mail_are_in_the_events_time_zone(mailoutbox):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = EventFactory(time_zone="America/Los_Angeles", starts_at=start)
    _pending(event, 1)
    _deliver()
    local = start.astimezone(event.tzinfo)
    assert local.strftime("%B %-d, %Y") in mailoutbox[0].body
    assert "America/Los_Angeles" in mailoutbox[0].body


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="tests.events.test_invitations.RefusingBackend")
def test_a_refused_recipient_marks_the_invitation_bounced(event):
    invitation = _pending(event, 1)[0]
    result = _deliver()
    invitation.refresh_from_db()
    assert result.cancelled == 1 and result.sent == 0
    assert invitation.status == Invitation.Status.BOUNCED
    assert "No such user" in invitation.last_error
    assert invitation.deliveries.get().cancelled_at is not None
    assert deliveries_sweep().sent == 0


@pytest.mark.django_db
def test_a_transient_error_leaves_the_invitation_pending_for_a_retry(event, mailoutbox):
    invitation = _pending(event, 1)[0]
    with override_settings(EMAIL_BACKEND="tests.events.test_invitations.DisconnectingBackend"):
        result = _deliver()
    invitation.refresh_from_db()
    assert result.failed == 1
    assert invitation.status == Invitation.Status.PENDING
    assert "SMTPServerDisconnected" in invitation.last_error
    assert _deliver().sent == 0  # the failed claim holds until its lease passes
    retry = deliver_claimed(channel=INVITATION, now=timezone.now() + timedelta(minutes=20))
    invitation.refresh_from_db()
    assert retry.sent == 1 and len(mailoutbox) == 1
    assert invitation.status == Invitation.Status.SENT and invitation.last_error == ""


@pytest.mark.django_db
def test_a_claim_left_by_a_dead_worker_is_taken_over_only_after_the_lease(event, mailoutbox):
    invitation = _pending(event, 1)[0]
    InvitationDelivery.objects.filter(invitation=invitation).update(
        claimed_at=timezone.now() - timedelta(minutes=2), attempts=1
    )
    assert _deliver().sent == 0
    InvitationDelivery.objects.filter(invitation=invitation).update(
        claimed_at=timezone.now() - timedelta(minutes=30)
    )
    assert _deliver().sent == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_revoked_and_answered_invitations_are_not_mailed(event, mailoutbox):
    revoked = InvitationFactory(event=event, status=Invitation.Status.REVOKED)
    accepted = InvitationFactory(event=event, status=Invitation.Status.ACCEPTED)
    for invitation in (revoked, accepted):
        InvitationDelivery.objects.create(invitation=invitation)
    result = _deliver()
    assert (result.sent, result.cancelled) == (0, 2)
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_same_batch_mail_each_person_once(mailoutbox):
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY)
    _pending(event, 20)
    barrier = threading.Barrier(4)

    def work():
        try:
            barrier.wait()
            _deliver()
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mailoutbox) == 20
    assert Invitation.objects.filter(status=Invitation.Status.SENT).count() == 20


# --- Resend and revoke ----------------------------------------------------------------------


@pytest.mark.django_db
def test_resending_mails_the_same_link_again(
    event, lead_user, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = _pending(event, 1)[0]
    _deliver()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, actor=lead_user)
    invitation.refresh_from_db()
    assert len(mailoutbox) == 2
    assert invitation.token in mailoutbox[1].body
    assert invitation.status == Invitation.Status.SENT
    assert invitation.deliveries.filter(sent_at__isnull=False).count() == 2
    assert AuditEntry.objects.filter(action="invitation.resend").exists()


@pytest.mark.django_db
def test_resending_while_the_first_mail_waits_keeps_one_mail_in_flight(
    event, lead_user, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    invitation = _pending(event, 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, actor=lead_user)
    assert invitation.deliveries.count() == 1
    assert deliveries_sweep().sent == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_bounced_invitation_can_be_resent(
    event, lead_user, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = InvitationFactory(event=event, status=Invitation.Status.BOUNCED)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, actor=lead_user)
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_revoked_invitation_cannot_be_resent(event, lead_user, mailoutbox):
    invitation = InvitationFactory(event=event)
    invitation_revoke(invitation=invitation, actor=lead_user)
    with pytest.raises(InvitationError):
        invitation_resend(invitation=invitation, actor=lead_user)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert mailoutbox == []
