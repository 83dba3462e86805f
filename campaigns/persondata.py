"""The campaigns app's part of a person's data download: their memberships and meetings.

Deleting the account needs nothing here: memberships go with the leader profile the directory
deletes.
"""

from __future__ import annotations

from typing import Any

from actlocal.models import User
from actlocal.persondata import PersonDataPart
from directory.models import Leader

from .selectors import memberships_export


def memberships_data_export(user: User) -> dict[str, Any]:
    """`campaign_memberships` for a person with a leader profile; nothing otherwise."""
    leader = Leader.objects.filter(user=user).first()
    return {"campaign_memberships": memberships_export(leader=leader)} if leader else {}


PERSON_DATA_PART = PersonDataPart(name="campaigns", export=memberships_data_export)
