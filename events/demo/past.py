"""The past convening: RSVPs, check-ins and final attendance written directly (the event is
over, so no service would take them now), and the follow-up dinner invited from who came."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from actlocal.models import User
from directory.models import Leader

from ..models import RSVP, Event, Invitation, ReminderDelivery
from ..services.rsvps import CODE_ALPHABET

if TYPE_CHECKING:
    from . import _Loader

PAST_SLUG = "central-massachusetts-convening"
DINNER_SLUG = "central-massachusetts-dinner"


def checkin_code(loader: _Loader, used: set[str]) -> str:
    while True:
        code = "".join(loader.rng.choice(CODE_ALPHABET) for _ in range(6))
        if code not in used:
            used.add(code)
            return code


def past_convening(loader: _Loader) -> None:
    """Written directly: the event is over, so no service would take these answers now."""
    event = loader.events[PAST_SLUG]
    rng, me = loader.rng, [loader.leader] if loader.leader else []
    people = loader.pick("MA", 37)
    invited, declined, walk_ins = people[:30] + me, people[30:34], people[34:]
    yes = loader.invite(event, invited, Invitation.Status.ACCEPTED)
    no = loader.invite(event, declined, Invitation.Status.DECLINED)
    # About five in six came; the demo leader login did.
    strangers = len(invited) - len(me)
    came = set(rng.sample(range(strangers), strangers * 5 // 6)) | ({strangers} if me else set())
    desk = [u for u in (loader.team.get("ma_desk"), loader.organizer) if u is not None]
    codes: set[str] = set()
    rows = []
    for index, (person, invitation) in enumerate(zip(invited, yes, strict=True)):
        rows.append(past_rsvp(loader, event, person, codes, invitation=invitation))
        if index in came:
            check_in(loader, rows[-1], event, desk)
        else:
            rows[-1].attendance = RSVP.Attendance.NO_SHOW
    for person in walk_ins:
        rows.append(past_rsvp(loader, event, person, codes, walk_in=True))
        check_in(loader, rows[-1], event, desk)
    for person, invitation in zip(declined, no, strict=True):
        rows.append(
            past_rsvp(
                loader, event, person, codes, invitation=invitation, status=RSVP.Status.DECLINED
            )
        )
    RSVP.objects.bulk_create(rows)
    loader.counts.rsvps += len(rows)
    # The reminders went out before the day; recording them keeps any sweep from resending.
    ReminderDelivery.objects.bulk_create(
        [
            ReminderDelivery(
                rsvp=rsvp,
                hours_before=hours,
                created_at=event.starts_at - timedelta(hours=hours),
                claimed_at=event.starts_at - timedelta(hours=hours),
                sent_at=event.starts_at - timedelta(hours=hours),
                attempts=1,
            )
            for rsvp in rows
            if rsvp.status == RSVP.Status.GOING and not rsvp.is_walk_in
            for hours in event.reminder_offsets.values_list("hours_before", flat=True)
        ]
    )
    attended = [r.leader for r in rows if r.attendance == RSVP.Attendance.ATTENDED]
    others = [p for p in attended if not me or p.pk != me[0].pk]
    guests = rng.sample(others, min(12, len(others)))
    loader.invite_and_answer(
        DINNER_SLUG,
        accepted=guests[:7],
        declined=guests[7:8],
        sent=guests[8:] + me,
    )


def past_rsvp(
    loader: _Loader, event: Event, person: Leader, codes: set[str], *, invitation=None, **fields
) -> RSVP:
    details = loader.details(event) if fields.get("status") != RSVP.Status.DECLINED else None
    return RSVP(
        event=event,
        leader=person,
        invitation=invitation,
        status=fields.get("status", RSVP.Status.GOING),
        is_walk_in=fields.get("walk_in", False),
        accessibility_needs=details.accessibility_needs if details else "",
        dietary_needs=details.dietary_needs if details else "",
        answers=details.answers if details else {},
        checkin_code=checkin_code(loader, codes),
        created_at=event.starts_at - timedelta(days=loader.rng.randint(3, 20)),
    )


def check_in(loader: _Loader, rsvp: RSVP, event: Event, desk: list[User]) -> None:
    rsvp.checked_in_at = event.starts_at + timedelta(minutes=loader.rng.randint(-20, 45))
    rsvp.checked_in_by = loader.rng.choice(desk) if desk else None
    rsvp.attendance = RSVP.Attendance.ATTENDED
    if rsvp.is_walk_in:
        rsvp.created_at = rsvp.checked_in_at
    loader.counts.checked_in += 1
