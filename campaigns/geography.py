"""Where people live -> their districts and officials, from the imported precinct crosswalk
and the ZIP fallback table. No online geocoder: everything is in our tables.

A stable interface for the rest of campaigns (the join flow matches a leader to districts):

    districts_for_place(*, state, municipality, ward="", precinct="") -> list[District]
    officials_for_place(*, state, municipality, ward="", precinct="") -> dict[kind, list[Official]]
    district_for_body(*, body, municipality, ward="", precinct="") -> District
    districts_for_zip(*, zip_code) -> list[District]

Lists are in display order (state House, Senate, U.S. House, ...); dicts are keyed by Body.Kind
value ("state_lower", "state_upper", ...) in that order. Without a precinct a place is the whole
city or town (a split town lists several districts of one body); with one, the precinct's own
districts. Unknown towns and precincts raise PlaceError subclasses (UnknownMunicipality,
UnknownPrecinct, PlaceNeedsPrecinct) whose str() is a message for people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils.translation import gettext as _

from actlocal.errors import ServiceError

from .models import Body, CampaignMember, District, DistrictArea, Official, ZipDistrict
from .normalize import municipality_key

# The order seats are shown in: the state legislature first, as the campaigns target it.
BODY_ORDER = {kind: position for position, kind in enumerate(Body.Kind.values)}
# Kinds whose districts decide whether we must ask for a ward and precinct.
LEGISLATIVE_KINDS = (Body.Kind.STATE_LOWER, Body.Kind.STATE_UPPER)
NO_WARD = {"", "-"}
_NUMBER_PREFIX = re.compile(r"^(\d*)(.*)$")


class PlaceError(ServiceError, ValueError):
    """A place we cannot resolve; str() says why, for people."""


class UnknownMunicipality(PlaceError):
    """No city or town of that name in the crosswalk."""


class UnknownPrecinct(PlaceError):
    """The town has no such ward and precinct."""


class PlaceNeedsPrecinct(PlaceError):
    """The town is split between districts of the body asked about: ward and precinct needed."""


@dataclass(frozen=True)
class Municipality:
    state: str
    key: str
    name: str


@dataclass
class Seat:
    """One district of one body, its current officials, and (ZIP fallback) the share of the
    ZIP code's people who live in it."""

    body: Body
    district: District
    officials: list[Official] = field(default_factory=list)
    share: float | None = None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def _natural(value: str) -> tuple[int, str]:
    digits, rest = _NUMBER_PREFIX.match(value).groups()
    return (int(digits) if digits else 10**6, rest)


def ward_normalize(value: str | None) -> str:
    """'-' and blanks mean no ward; codes compare upper-case like the import stores them."""
    value = (value or "").strip()
    return "" if value in NO_WARD else value.upper()


def precinct_normalize(value: str | None) -> str:
    return (value or "").strip().upper()


def municipalities(*, state: str | None = None) -> list[Municipality]:
    """Every city and town of the crosswalk, by name (one query)."""
    rows = DistrictArea.objects.all()
    if state:
        rows = rows.filter(state=state.upper())
    grouped = (
        rows.values("state", "municipality_key")
        .annotate(name=Min("municipality"))
        .order_by("municipality_key", "state")
    )
    return [Municipality(row["state"], row["municipality_key"], row["name"]) for row in grouped]


def crosswalk_states() -> tuple[str, ...]:
    """The states the crosswalk holds, in order (one query)."""
    rows = DistrictArea.objects.order_by("state").values_list("state", flat=True).distinct()
    return tuple(rows)


def municipality_matches(*, name: str, state: str | None = None) -> list[Municipality]:
    """The cities and towns called `name` (case, accents and spacing ignored), one per state."""
    key = municipality_key(name or "")
    if not key:
        return []
    rows = DistrictArea.objects.filter(municipality_key=key)
    if state:
        rows = rows.filter(state=state.upper())
    grouped = rows.values("state").annotate(name=Min("municipality")).order_by("state")
    return [Municipality(row["state"], key, row["name"]) for row in grouped]


def place_precincts(*, state: str, municipality: str) -> list[tuple[str, str]]:
    """The (ward, precinct) pairs of a city or town, in natural order ('2' before '10')."""
    pairs = (
        DistrictArea.objects.filter(
            state=state.upper(), municipality_key=municipality_key(municipality)
        )
        .values_list("ward", "precinct")
        .distinct()
    )
    return sorted(pairs, key=lambda pair: (_natural(pair[0]), _natural(pair[1])))


def _display_order(district: District) -> tuple:
    return (BODY_ORDER.get(district.body.kind, 99), district.body.name, _natural(district.name_key))


def group_by_kind(districts: list[District]) -> dict[str, list[District]]:
    """{body kind: districts}, keys in display order."""
    grouped: dict[str, list[District]] = defaultdict(list)
    for district in sorted(districts, key=_display_order):
        grouped[district.body.kind].append(district)
    return dict(grouped)


