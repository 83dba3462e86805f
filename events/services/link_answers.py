"""Answers typed into a shareable invite link by someone not signed in: kept, mailed, confirmed.

Typing an address into a link proves nothing about it. So the answer is kept as a LinkAnswer
(name, address, RSVP answers) that touches no profile, and a confirmation mail goes to that
address through the outbox (the row is its own delivery, see events.link_answers). Only when
the mailed link is followed is the answer attached to the address's profile (or a new one) and
the RSVP taken, under the event's row lock like every seat decision (waitlist when full).

The page after typing is the same whether the address is known, invited, removed or new, and
nothing of an existing profile is shown before confirmation.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from actlocal.delivery import deliveries_kick

from ..models import Event, InviteLink, LinkAnswer
from ..tokens import new_token
from .invitations import (
    LINK_REFUSED,
    AcceptResult,
    InvitationError,
    link_answer_attach,
    normalize_email,
)
from .rsvps import RSVPDetails, RSVPError

CHANNEL = "events.link_answer"
# How long a confirmation link works; the invite link itself may expire sooner.
CONFIRM_WITHIN = timedelta(days=2)
# A new answer for the same address within this time updates the waiting one without a second
# mail: typing someone's address again and again cannot fill their inbox.
QUIET_FOR = timedelta(minutes=15)
# Unconfirmed answers a link may hold beyond its uses: a shared link cannot be turned into a
# mailer to arbitrary addresses. Past it the page looks the same; nothing is kept or sent.
SPARE_WAITING = 20


def _waiting_limit(link: InviteLink) -> int:
    return 2 * link.max_uses + SPARE_WAITING


@transaction.atomic
def link_answer_record(
    *, link: InviteLink, name: str, email: str, details: RSVPDetails
) -> LinkAnswer:
    """Keep a typed answer and mail its confirmation to the typed address."""
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvitationError(LINK_REFUSED) from exc
    link = InviteLink.objects.select_for_update().select_related("event").get(pk=link.pk)
    if not link.is_usable or not link.event.accepts_rsvps:
        raise InvitationError(LINK_REFUSED)
    fields = {
        "name": (name or "").strip()[:150],
        "accessibility_needs": details.accessibility_needs,
        "dietary_needs": details.dietary_needs,
        "answers": details.answers,
    }
    waiting = (
        LinkAnswer.objects.select_for_update()
        .filter(link=link, email=email, confirmed_at=None, cancelled_at=None)
        .filter(created_at__gt=timezone.now() - QUIET_FOR)
        .first()
    )
    if waiting is not None:
        LinkAnswer.objects.filter(pk=waiting.pk).update(**fields)
        return waiting
    open_answers = LinkAnswer.objects.filter(
        link=link,
        confirmed_at=None,
        cancelled_at=None,
        created_at__gt=timezone.now() - CONFIRM_WITHIN,
    )
    if open_answers.count() >= _waiting_limit(link):
        raise InvitationError(LINK_REFUSED)
    token, selector = new_token()
    answer = LinkAnswer.objects.create(
        event=link.event, link=link, email=email, token=token, token_selector=selector, **fields
    )
    deliveries_kick(channel=CHANNEL, pks=[answer.pk])
    return answer


def link_answer_usable(answer: LinkAnswer) -> bool:
    """Not yet confirmed nor closed, still within its time, and its event still takes answers."""
    return (
        answer.confirmed_at is None
        and answer.cancelled_at is None
        and answer.created_at > timezone.now() - CONFIRM_WITHIN
        and answer.event.accepts_rsvps
    )


def link_answer_confirm(*, answer: LinkAnswer, actor) -> AcceptResult:
    """The mailbox is proven: attach the answer to the address's profile and take the RSVP.

    A refusal (removed person, link used up, event closed) changes nothing.
    """
    try:
        with transaction.atomic():
            # The event's row lock first, as every seat decision takes it.
            Event.objects.select_for_update().filter(pk=answer.event_id).first()
            answer = (
                LinkAnswer.objects.select_for_update()
                .select_related("event", "link", "link__event")
                .get(pk=answer.pk)
            )
            if not link_answer_usable(answer):
                raise InvitationError(LINK_REFUSED)
            details = RSVPDetails(
                accessibility_needs=answer.accessibility_needs,
                dietary_needs=answer.dietary_needs,
                answers=answer.answers,
            )
            result = link_answer_attach(
                link=answer.link,
                email=answer.email,
                name=answer.name,
                details=details,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
            )
            answer.confirmed_at = timezone.now()
            answer.save(update_fields=["confirmed_at"])
            return result
    except RSVPError as exc:
        raise InvitationError(str(exc)) from exc
    except IntegrityError as exc:
        raise InvitationError(LINK_REFUSED) from exc
