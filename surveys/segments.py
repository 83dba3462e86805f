"""A respondent's segments: what a response is filed under when it is first given.

Area type comes from the leader's profile. Lean comes from the profile; where the profile has
none, from an organizer's override; failing that, from the shipped state table (lean_table.py).
The leader's own answer wins because they know their area best and can correct it on /me/.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from directory.models import AreaLean, AreaType, Leader, LeaderRole

from .lean_table import state_lean
from .models import LeanOverride

# The segment kinds a rollup is kept for, in the order the results page shows them. A split by
# city lists only the largest cities that can be shown (LISTED_KINDS): thousands of rows, most
# of them suppressed, make neither a chart nor a page anyone can read.
SEGMENT_KINDS: dict[str, str] = {
    "area_type": _("Area type"),
    "lean": _("Political lean"),
    "state": _("State"),
    "city": _("City"),
    "role": _("Role"),
}
SPLIT_KINDS = ("area_type", "lean", "state", "role", "city")
LISTED_KINDS = ("city",)


@dataclass(frozen=True)
class Segments:
    area_type: str
    area_lean: str
    lean_source: str  # "profile", "override", "state" (the shipped table) or ""
    state: str
    city: str
    role: str

    # What pages show: the choice labels, in the reader's language, not the stored values.
    @property
    def area_type_label(self) -> str:
        return segment_label("area_type", self.area_type) if self.area_type else ""

    @property
    def area_lean_label(self) -> str:
        return segment_label("lean", self.area_lean) if self.area_lean else ""

    @property
    def role_label(self) -> str:
        names = LeaderRole.objects.filter(slug=self.role).values_list("name", flat=True)
        return names.first() or ""

    def as_fields(self) -> dict[str, str]:
        return {
            "area_type": self.area_type,
            "area_lean": self.area_lean,
            "state": self.state,
            "city": self.city,
            "role": self.role,
        }


def leader_segments(*, leader: Leader, with_role: bool = True) -> Segments:
    """The segments a response by `leader` would be filed under now (`with_role` False skips
    the role's query where it is not shown)."""
    lean, source = leader.area_lean, "profile" if leader.area_lean else ""
    if not lean:
        override = LeanOverride.objects.filter(leader=leader).values_list("area_lean", flat=True)
        if override_lean := override.first():
            lean, source = override_lean, "override"
    if not lean and (lean := state_lean(leader.state)):
        source = "state"
    # One role per response: the first by name, so the same leader files the same way each time.
    role = ""
    if with_role:
        role = leader.roles.order_by("name").values_list("slug", flat=True).first() or ""
    city = f"{leader.city}, {leader.state}" if leader.city and leader.state else ""
    return Segments(
        area_type=leader.area_type,
        area_lean=lean,
        lean_source=source,
        state=leader.state,
        city=city[:110],
        role=role,
    )


def segment_label(kind: str, value: str) -> str:
    """A readable name of a segment value ("Rural", "Blue", "MA")."""
    if not value:
        return str(_("Not known"))
    if kind == "area_type":
        return str(dict(AreaType.choices).get(value, value))
    if kind == "lean":
        return str(dict(AreaLean.choices).get(value, value))
    return value
