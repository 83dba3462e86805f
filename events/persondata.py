"""The events app's part of a person's data download: their RSVPs.

Deleting the account needs nothing here: RSVPs go with the leader profile the directory deletes.
"""

from __future__ import annotations

from typing import Any

from actlocal.models import User
from actlocal.persondata import PersonDataPart
from directory.models import Leader

from .selectors import rsvps_export


def rsvps_data_export(user: User) -> dict[str, Any]:
    """`event_rsvps` for a person with a leader profile; nothing otherwise."""
    leader = Leader.objects.filter(user=user).first()
    return {"event_rsvps": rsvps_export(leader=leader)} if leader else {}


PERSON_DATA_PART = PersonDataPart(name="events", export=rsvps_data_export)
