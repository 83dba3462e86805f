"""The outbox channel of typed-answer confirmations (invite links and one-step RSVPs): one
LinkAnswer row, one mail to its address."""

from __future__ import annotations

from actlocal.delivery import Cancelled, Channel, channel_register
from actlocal.mail import send_templated_mail

from .models import LinkAnswer
from .services.link_answers import CHANNEL, link_answer_usable


def _send(answer: LinkAnswer, connection) -> None:
    if not link_answer_usable(answer):
        raise Cancelled("confirmed, expired, or the event no longer takes answers")
    send_templated_mail(
        template="event_link_answer",
        to=[answer.email],
        # The mail names the event and when, never where: the reader is not going yet.
        context={
            "event": answer.event,
            "confirm_path": answer.get_absolute_url(),
            "public": answer.link_id is None,
        },
        connection=connection,
    )


# Registered on import (events' AppConfig.ready() imports this module), so the sweep knows it.
channel_register(Channel(name=CHANNEL, model=LinkAnswer, send=_send, select_related=("event",)))
