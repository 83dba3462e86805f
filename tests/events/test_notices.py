"""Change and cancellation notices: everyone going or waitlisted, once each, with a fresh .ics.

The rows are written in the transaction of the change (the outbox) and sent by the one
delivery loop; these tests drive that loop directly and move its clock past the lease.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.delivery import channel_get, deliver_claimed, deliveries_sweep
from events.deliveries import MESSAGE
from events.emails import notices as notice_mail
from events.models import RSVP, Event, MessageDelivery
from events.services.events import event_cancel, event_update
from events.services.notifications import event_notice_key, event_notice_record

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


def send(*, later: timedelta = timedelta(0)) -> int:
    return deliver_claimed(channel=MESSAGE, now=timezone.now() + later).sent


def after_lease() -> timedelta:
    return channel_get(MESSAGE).lease * 2


@pytest.fixture
def refuses_waiting(crowd, monkeypatch):
    """The mail server refuses the waitlisted person's notice until the test lets it through."""
    _event, _going, waiting = crowd
    real_send = notice_mail.send_event_notice

    def refusing(*, rsvp, **kwargs):
        if rsvp.pk == waiting.pk:
            raise ConnectionRefusedError("try later")
        real_send(rsvp=rsvp, **kwargs)

    monkeypatch.setattr(notice_mail, "send_event_notice", refusing)
    return lambda: monkeypatch.setattr(notice_mail, "send_event_notice", real_send)


def test_a_change_notice_reaches_going_and_waitlisted_people_with_an_updated_ics(
    crowd, mailoutbox, django_capture_on_commit_callbacks
):
    event, going, waiting = crowd

    with django_capture_on_commit_callbacks(execute=True):
        event_notice_record(event=event, kind="changed")

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
    event_notice_record(event=event, kind="cancelled")

    assert send() == 2
    for message in mailoutbox:
        assert "Cancelled" in message.subject
        (attachment,) = message.attachments
        assert "method=CANCEL" in attachment.mimetype
        calendar = parse(attachment.content.encode())
        assert calendar.value("METHOD") == "CANCEL"
        assert calendar.find("VEVENT")[0].value("STATUS") == "CANCELLED"


def test_the_rows_are_written_with_the_change_itself(crowd, lead_user):
    event, _going, _waiting = crowd
    event_update(event=event, changes={"address": "9 Oak Street"}, actor=lead_user)
    event_cancel(event=event, actor=lead_user)

    notices = MessageDelivery.objects.values_list("notice", flat=True)
    kinds = sorted(notice.split(":")[0] for notice in notices)
    assert kinds == ["cancelled", "cancelled", "changed", "changed"]


def test_the_same_notice_delivered_twice_mails_each_person_once(crowd, mailoutbox):
    event, _going, _waiting = crowd
    notice = event_notice_key(event=event, kind="changed")
    event_notice_record(event=event, kind="changed")

    assert send() == 2
    assert send(later=after_lease()) == 0
    assert deliveries_sweep().sent == 0

    assert len(mailoutbox) == 2
    assert MessageDelivery.objects.filter(notice=notice, sent_at__isnull=False).count() == 2


def test_a_second_change_is_a_new_notice(crowd, mailoutbox):
    event, _going, _waiting = crowd
    event_notice_record(event=event, kind="changed")
    send()
    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at + timedelta(hours=1))
    event.refresh_from_db()

    event_notice_record(event=event, kind="changed")
    send()

    assert len(mailoutbox) == 4


def test_a_change_notice_for_an_event_cancelled_since_is_dropped(crowd, mailoutbox):
    event, _going, _waiting = crowd
    event_notice_record(event=event, kind="changed")
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)

    assert send() == 0
    assert mailoutbox == []
    assert MessageDelivery.objects.filter(cancelled_at=None).count() == 0


def test_a_failed_notice_mail_is_sent_by_a_later_run_after_the_lease(
    crowd, mailoutbox, refuses_waiting
):
    event, going, waiting = crowd
    event_notice_record(event=event, kind="changed")
    assert send() == 1

    refuses_waiting()  # the server takes mail again
    assert send() == 0  # inside the lease
    assert send(later=after_lease()) == 1

    assert sorted(m.to[0] for m in mailoutbox) == sorted([going.leader.email, waiting.leader.email])


def test_an_unknown_notice_kind_is_refused(crowd):
    event, _going, _waiting = crowd

    with pytest.raises(ValueError):
        event_notice_record(event=event, kind="renamed")
    assert not MessageDelivery.objects.exists()


def test_the_sweep_sends_only_what_failed_once_the_lease_has_passed(
    crowd, mailoutbox, refuses_waiting
):
    event, going, waiting = crowd
    event_notice_record(event=event, kind="changed")
    send()
    refuses_waiting()
    assert [m.to[0] for m in mailoutbox] == [going.leader.email]

    assert deliveries_sweep().sent == 0  # still inside the lease
    later = timezone.now() + after_lease()
    assert deliveries_sweep(now=later).sent == 1
    assert deliveries_sweep(now=later).sent == 0

    assert sorted(m.to[0] for m in mailoutbox) == sorted([going.leader.email, waiting.leader.email])


def test_a_retry_never_mails_people_who_signed_up_after_the_change(
    crowd, mailoutbox, refuses_waiting
):
    event, going, waiting = crowd
    event_notice_record(event=event, kind="changed")
    send()
    refuses_waiting()
    latecomer = RSVPFactory(event=event, status=RSVP.Status.GOING)

    deliveries_sweep(now=timezone.now() + after_lease())

    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([going.leader.email, waiting.leader.email])
    assert latecomer.leader.email not in recipients


def test_an_address_that_keeps_failing_is_given_up(crowd, mailoutbox, monkeypatch):
    event, _going, _waiting = crowd
    event_notice_record(event=event, kind="changed")

    def refuses(*, rsvp, **kwargs):
        raise ConnectionRefusedError("refused")

    monkeypatch.setattr(notice_mail, "send_event_notice", refuses)
    max_attempts = channel_get(MESSAGE).max_attempts
    for attempt in range(max_attempts + 2):
        send(later=after_lease() * (attempt + 1))

    attempts = set(MessageDelivery.objects.values_list("attempts", flat=True))
    assert attempts == {max_attempts}
    assert mailoutbox == []