def districts_for_place(
    *, state: str, municipality: str, ward: str = "", precinct: str = ""
) -> list[District]:
    """The districts of a city or town, or of one of its precincts when `precinct` is given."""
    areas = DistrictArea.objects.filter(
        state=(state or "").upper(), municipality_key=municipality_key(municipality or "")
    )
    if precinct:
        areas = areas.filter(ward=ward_normalize(ward), precinct=precinct_normalize(precinct))
    districts = list(
        District.objects.filter(id__in=areas.values("district_id")).select_related("body")
    )
    if not districts:
        if precinct and districts_for_place(state=state, municipality=municipality):
            raise UnknownPrecinct(_precinct_message(municipality, ward, precinct))
        raise UnknownMunicipality(
            _("We have no precinct data for “%(name)s”. Check the spelling, or use your ZIP code.")
            % {"name": (municipality or "").strip()[:100]}
        )
    return sorted(districts, key=_display_order)


def district_for_body(
    *, body: Body, municipality: str, ward: str = "", precinct: str = ""
) -> District:
    """The one district of `body` a place lies in. PlaceNeedsPrecinct when the town is split
    between several of them and no precinct was given; UnknownMunicipality when the place has
    no district of this body."""
    districts = [
        d
        for d in districts_for_place(
            state=body.state, municipality=municipality, ward=ward, precinct=precinct
        )
        if d.body_id == body.pk
    ]
    if not districts:
        raise UnknownMunicipality(
            _("%(place)s is in no district of the %(body)s that we know of.")
            % {"place": (municipality or "").strip()[:100], "body": body.name}
        )
    if len(districts) > 1:
        raise PlaceNeedsPrecinct(
            _(
                "%(place)s is split between districts of the %(body)s: choose your ward and "
                "precinct."
            )
            % {"place": (municipality or "").strip()[:100], "body": body.name}
        )
    return districts[0]


def _precinct_message(municipality: str, ward: str, precinct: str) -> str:
    if ward_normalize(ward):
        return _("%(town)s has no precinct %(precinct)s in ward %(ward)s.") % {
            "town": municipality.strip()[:100],
            "ward": ward.strip()[:10],
            "precinct": precinct.strip()[:10],
        }
    return _("%(town)s has no precinct %(precinct)s.") % {
        "town": municipality.strip()[:100],
        "precinct": precinct.strip()[:10],
    }


def is_split(districts: list[District]) -> bool:
    """Whether a town's state House or Senate seats differ by precinct."""
    grouped = group_by_kind(districts)
    return any(len(grouped.get(kind, [])) > 1 for kind in LEGISLATIVE_KINDS)


def _current_officials(district_ids) -> dict[int, list[Official]]:
    by_district: dict[int, list[Official]] = defaultdict(list)
    officials = (
        Official.objects.current()
        .filter(district_id__in=district_ids)
        .select_related("district", "body")
        .order_by("family_name", "name", "id")
    )
    for official in officials:
        official.public_links = web_links(official.links)
        by_district[official.district_id].append(official)
    return by_district


def web_links(links) -> list[dict]:
    """The official's links that are web addresses, as {"url", "note"}: imported data and the
    admin's JSON field may hold anything."""
    out = []
    for link in links if isinstance(links, list) else []:
        url, note = (link.get("url"), link.get("note")) if isinstance(link, dict) else (link, "")
        if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
            out.append({"url": url, "note": str(note or "")})
    return out


def officials_for_place(
    *, state: str, municipality: str, ward: str = "", precinct: str = ""
) -> dict[str, list[Official]]:
    """The current officials of districts_for_place(...), keyed by body kind (two queries)."""
    districts = districts_for_place(
        state=state, municipality=municipality, ward=ward, precinct=precinct
    )
    by_district = _current_officials([d.pk for d in districts])
    return {
        kind: [official for d in ds for official in by_district.get(d.pk, [])]
        for kind, ds in group_by_kind(districts).items()
    }


def seats_for_districts(districts: list[District]) -> list[Seat]:
    """Each district with its current officials, in display order (one query)."""
    ordered = sorted(districts, key=_display_order)
    by_district = _current_officials([d.pk for d in ordered])
    return [Seat(d.body, d, by_district.get(d.pk, [])) for d in ordered]


def districts_for_zip(*, zip_code: str) -> list[District]:
    """Every district with people of this ZIP code, in display order; empty when we have no
    data. Approximate by nature: prefer districts_for_place."""
    return [seat.district for seat in seats_for_zip(zip_code)]


def seats_for_zip(zip_code: str) -> list[Seat]:
    """The ZIP fallback: every district with people of this ZIP code, with its share (biggest
    first within each body) and current officials. Empty when we have no data."""
    rows = list(ZipDistrict.objects.filter(zip_code=zip_code).select_related("district__body"))
    rows.sort(
        key=lambda r: (BODY_ORDER.get(r.district.body.kind, 99), r.district.body.name, -r.share)
    )
    by_district = _current_officials([r.district_id for r in rows])
    return [
        Seat(r.district.body, r.district, by_district.get(r.district_id, []), r.share) for r in rows
    ]


def officials_for_member(*, member: CampaignMember, body: Body | None = None) -> list[Official]:
    """The current officials of the districts a campaign member was matched to (optionally of
    one body, e.g. the campaign's target)."""
    officials = (
        Official.objects.current()
        .filter(district__in=member.districts.all())
        .select_related("district", "body")
    )
    if body is not None:
        officials = officials.filter(body=body)
    return list(officials.order_by("body__kind", "family_name", "name"))
