"""Tell the organizing team that someone going nominated a person to invite."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from actlocal.mail import send_templated_mail_by_language

from ..models import EventRole, Nomination
from ..permissions import MANAGE_ROLES


def send_nomination_to_team(*, nomination: Nomination, connection=None) -> int:
    """Mail the event's lead and co-organizers; returns how many were mailed (0: nobody)."""
    event = nomination.event
    # Each member of the team reads it in their own language, not the nominator's.
    recipients = sorted(
        set(
            EventRole.objects.filter(
                event=event, role__in=MANAGE_ROLES, user__is_active=True
            ).values_list("user__email", "user__language")
        )
    )
    if not recipients:
        return 0
    review_url = settings.SITE_URL + reverse("events:invitation_list", args=[event.slug])
    send_templated_mail_by_language(
        template="event_nomination",
        recipients=recipients,
        context={
            "event": event,
            "nomination": nomination,
            "nominator": nomination.nominated_by.name if nomination.nominated_by else "",
            "review_url": review_url + "#nominations-heading",
        },
        connection=connection,
    )
    return len(recipients)
