"""Meeting roles for the lobby-meeting brief."""

from __future__ import annotations

from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError

from ..brief import ROLE_FIELDS
from ..models import Meeting
from ..models_documents import MeetingRoles


def meeting_roles_set(*, meeting: Meeting, actor, roles: dict) -> MeetingRoles:
    """Who opens, tells the story, makes the ask and takes notes; each must attend the meeting."""
    for attendee in roles.values():
        if attendee is not None and attendee.meeting_id != meeting.pk:
            raise ServiceError(_("Choose one of this meeting's attendees."))
    assigned, _created = MeetingRoles.objects.update_or_create(
        meeting=meeting, defaults={name: roles.get(name) for name in ROLE_FIELDS}
    )
    audit_log(actor=actor, obj=meeting, action="campaign.meeting.roles", data={})
    return assigned
