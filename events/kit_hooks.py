"""What apps built on events carry from an event to its kit and from a kit to a new event.

Events knows none of those apps: one registers a hook in its AppConfig.ready() (surveys copies
an event's survey), and the kit services run every hook inside their transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Event

KitHook = Callable[..., None]  # hook(*, source: Event, copy: Event, actor) -> None

_hooks: dict[str, KitHook] = {}


def kit_copy_hook_register(*, name: str, hook: KitHook) -> None:
    """Add (or replace, on a repeated ready()) a hook run when a kit is saved or used."""
    _hooks[name] = hook


def kit_copy_hooks_run(*, source: Event, copy: Event, actor: Any) -> None:
    for hook in _hooks.values():
        hook(source=source, copy=copy, actor=actor)
