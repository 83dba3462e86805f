"""The "find my legislator" pages at the scale of a real state: about 2,200 precincts (as
Massachusetts has) in some 350 cities and towns, a fifth of them split between House districts,
each precinct in four districts (State House, Senate, U.S. House, Governor's Council).

The towns are called "Find Town NNN", so the import measured in bench/campaigns.py (its own
"Bench Town" rows, removed after) never touches them; they stay for the next run.
"""

from __future__ import annotations

import time

from bench.campaigns import TOWN_PREFIX, crosswalk_csv

FIND_PREFIX = "Find Town"
PRECINCTS = 2_200
STATE = "MA"
FIND = "/campaigns/find-my-legislator/"
# A town in one district of each chamber (answered at once) and a split one (asks the precinct).
WHOLE_TOWN = f"{FIND}?municipality=Find+Town+001&state={STATE}"
SPLIT_TOWN = f"{FIND}?municipality=Find+Town+005&state={STATE}"


def find_prepare(*, officials: int) -> str:
    """Import the state's crosswalk once (through the real importer); a one-line summary."""
    from campaigns.importers.crosswalk import precincts_import
    from campaigns.models import DistrictArea

    rows = DistrictArea.objects.filter(municipality_key__startswith=FIND_PREFIX.lower())
    have = rows.values("ward", "precinct", "municipality_key").distinct().count()
    if have >= PRECINCTS:
        return f"already seeded: {have:,} precincts"
    started = time.monotonic()
    data = crosswalk_csv(PRECINCTS, officials=officials, seed=11).replace(TOWN_PREFIX, FIND_PREFIX)
    result = precincts_import(data=data, state=STATE, actor=None, source="bench")
    towns = rows.values("municipality_key").distinct().count()
    return (
        f"imported in {time.monotonic() - started:.1f}s: {PRECINCTS:,} precincts in {towns} "
        f"towns ({rows.count():,} precinct rows, {result.deleted:,} replaced)"
    )
