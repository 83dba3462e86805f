"""The reminder an attendee gets at each offset of the event's schedule."""

from __future__ import annotations

from django.utils.translation import ngettext

from ..models import RSVP
from ..template_texts import REMINDER_PLACES, mail_personal_text
from .common import send_to_rsvp


def reminder_lead_time(hours_before: int) -> str:
    """'in 7 days', 'in 1 day', 'in 3 hours': the offset as people say it."""
    if hours_before % 24 == 0:
        days = hours_before // 24
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    return ngettext("in %(count)d hour", "in %(count)d hours", hours_before) % {
        "count": hours_before
    }


def send_reminder(*, rsvp: RSVP, hours_before: int, connection=None) -> None:
    """Mail one reminder. The caller has claimed its ReminderDelivery row; this only sends."""
    event = rsvp.event
    personal_text = mail_personal_text(
        event=event,
        template=event.reminder_template,
        places=REMINDER_PLACES,
        fallback_field="reminder_text",
        recipient_name=rsvp.leader.name,
    )
    send_to_rsvp(
        rsvp=rsvp,
        template="event_reminder",
        context={
            "lead_time": reminder_lead_time(hours_before),
            "hours_before": hours_before,
            "personal_text": personal_text,
        },
        checkin_code=True,
        connection=connection,
    )
