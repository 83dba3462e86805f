"""The shipped state-level lean table: where a leader's profile gives no area lean, their state's
result in the 2020 presidential election decides it.

Source: Federal Election Commission, "Federal Elections 2020: Election Results for the U.S.
President, the U.S. Senate and the U.S. House of Representatives" (October 2022), table
"2020 Presidential General Election Results" (popular vote by state). The number kept is the
margin: the Democratic candidate's share minus the Republican candidate's share of all votes
cast for president in the state, in percentage points, rounded to one decimal.

Thresholds: a margin of +5.0 points or more is blue, -5.0 or less is red, anything in between
is purple (the states both parties contested). Puerto Rico casts no electoral votes: no lean.

A state is a coarse stand-in for an area (rural Massachusetts is not Boston), which is why the
leader's own answer and an organizer's override both come first (see segments.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SOURCE = _(
    "FEC, Federal Elections 2020, 2020 Presidential General Election Results; "
    "margin = Democratic percentage minus Republican percentage"
)
BLUE_AT_LEAST = 5.0
RED_AT_MOST = -5.0

# State: Democratic minus Republican share, percentage points, 2020.
MARGIN_2020: dict[str, float] = {
    "AL": -25.5, "AK": -10.1, "AZ": 0.3, "AR": -27.6, "CA": 29.2, "CO": 13.5, "CT": 20.0,
    "DE": 19.0, "DC": 86.8, "FL": -3.4, "GA": 0.2, "HI": 29.5, "ID": -30.8, "IL": 17.0,
    "IN": -16.1, "IA": -8.2, "KS": -14.6, "KY": -25.9, "LA": -18.6, "ME": 9.1, "MD": 33.2,
    "MA": 33.5, "MI": 2.8, "MN": 7.1, "MS": -16.5, "MO": -15.4, "MT": -16.4, "NE": -19.1,
    "NV": 2.4, "NH": 7.4, "NJ": 15.9, "NM": 10.8, "NY": 23.1, "NC": -1.3, "ND": -33.4,
    "OH": -8.0, "OK": -33.1, "OR": 16.1, "PA": 1.2, "RI": 20.8, "SC": -11.7, "SD": -26.2,
    "TN": -23.2, "TX": -5.6, "UT": -20.5, "VT": 35.4, "VA": 10.1, "WA": 19.2, "WV": -38.9,
    "WI": 0.6, "WY": -43.4,
}  # fmt: skip


def lean_for_margin(margin: float) -> str:
    if margin >= BLUE_AT_LEAST:
        return "blue"
    if margin <= RED_AT_MOST:
        return "red"
    return "purple"


def state_lean(state: str) -> str:
    """The lean of a two-letter state code by the table, or "" when the table has none."""
    margin = MARGIN_2020.get((state or "").upper())
    return "" if margin is None else lean_for_margin(margin)
