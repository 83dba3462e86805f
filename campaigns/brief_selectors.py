"""Reads for the lobby-meeting brief."""

from __future__ import annotations

from .models import Meeting
from .models_documents import MeetingRoles


def meeting_roles_get(*, meeting: Meeting) -> MeetingRoles | None:
    return (
        MeetingRoles.objects.filter(meeting=meeting)
        .select_related(
            "opener__member__leader",
            "storyteller__member__leader",
            "asker__member__leader",
            "notetaker__member__leader",
        )
        .first()
    )
