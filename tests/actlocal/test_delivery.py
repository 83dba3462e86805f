"""The outbox: every mail is a row written with its cause, sent once by one loop, never lost."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.utils import timezone

from actlocal import delivery
from actlocal.models import OutboxMail
from actlocal.outbox import CHANNEL, mail_enqueue

pytestmark = pytest.mark.django_db


def _message(to: str = "ana@example.org", subject: str = "Hello") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject=subject, body="Text body", to=[to])
    message.attach_alternative("<p>HTML body</p>", "text/html")
    return message


def test_a_queued_mail_is_sent_after_the_commit_and_its_body_cleared(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        row = mail_enqueue(message=_message())
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ana@example.org"]
    assert sent.alternatives[0][0] == "<p>HTML body</p>"
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1
    assert row.body_text == "" and row.body_html == ""
    assert delivery.deliveries_sweep().sent == 0  # the sweep finds nothing left to send
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_leaves_no_mail(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_enqueue(message=_message())
        raise RuntimeError("the change failed")
    assert not OutboxMail.objects.exists()
    assert mail.outbox == []


def test_with_the_broker_down_the_mail_waits_for_the_sweep(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = mail_enqueue(message=_message())  # the kick fails quietly
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 0
    assert delivery.deliveries_sweep().sent == 1
    assert delivery.deliveries_sweep().sent == 0
    assert len(mail.outbox) == 1


class _FlakyBackend:
    """A mail server that refuses the first `failures` messages."""

    def __init__(self, failures: int) -> None:
        self.failures = failures

    def __call__(self, messages):
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("mail server down")
        return len(messages)


def test_a_refused_mail_is_retried_after_the_lease_and_given_up_after_max_attempts(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    flaky = _FlakyBackend(failures=99)
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: flaky(messages))
    row = OutboxMail.objects.create(to=["bo@example.org"], subject="Hi", body_text="x")
    channel = delivery.channel_get(CHANNEL)

    assert delivery.deliver_claimed(channel=CHANNEL).failed == 1
    row.refresh_from_db()
    assert row.attempts == 1 and "mail server down" in row.last_error
    # Inside the lease nobody takes it again; after it, the sweep does.
    assert delivery.deliver_claimed(channel=CHANNEL).failed == 0
    later = timezone.now()
    for attempt in range(2, channel.max_attempts + 1):
        later += channel.lease + timedelta(seconds=1)
        assert delivery.deliver_claimed(channel=CHANNEL, now=later).failed == 1
        row.refresh_from_db()
        assert row.attempts == attempt
    later += channel.lease + timedelta(seconds=1)
    assert delivery.deliver_claimed(channel=CHANNEL, now=later).failed == 0  # given up
    flaky.failures = 0
    assert delivery.deliver_claimed(channel=CHANNEL, now=later).sent == 0
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == channel.max_attempts


def test_a_worker_that_died_after_claiming_is_taken_over_after_the_lease():
    row = OutboxMail.objects.create(to=["cy@example.org"], subject="Hi", body_text="x")
    channel = delivery.channel_get(CHANNEL)
    # A worker claimed the row and died before sending.
    OutboxMail.objects.filter(pk=row.pk).update(claimed_at=timezone.now(), attempts=1)
    assert delivery.deliveries_sweep().sent == 0
    assert mail.outbox == []
    later = timezone.now() + channel.lease + timedelta(seconds=1)
    assert delivery.deliveries_sweep(now=later).sent == 1
    assert len(mail.outbox) == 1


def test_a_channel_can_close_a_row_whose_reason_is_gone(monkeypatch):
    row = OutboxMail.objects.create(to=["di@example.org"], subject="Hi", body_text="x")

    def refuse(row, connection):
        raise delivery.Cancelled("the RSVP was cancelled")

    channel = delivery.channel_get(CHANNEL)
    monkeypatch.setitem(
        delivery._channels,
        CHANNEL,
        delivery.Channel(name=CHANNEL, model=channel.model, send=refuse),
    )
    assert delivery.deliveries_sweep().cancelled == 1
    row.refresh_from_db()
    assert row.cancelled_at is not None and row.sent_at is None
    assert row.last_error == "the RSVP was cancelled"
    monkeypatch.setitem(delivery._channels, CHANNEL, channel)
    assert delivery.deliveries_sweep().sent == 0  # a closed row stays closed
    assert mail.outbox == []


def test_kicking_an_unknown_channel_fails_loudly():
    with pytest.raises(LookupError):
        delivery.deliveries_kick(channel="no.such.channel", pks=[1])


@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_send_every_mail_once():
    for n in range(60):
        OutboxMail.objects.create(to=[f"p{n}@example.org"], subject=f"Mail {n}", body_text="x")
    barrier = threading.Barrier(3)
    results = []

    def sweep():
        barrier.wait()
        try:
            results.append(delivery.deliveries_sweep().sent)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 60
    assert sorted(m.subject for m in mail.outbox) == sorted(f"Mail {n}" for n in range(60))
    assert OutboxMail.objects.filter(sent_at=None).count() == 0
