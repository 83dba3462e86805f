"""The contact relay through the one outbox: a ContactMessage is its own delivery row.

The row is written by contact_message_send and mailed by actlocal.delivery's loop, kicked after
the commit and swept every minute whatever the broker does.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from actlocal.delivery import Cancelled, Channel, channel_register

from .models import ContactMessage, Leader

CONTACT = "directory.contact"

# After this, a relayed message is stale news: it is dropped rather than delivered late.
CONTACT_LATEST_AFTER = timedelta(days=2)


def _send_contact(message: ContactMessage, connection) -> None:
    from actlocal.mail import send_templated_mail

    sender, recipient = message.sender, message.recipient
    if sender is None or recipient is None or not recipient.email:
        raise Cancelled("sender or recipient gone")  # an account deleted in between
    if timezone.now() - message.created_at > CONTACT_LATEST_AFTER:
        raise Cancelled("too old to deliver")
    sender_leader = Leader.objects.filter(
        user=sender, visibility__in=[Leader.Visibility.PUBLIC, Leader.Visibility.MEMBERS]
    ).first()
    send_templated_mail(
        template="contact_message",
        to=[recipient.email],
        reply_to=[sender.email],
        context={
            "message": message,
            "sender_name": sender.name or (sender_leader.name if sender_leader else ""),
            "sender_profile_path": sender_leader.get_absolute_url() if sender_leader else "",
            "recipient_name": recipient.name,
        },
        connection=connection,
    )


def _recipient_language(message: ContactMessage) -> str:
    recipient = message.recipient
    return recipient.mail_language() if recipient is not None else ""


def register() -> None:
    """Make the contact relay's channel known to the delivery loop (DirectoryConfig.ready)."""
    channel_register(
        Channel(
            name=CONTACT,
            model=ContactMessage,
            send=_send_contact,
            select_related=("sender", "recipient__user"),
            # The recipient's language, never the sender's.
            recipient_language=_recipient_language,
        )
    )
