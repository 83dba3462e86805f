"""The registry of what each app holds about a person: its part of the data download and what
it removes when the account is deleted.

The core owns accounts but knows none of the apps: each app registers its part in its
AppConfig.ready(), as a plugin would, and /me/'s download and deletion walk the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class PersonDataPart:
    """One app's share of a person's data.

    `export` returns the download sections the app adds (key -> JSON-ready data; an empty dict
    when it holds nothing). `delete`, if given, runs inside the account deletion's transaction
    before the user row goes and returns counts for the anonymous audit entry. `audit_subjects`
    names rows (object type, id) whose audit entries belong in the person's download.
    """

    name: str
    export: Callable[[User], dict[str, Any]]
    delete: Callable[[User], dict[str, Any]] | None = None
    audit_subjects: Callable[[User], list[tuple[str, str]]] | None = None


_parts: dict[str, PersonDataPart] = {}


def persondata_register(*, part: PersonDataPart) -> None:
    """Add (or replace, on a repeated ready()) an app's part; parts keep registration order."""
    _parts[part.name] = part


def persondata_unregister(*, name: str) -> None:
    """Remove a part (tests register fakes and take them away again)."""
    _parts.pop(name, None)


def persondata_parts() -> list[PersonDataPart]:
    """The registered parts, in the order the apps registered them."""
    return list(_parts.values())
