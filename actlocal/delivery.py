"""The one way the platform sends mail: delivery rows (the outbox), claimed and sent by one loop.

How a mail goes out:

1. The service that makes a change writes a row of a concrete `Delivery` model in the same
   transaction (an RSVP and its confirmation are saved together or not at all) and calls
   `deliveries_kick(channel=..., pks=[...])`.
2. After the commit, the kick enqueues `actlocal.tasks.deliveries_send`. That only makes delivery
   fast: if the broker is down the error is logged and nothing else happens, because
3. the beat sweep (`actlocal.tasks.deliveries_sweep`, every minute) runs `deliver_claimed` for every
   registered channel and sends whatever is still unsent.
4. `deliver_claimed` claims a batch with SELECT ... FOR UPDATE SKIP LOCKED (see claims.py), sends
   each row and stamps `sent_at` row by row. Two workers never hold the same row; a worker that
   dies mid-batch leaves its unsent rows claimed until the lease passes, then they are taken
   over. A failed send keeps its claim (retried after the lease) until `max_attempts`.
5. Every send runs under the recipient's language (`translation.override`), whoever caused the
   mail: the channel's `recipient_language(row)` gives the recipient's saved preference, else
   the row's `language` (what the recipient was using when they caused it) applies, else the
   site's default (see actlocal.languages). A send function never chooses a language itself.
6. A channel's `send` raises `Cancelled` when what the mail announced no longer holds (the RSVP
   was cancelled before its confirmation went out): the row is closed without mail.

Exactly once: a row is sent only by the worker that claimed it, and never after `sent_at` is set.
The only window for a second mail is a worker dying between the mail server accepting a message
and the `sent_at` update, which is the most any mail system can promise without the server's help.

Apps register their channels in `AppConfig.ready()`; the core imports no app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import get_connection
from django.db import models
from django.utils import timezone, translation

from .claims import claim_batch
from .languages import mail_language
from .queue import enqueue_after_commit

logger = logging.getLogger(__name__)


class Cancelled(Exception):  # noqa: N818  (a signal to the loop, not an error)
    """Raised by a channel's send function: close this row without sending (say why)."""


@dataclass(frozen=True)
class Channel:
    """One kind of mail: its delivery model and how to send one row of it.

    `send(row, connection)` renders and sends the mail for `row` (reloaded with `select_related`)
    through `connection`, raising `Cancelled` to close the row unsent and any other exception to
    have it retried after `lease`. It runs under the recipient's language: `recipient_language(row)`
    returns the recipient's saved preference ("" when none; keep what it reads in
    `select_related`). A mail to several people at once (a team) leaves it out and renders per
    recipient with `actlocal.mail.send_templated_mail_by_language`.
    """

    name: str
    model: type[models.Model]
    send: Callable[[Any, Any], None]
    select_related: tuple[str, ...] = ()
    recipient_language: Callable[[Any], str] | None = None
    lease: timedelta = timedelta(minutes=15)
    max_attempts: int = 5
    batch_size: int = 200
    # Rows the sweep leaves alone, e.g. older than anyone still wants: a filter on the model.
    sweep_filter: dict[str, Any] = field(default_factory=dict)


@dataclass
class DeliveryResult:
    sent: int = 0
    cancelled: int = 0
    failed: int = 0


_channels: dict[str, Channel] = {}


def channel_register(channel: Channel) -> Channel:
    """Make a channel known to the kick task and the sweep (call from AppConfig.ready())."""
    existing = _channels.get(channel.name)
    if existing is not None and existing.model is not channel.model:
        raise ValueError(f"delivery channel {channel.name!r} is already registered")
    _channels[channel.name] = channel
    return channel


def channel_get(name: str) -> Channel:
    try:
        return _channels[name]
    except KeyError:
        raise LookupError(f"unknown delivery channel {name!r}") from None


def channels() -> list[Channel]:
    return list(_channels.values())


def unsent(channel: Channel) -> models.QuerySet:
    """Rows of the channel that are neither sent nor closed nor out of attempts."""
    return channel.model._default_manager.filter(
        sent_at=None, cancelled_at=None, attempts__lt=channel.max_attempts
    )


def deliver_claimed(
    *,
    channel: str | Channel,
    pks: Iterable[int] | None = None,
    now: datetime | None = None,
    connection=None,
) -> DeliveryResult:
    """Claim unsent rows of `channel` (only `pks` if given) batch by batch, send, stamp.

    `now` lets tests move the clock (lease take-over); each batch is claimed at its own moment
    so a long run's later batches never look older than they are.
    """
    channel = channel_get(channel) if isinstance(channel, str) else channel
    skew = (now - timezone.now()) if now is not None else timedelta(0)
    queryset = unsent(channel)
    if pks is not None:
        queryset = queryset.filter(pk__in=list(pks))
    elif channel.sweep_filter:
        queryset = queryset.filter(**channel.sweep_filter)
    result = DeliveryResult()
    own_connection = connection is None
    try:
        while claimed := claim_batch(
            queryset,
            now=timezone.now() + skew,
            lease=channel.lease,
            batch_size=channel.batch_size,
            max_attempts=channel.max_attempts,
        ):
            if connection is None:
                connection = get_connection()
            _send_rows(channel=channel, pks=claimed, connection=connection, result=result)
    finally:
        if own_connection and connection is not None:
            connection.close()
    return result


def _send_rows(*, channel: Channel, pks: list[int], connection, result: DeliveryResult) -> None:
    model = channel.model
    rows = model._default_manager.filter(pk__in=pks).select_related(*channel.select_related)
    for row in rows.order_by("pk"):
        done = model._default_manager.filter(pk=row.pk, sent_at=None, cancelled_at=None)
        saved = channel.recipient_language(row) if channel.recipient_language else ""
        language = mail_language(saved=saved, used=getattr(row, "language", ""))
        try:
            with translation.override(language):
                channel.send(row, connection)
        except Cancelled as reason:
            done.update(cancelled_at=timezone.now(), last_error=str(reason)[:300])
            result.cancelled += 1
            continue
        except Exception as exc:
            # The claim stays: the sweep tries again after the lease, up to max_attempts.
            logger.warning("%s delivery %s not sent: %s", channel.name, row.pk, exc)
            done.update(last_error=f"{type(exc).__name__}: {exc}"[:300])
            result.failed += 1
            continue
        done.update(sent_at=timezone.now(), last_error="")
        result.sent += 1


def deliveries_kick(*, channel: str, pks: Iterable[int]) -> None:
    """After the current transaction commits, ask a worker to send these rows now.

    Only a shortcut: if the broker cannot take the task the rows wait for the sweep, so this never
    raises and never makes the caller's request fail.
    """
    pks = sorted(set(pks))
    if not pks:
        return
    channel_get(channel)  # a typo in a channel name fails in tests, not silently in the sweep
    from .tasks import deliveries_send

    enqueue_after_commit(deliveries_send, channel, pks)


def deliveries_sweep(*, now: datetime | None = None) -> DeliveryResult:
    """Send whatever is unsent on every channel (the beat schedule runs this every minute)."""
    total = DeliveryResult()
    for channel in channels():
        try:
            result = deliver_claimed(channel=channel, now=now)
        except Exception:
            # One channel's failure (its mail server, a bug) must not stop the others.
            logger.exception("Delivery sweep of %s failed", channel.name)
            continue
        total.sent += result.sent
        total.cancelled += result.cancelled
        total.failed += result.failed
    return total
