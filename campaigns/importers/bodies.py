"""State bodies and their districts as the importers find or create them.

A state chamber is one Body per (state, kind) with no municipality (a database constraint), so
the officials import, the crosswalk and the ZIP table all land on the same rows whatever name
staff gave the body in the admin.
"""

from __future__ import annotations

import re

from django.utils import translation

from actlocal.geo import State
from actlocal.text import unique_slug

from ..models import Body, District
from ..normalize import district_key

# Open States role types ("chamber" in its CSV) -> our body kinds. "legislature" is the single
# chamber of Nebraska (and DC's council): it is kept as the state's upper chamber.
CHAMBER_KINDS = {
    "lower": Body.Kind.STATE_LOWER,
    "upper": Body.Kind.STATE_UPPER,
    "legislature": Body.Kind.STATE_UPPER,
}
_LOWER_NAMES = {
    "CA": "State Assembly",
    "NY": "State Assembly",
    "WI": "State Assembly",
    "NV": "Assembly",
    "NJ": "General Assembly",
    "MD": "House of Delegates",
    "VA": "House of Delegates",
    "WV": "House of Delegates",
}
_OCD_UNSAFE = re.compile(r"[^a-z0-9_.~-]")
# Short slugs, as people type them in URLs: ma-house, ma-senate, ma-us-house, ma-council.
_SLUG_SUFFIXES = {
    Body.Kind.STATE_LOWER: "house",
    Body.Kind.STATE_UPPER: "senate",
    Body.Kind.US_HOUSE: "us-house",
    Body.Kind.EXECUTIVE_COUNCIL: "council",
}


def body_default_name(*, state: str, kind: str) -> str:
    """'Massachusetts House of Representatives', 'Massachusetts Senate', ... Stored data, so
    in English whatever language the importing staff member reads (staff can rename)."""
    with translation.override(None):
        state_name = str(State(state).label)
    if kind == Body.Kind.STATE_LOWER:
        return f"{state_name} {_LOWER_NAMES.get(state, 'House of Representatives')}"
    if kind == Body.Kind.STATE_UPPER:
        return "Nebraska Legislature" if state == "NE" else f"{state_name} Senate"
    if kind == Body.Kind.US_HOUSE:
        return f"U.S. House of Representatives ({state_name})"
    if kind == Body.Kind.EXECUTIVE_COUNCIL:
        if state == "MA":
            return "Massachusetts Governor’s Council"
        return f"{state_name} Executive Council"
    with translation.override(None):
        return f"{state_name} {Body.Kind(kind).label}"


def state_body(*, state: str, kind: str, create: bool) -> Body | None:
    """The state-wide body of this kind, created with its default name if `create`."""
    body = Body.objects.filter(state=state, kind=kind, municipality="").first()
    if body is None and create:
        name = body_default_name(state=state, kind=kind)
        slug = unique_slug(Body, f"{state.lower()}-{_SLUG_SUFFIXES.get(kind, kind)}")
        body = Body.objects.create(name=name, slug=slug, state=state, kind=kind)
    return body


def district_ocd_id(*, state: str, kind: str, name: str) -> str | None:
    """'ocd-division/country:us/state:ma/sldl:7th_hampden'; None where no convention applies."""
    prefix = f"ocd-division/country:us/state:{state.lower()}"
    if kind in (Body.Kind.STATE_LOWER, Body.Kind.STATE_UPPER):
        part = "sldl" if kind == Body.Kind.STATE_LOWER else "sldu"
        slug = _OCD_UNSAFE.sub("", "_".join(name.lower().split()))
        return f"{prefix}/{part}:{slug}" if slug else None
    if kind == Body.Kind.US_HOUSE:
        key = district_key(name)
        return f"{prefix}/cd:{key}" if key.isdigit() else None
    return None


def districts_by_key(body: Body | None) -> dict[str, District]:
    """{name_key: district} of a body (empty when there is no body)."""
    if body is None:
        return {}
    return {district.name_key: district for district in body.districts.all()}


def district_ensure(
    *, body: Body, name: str, known: dict[str, District], ocd_id: str | None = None
) -> District:
    """The body's district with this name key, created if missing; fills a missing ocd_id.

    `known` is the body's {name_key: district}, updated in place so a file reuses one query.
    """
    key = district_key(name)
    district = known.get(key)
    if district is None:
        district = District(body=body, name=name, name_key=key)
        known[key] = district
    if ocd_id and not district.ocd_id and not District.objects.filter(ocd_id=ocd_id).exists():
        district.ocd_id = ocd_id
        district.save() if district.pk is None else district.save(update_fields=["ocd_id"])
    elif district.pk is None:
        district.save()
    return district
