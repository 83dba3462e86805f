"""Invitation mail: the team's message, when and where, and the personal accept link."""

from __future__ import annotations

from actlocal.mail import send_templated_mail

from ..models import Invitation
from ..template_texts import INVITATION_PLACES, mail_personal_text


def send_invitation(*, invitation: Invitation, connection=None) -> None:
    """Mail one invitation. Invite-only events name the city only: the street address is for
    people who have accepted."""
    event = invitation.event
    recipient_name = invitation.name or (invitation.leader.name if invitation.leader else "")
    inviter = invitation.invited_by
    send_templated_mail(
        template="event_invitation",
        to=[invitation.email],
        context={
            "event": event,
            "invitation": invitation,
            "recipient_name": recipient_name,
            "personal_text": mail_personal_text(
                event=event,
                template=event.invitation_template,
                places=INVITATION_PLACES,
                fallback_field="invitation_text",
                recipient_name=recipient_name,
                sender_name=(inviter.name if inviter else "") or "",
            ),
            "accept_path": invitation.get_absolute_url(),
            "show_address": not event.is_invite_only,
        },
        connection=connection,
    )
