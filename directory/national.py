"""The national map: how many located leaders and organizations each state has.

The counts come from the directory's tallies (directory.tallies: one query of a few hundred
rows whatever the size of the network); with a topic chosen, from two GROUP BY queries over
that topic's places. The payload is at most one feature per state, so the first view of the
map is bounded; picking a state (or clicking its circle) loads
that state's places (directory.nearby.map_places). Leaders are counted as `visible_to(user)`
sees them, so the counts never reveal a hidden profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.urls import reverse

from actlocal.geo import State, state_centroid
from actlocal.models import Topic

from .models import visibilities_seen_by
from .nearby import LEADER, ORGANIZATION, _map_querysets
from .tallies import tallies_read


@dataclass
class StateCount:
    state: str
    label: str
    leaders: int = 0
    organizations: int = 0
    url: str = ""

    @property
    def total(self) -> int:
        return self.leaders + self.organizations


def _by_state(queryset: QuerySet) -> dict[str, int]:
    # distinct: the topic filter's join could otherwise count a place twice.
    rows = (
        queryset.exclude(state="")
        .order_by()
        .values_list("state")
        .annotate(n=Count("id", distinct=True))
    )
    return dict(rows)


def _counted_by_state(*, user: Any, topic: Topic | None, kind: str) -> list[tuple[str, dict]]:
    """(place type, {state: count}) per place type the map shows for these filters."""
    tallies = tallies_read() if topic is None else None
    if tallies is None:
        # A topic is not among the tallies' keys (nor is anything on SQLite): counted live.
        return [
            (place_type, _by_state(queryset))
            for place_type, queryset in _map_querysets(
                user=user, state="", city="", topic=topic, kind=kind
            )
        ]
    counted = []
    if kind in ("", LEADER):
        leaders = tallies.by_state(subject=LEADER, facets=visibilities_seen_by(user), located=True)
        counted.append((LEADER, leaders))
    if kind != LEADER:
        kinds = None if kind in ("", ORGANIZATION) else [kind]
        organizations = tallies.by_state(subject=ORGANIZATION, facets=kinds, located=True)
        counted.append((ORGANIZATION, organizations))
    return counted


def state_counts(*, user: Any, topic: Topic | None = None, kind: str = "") -> list[StateCount]:
    """Located places per state (states with none left out), in the states' alphabetical order."""
    counts: dict[str, StateCount] = {}
    for place_type, by_state in _counted_by_state(user=user, topic=topic, kind=kind):
        for state, number in by_state.items():
            if state not in State.values:
                continue
            # A plain string in the reader's language (the cached counts are kept per language):
            # a lazy label would rebuild its proxy class each time it is unpickled.
            label = str(State(state).label)
            entry = counts.setdefault(state, StateCount(state=state, label=label))
            if place_type == LEADER:
                entry.leaders = number
            else:
                entry.organizations = number
    base = reverse("directory:map")
    for entry in counts.values():
        params = {"state": entry.state, "topic": topic.slug if topic else "", "kind": kind}
        entry.url = f"{base}?{urlencode({k: v for k, v in params.items() if v})}"
    return sorted(counts.values(), key=lambda entry: entry.label)


def states_geojson(counts: list[StateCount]) -> dict[str, Any]:
    """One point per state at its population centre, with its counts and its map's URL."""
    features = []
    for entry in counts:
        centre = state_centroid(entry.state)
        if centre is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [centre[1], centre[0]]},
                "properties": {
                    "type": "state",
                    "name": str(entry.label),
                    "state": entry.state,
                    "url": entry.url,
                    "leaders": entry.leaders,
                    "organizations": entry.organizations,
                },
            }
        )
    return {"type": "FeatureCollection", "truncated": False, "features": features}
