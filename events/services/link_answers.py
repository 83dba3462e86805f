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
from actlocal.languages import active_language
from directory.models import Leader

from ..models import Event, InviteLink, LinkAnswer
from ..tokens import new_token
from .invitations import (
    LINK_REFUSED,
    AcceptResult,
    InvitationError,
    leader_for_email,
    link_answer_attach,
    normalize_email,
)
from .rsvps import RSVPDetails, RSVPError, rsvp_respond

CHANNEL = "events.link_answer"
# How long a confirmation link works; the invite link itself may expire sooner.
CONFIRM_WITHIN = timedelta(days=2)
# A new answer for the same address within this time updates the waiting one without a second
# mail: typing someone's address again and again cannot fill their inbox.
QUIET_FOR = timedelta(minutes=15)
# Unconfirmed answers a link may hold beyond its uses: a shared link cannot be turned into a
# mailer to arbitrary addresses. Past it the page looks the same; nothing is kept or sent.
# (A public event's page has no uses to count: its door is rate limited per client instead.)
SPARE_WAITING = 20


def _waiting_limit(link: InviteLink) -> int:
    return 2 * link.max_uses + SPARE_WAITING


def _locked_door(
    *, link: InviteLink | None, event: Event | None
) -> tuple[Event, InviteLink | None]:
    """The event (and link) the answer is for, locked; refused when that door is closed."""
    if link is not None and event is None:
        link = InviteLink.objects.select_for_update().select_related("event").get(pk=link.pk)
        if not link.is_usable or not link.event.accepts_rsvps:
            raise InvitationError(LINK_REFUSED)
        return link.event, link
    if event is None or link is not None:
        raise ValueError("Pass exactly one of link or event")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not public_answer_open(event):
        raise InvitationError(LINK_REFUSED)
    return event, None


def public_answer_open(event: Event) -> bool:
    """Whether anyone may answer this event from its page: public, published and open."""
    return (
        event.status == Event.Status.PUBLISHED
        and not event.is_template
        and not event.is_invite_only
        and event.accepts_rsvps
    )


@transaction.atomic
def link_answer_record(
    *,
    name: str,
    email: str,
    details: RSVPDetails,
    link: InviteLink | None = None,
    event: Event | None = None,
    zip_code: str = "",
) -> LinkAnswer:
    """Keep a typed answer (through `link`, or on public `event`'s page) and mail its
    confirmation to the typed address."""
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvitationError(LINK_REFUSED) from exc
    event, link = _locked_door(link=link, event=event)
    fields = {
        "name": (name or "").strip()[:150],
        "zip_code": (zip_code or "").strip()[:10],
        "accessibility_needs": details.accessibility_needs,
        "dietary_needs": details.dietary_needs,
        "answers": details.answers,
        # The person answering is the one the confirmation goes to: their language is its.
        "language": active_language(),
    }
    waiting = (
        LinkAnswer.objects.select_for_update()
        .filter(event=event, link=link, email=email, confirmed_at=None, cancelled_at=None)
        .filter(created_at__gt=timezone.now() - QUIET_FOR)
        .first()
    )
    if waiting is not None:
        LinkAnswer.objects.filter(pk=waiting.pk).update(**fields)
        return waiting
    if link is not None:
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
        event=event, link=link, email=email, token=token, token_selector=selector, **fields
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
        and (answer.link_id is not None or public_answer_open(answer.event))
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
                # Only the answer's row: the link is an outer join now that it may be missing.
                LinkAnswer.objects.select_for_update(of=("self",))
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
            actor = actor if getattr(actor, "is_authenticated", False) else None
            if answer.link is not None:
                result = link_answer_attach(
                    link=answer.link,
                    email=answer.email,
                    name=answer.name,
                    details=details,
                    actor=actor,
                    language=answer.language,
                )
            else:
                result = public_answer_attach(answer=answer, details=details, actor=actor)
            answer.confirmed_at = timezone.now()
            answer.save(update_fields=["confirmed_at"])
            return result
    except RSVPError as exc:
        raise InvitationError(str(exc)) from exc
    except IntegrityError as exc:
        raise InvitationError(LINK_REFUSED) from exc


def public_answer_attach(*, answer: LinkAnswer, details: RSVPDetails, actor) -> AcceptResult:
    """Seat the owner of a confirmed public-page answer: their profile, or a new one that only
    organizers see (they never chose to be listed). The caller holds the event's row lock.

    An existing profile is not changed by what was typed: the typist proved the mailbox, not
    that the name or ZIP on record should be replaced.
    """
    leader = leader_for_email(
        email=answer.email,
        name=answer.name,
        visibility=Leader.Visibility.ORGANIZERS,
        zip_code=answer.zip_code,
        # The page they answered on: later mail (reminders, changes) follows it.
        language=answer.language,
    )
    rsvp = rsvp_respond(event=answer.event, leader=leader, actor=actor, going=True, details=details)
    return AcceptResult(invitation=None, rsvp=rsvp, leader=leader)
