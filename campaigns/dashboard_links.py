"""Links that apps built on campaigns add to a campaign's dashboard.

Campaigns knows none of those apps: one registers a provider in its AppConfig.ready() (surveys
offers "New survey" and the campaign's surveys), and the dashboard shows what each returns for
the person looking at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import Campaign


@dataclass(frozen=True)
class DashboardLink:
    label: str
    url: str
    note: str = ""


# provider(*, campaign: Campaign, user) -> list[DashboardLink]
LinkProvider = Callable[..., list[DashboardLink]]

_providers: dict[str, LinkProvider] = {}


def dashboard_links_register(*, name: str, provider: LinkProvider) -> None:
    """Add (or replace, on a repeated ready()) a provider of dashboard links."""
    _providers[name] = provider


def dashboard_links(*, campaign: Campaign, user: Any) -> list[DashboardLink]:
    links: list[DashboardLink] = []
    for provider in _providers.values():
        links += provider(campaign=campaign, user=user)
    return links
