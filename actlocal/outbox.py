"""Pre-rendered mail through the outbox: allauth's account mails and anything already rendered.

Most mail is rendered when it is sent, from its own delivery row (an RSVP confirmation shows the
event as it is then). Account mails are rendered by allauth at the moment they are asked for, so
the finished message is kept in an OutboxMail row and sent by the same delivery loop.
"""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives

from .delivery import Channel, channel_register, deliveries_kick
from .models import OutboxMail

CHANNEL = "actlocal.mail"


def mail_enqueue(*, message: EmailMessage, language: str = "") -> OutboxMail:
    """Keep a rendered message in the outbox and have it sent after the transaction commits.

    The message is already in its recipient's language; `language` records which."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    row = OutboxMail.objects.create(
        to=list(message.to),
        subject=message.subject[:300],
        from_email=message.from_email or "",
        reply_to=list(message.reply_to),
        headers=dict(message.extra_headers),
        body_text=message.body,
        body_html=html,
        language=language,
    )
    deliveries_kick(channel=CHANNEL, pks=[row.pk])
    return row


def _send(row: OutboxMail, connection) -> None:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=row.from_email or None,
        to=row.to,
        reply_to=row.reply_to or None,
        headers=row.headers,
        connection=connection,
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    message.send()
    # Sent: the body may hold a one-time link, which has no business staying in the database.
    OutboxMail.objects.filter(pk=row.pk).update(body_text="", body_html="")


def register() -> None:
    channel_register(Channel(name=CHANNEL, model=OutboxMail, send=_send))
