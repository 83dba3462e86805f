"""Change and cancellation notices: everyone going or waitlisted, once each, with a fresh .ics."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import RSVP, Event, MessageDelivery
from events.services.notifications import (
    event_notice_deliver,
    event_notice_enqueue,
    event_notice_key,
)

from .factories import EventFactory, RSVPFactory
from .icalparse import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY, address="7 Elm Street")
    going = RSVPFactory(event=event, status=RSVP.Status.GOING)
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    RSVPFactory(event=event, status=RSVP.Status.DECLINED)
    RSVPFactory(event=event, status=RSVP.Status.CANCELLED)
    return event, going, waiting


def by_recipient(mailoutbox) -> dict:
    return {message.to[0]: message for message in mailoutbox}


def test_a_change_notice_reaches_going_and_waitlisted_people_with_an_updated_ics(
    crowd, mailoutbox, django_capture_on_commit_callbacks
):
    event, going, waiting = crowd

    with django_capture_on_commit_callbacks(execute=True):
        event_notice_enqueue(event=event, kind="changed")

    mails = by_recipient(mailoutbox)
    assert set(mails) == {going.leader.email, waiting.leader.email}
    for message in mails.values():
        assert "New time or place" in message.subject
        (attachment,) = message.attachments
        assert "method=REQUEST" in attachment.mimetype
        assert parse(attachment.content.encode()).value("METHOD") == "REQUEST"
    assert "7 Elm Street" in mails[going.leader.email].body
    assert "7 Elm Street" not in mails[waiting.leader.email].body  # invite-only, not seated
    assert "/rsvp/" in mails[going.leader.email].body


def test_a_cancellation_notice_carries_a_cancel_ics(crowd, mailoutbox):
    event, going, waiting = crowd
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    event.refresh_from_db()

    sent = event_notice_deliver(
        event_pk=event.pk, notice=event_notice_key(event=event, kind="cancelled")
    )

    assert sent == 2
    for message in mailoutbox:
        assert "Cancelled" in message.subject
        (attachment,) = message.attachments
        assert "method=CANCEL" in attachment.mimetype
        calendar = parse(attachment.content.encode())
        assert calendar.value("METHOD") == "CANCEL"
        assert calendar.find("VEVENT")[0].value("STATUS") == "CANCELLED"


def test_the_same_notice_delivered_twice_mails_each_person_once(crowd, mailoutbox):
    event, _going, _waiting = crowd
    notice = event_notice_key(event=event, kind="changed")

    assert event_notice_deliver(event_pk=event.pk, notice=notice) == 2
    assert event_notice_deliver(event_pk=event.pk, notice=notice) == 0

    assert len(mailoutbox) == 2
    assert MessageDelivery.objects.filter(notice=notice, sent_at__isnull=False).count() == 2


def test_a_second_change_is_a_new_notice(crowd, mailoutbox):
    event, _going, _waiting = crowd
    event_notice_deliver(event_pk=event.pk, notice=event_notice_key(event=event, kind="changed"))
    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at + timedelta(hours=1))
    event.refresh_from_db()

    event_notice_deliver(event_pk=event.pk, notice=event_notice_key(event=event, kind="changed"))

    assert len(mailoutbox) == 4


def test_a_change_notice_for_an_event_cancelled_since_is_dropped(crowd, mailoutbox):
    event, _going, _waiting = crowd
    notice = event_notice_key(event=event, kind="changed")
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)

    assert event_notice_deliver(event_pk=event.pk, notice=notice) == 0
    assert mailoutbox == []


def test_a_failed_notice_mail_is_sent_by_a_later_run_after_the_lease(
    crowd, mailoutbox, monkeypatch
):
    from events.services import notifications

    event, going, waiting = crowd
    notice = event_notice_key(event=event, kind="changed")
    real_send = notifications.send_event_notice

    def refuses_waiting(*, rsvp, **kwargs):
        if rsvp.pk == waiting.pk:
            raise ConnectionRefusedError("try later")
        real_send(rsvp=rsvp, **kwargs)

    monkeypatch.setattr(notifications, "send_event_notice", refuses_waiting)
    assert event_notice_deliver(event_pk=event.pk, notice=notice) == 1

    monkeypatch.setattr(notifications, "send_event_notice", real_send)
    assert event_notice_deliver(event_pk=event.pk, notice=notice) == 0  # inside the lease
    MessageDelivery.objects.filter(sent_at=None).update(
        claimed_at=MessageDelivery.objects.get(rsvp=waiting).claimed_at - notifications.LEASE * 2
    )
    assert event_notice_deliver(event_pk=event.pk, notice=notice) == 1

    assert sorted(m.to[0] for m in mailoutbox) == sorted([going.leader.email, waiting.leader.email])


def test_an_unknown_notice_kind_is_refused(crowd):
    event, _going, _waiting = crowd

    with pytest.raises(ValueError):
        event_notice_enqueue(event=event, kind="renamed")


def test_the_retry_sweep_sends_only_what_failed_once_the_lease_has_passed(
    crowd, mailoutbox, monkeypatch
):
    from events.services import notifications

    event, going, waiting = crowd
    notice = event_notice_key(event=event, kind="changed")
    real_send = notifications.send_event_notice

    def refuses_waiting(*, rsvp, **kwargs):
        if rsvp.pk == waiting.pk:
            raise ConnectionRefusedError("try later")
        real_send(rsvp=rsvp, **kwargs)

    monkeypatch.setattr(notifications, "send_event_notice", refuses_waiting)
    event_notice_deliver(event_pk=event.pk, notice=notice)
    monkeypatch.setattr(notifications, "send_event_notice", real_send)
    assert [m.to[0] for m in mailoutbox] == [going.leader.email]

    assert notifications.deliveries_retry_stale() == 0  # still inside the lease
    MessageDelivery.objects.filter(sent_at=None).update(
        claimed_at=timezone.now() - notifications.LEASE * 2
    )
    assert notifications.deliveries_retry_stale() == 1
    assert notifications.deliveries_retry_stale() == 0

    assert sorted(m.to[0] for m in mailoutbox) == sorted([going.leader.email, waiting.leader.email])


def test_a_retry_never_mails_people_who_signed_up_after_the_change(crowd, mailoutbox, monkeypatch):
    from events.services import notifications

    event, going, waiting = crowd
    notice = event_notice_key(event=event, kind="changed")
    real_send = notifications.send_event_notice

    def refuses_waiting(*, rsvp, **kwargs):
        if rsvp.pk == waiting.pk:
            raise ConnectionRefusedError("try later")
        real_send(rsvp=rsvp, **kwargs)

    monkeypatch.setattr(notifications, "send_event_notice", refuses_waiting)
    event_notice_deliver(event_pk=event.pk, notice=notice)
    monkeypatch.setattr(notifications, "send_event_notice", real_send)
    latecomer = RSVPFactory(event=event, status=RSVP.Status.GOING)
    MessageDelivery.objects.filter(sent_at=None).update(
        claimed_at=timezone.now() - notifications.LEASE * 2
    )

    notifications.deliveries_retry_stale()

    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([going.leader.email, waiting.leader.email])
    assert latecomer.leader.email not in recipients


def test_an_address_that_keeps_failing_is_given_up(crowd, mailoutbox, monkeypatch):
    from events.services import notifications

    event, going, waiting = crowd
    notice = event_notice_key(event=event, kind="changed")

    def refuses(*, rsvp, **kwargs):
        raise ConnectionRefusedError("refused")

    monkeypatch.setattr(notifications, "send_event_notice", refuses)
    event_notice_deliver(event_pk=event.pk, notice=notice)
    for _attempt in range(notifications.MAX_ATTEMPTS + 2):
        MessageDelivery.objects.filter(sent_at=None).update(
            claimed_at=timezone.now() - notifications.LEASE * 2
        )
        notifications.deliveries_retry_stale()

    attempts = set(MessageDelivery.objects.values_list("attempts", flat=True))
    assert attempts == {notifications.MAX_ATTEMPTS}
    assert mailoutbox == []
