"""The toolkits app's part of a person's data download: the edits they proposed and the document
revisions they wrote.

Deleting the account needs nothing here: every link to the account is SET_NULL, so their texts
stay in the library without a name attached.
"""

from __future__ import annotations

from typing import Any

from actlocal.models import User
from actlocal.persondata import PersonDataPart

from .selectors import person_contributions


def contributions_export(user: User) -> dict[str, Any]:
    """`toolkit_proposals` and `toolkit_revisions`, empty when the person wrote none."""
    proposals, revisions = person_contributions(user=user)
    if not proposals and not revisions:
        return {}
    return {"toolkit_proposals": proposals, "toolkit_revisions": revisions}


PERSON_DATA_PART = PersonDataPart(name="toolkits", export=contributions_export)
