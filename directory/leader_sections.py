"""Sections other apps add to a leader's page, seen only by the leader, organizers and staff.

The directory knows none of the apps built on it: events registers "Events attended" here in
its AppConfig.ready(), and the leader page renders whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import Leader


@dataclass(frozen=True)
class LeaderSection:
    """`load(leader)` returns the section's data; `template` renders it as `items`."""

    name: str
    template: str
    load: Callable[[Leader], Any]


@dataclass(frozen=True)
class LoadedSection:
    template: str
    items: Any


_sections: dict[str, LeaderSection] = {}


def leader_section_register(*, section: LeaderSection) -> None:
    """Add (or replace, on a repeated ready()) a section; they show in registration order."""
    _sections[section.name] = section


def leader_private_sections_load(*, leader: Leader) -> list[LoadedSection]:
    """Every registered section with its data for `leader`."""
    return [
        LoadedSection(template=section.template, items=section.load(leader))
        for section in _sections.values()
    ]
