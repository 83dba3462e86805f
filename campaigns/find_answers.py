"""What "find my legislator" answers for one place, looked up once per crosswalk version.

The page cache answers a URL seen before; a new one (another precinct, a tracking tag, a
different spelling of the town) would otherwise run four queries and sort the districts again.
The lookup of a place (the towns of that name, the town's districts and precincts, and the
seats with their officials for the whole town or the precinct asked) is kept in the cache under
the campaigns version, which every crosswalk import and every change to a body, district or
official bumps (campaigns.page_cache). It holds only public data: the crosswalk and officials'
public office contacts.

The parts of the page that are the same for everyone who asks the same place are kept rendered
beside it, per language: the answer (seats and officials), a split town's unanswered precinct
question, and the form's list of towns. `find_part_keys` names, from the URL alone, the keys a
visit reads, so a page-cache miss fetches them with its own lookup: one round trip and no query
for a place looked up before.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from actlocal.cached_parts import cache_get_many, cache_set_many, cached_part, part_key
from actlocal.errors import ServiceError

from . import geography
from .geography import Municipality, Seat
from .normalize import municipality_key


@dataclass
class PlaceAnswer:
    """The towns called by the name asked; for exactly one, its (ward, precinct) pairs, whether
    its districts differ by precinct (`split`) and `seats`: the answer for the precinct asked or
    the whole town (None when the town is split and no precinct was given). `error` says why a
    precinct has none."""

    matches: list[Municipality]
    pairs: list[tuple[str, str]] = field(default_factory=list)
    seats: list[Seat] | None = None
    split: bool = False
    error: str = ""

    @property
    def town(self) -> Municipality | None:
        return self.matches[0] if len(self.matches) == 1 else None


def _place(name: str, state: str, ward: str, precinct: str) -> tuple[str, str, str, str]:
    """The place as the lookup sees it: spelling, case and spacing of the town ignored, a ward
    only with a precinct."""
    precinct = geography.precinct_normalize(precinct)
    ward = geography.ward_normalize(ward) if precinct else ""
    return municipality_key(name or ""), (state or "").strip().upper(), ward, precinct


def _digest(name: str, state: str, ward: str, precinct: str) -> str:
    # Hashed: a typed town name may hold any character and run to 100 of them.
    place = "\x1f".join(_place(name, state, ward, precinct))
    return hashlib.sha256(place.encode()).hexdigest()[:32]


# Every key is a part_key, so it carries the language: an unknown precinct's message and the
# rendered parts are in it.
def answer_key(version: int, name: str, state: str, ward: str, precinct: str) -> str:
    return part_key("campaigns", "find", version, _digest(name, state, ward, precinct))


def section_key(version: int, name: str, state: str, ward: str, precinct: str) -> str:
    return part_key("campaigns", "find-section", version, _digest(name, state, ward, precinct))


def states_key(version: int) -> str:
    return f"campaigns:find-states:{version}"


def datalist_key(version: int) -> str:
    return part_key("campaigns", "find-towns", version)


def find_part_keys(versions: tuple[int, ...], request: HttpRequest) -> list[str]:
    """The keys a visit of the page reads, from the URL alone (for the page cache)."""
    version = versions[-1]
    name = request.GET.get("municipality", "")
    if not name.strip():
        return [states_key(version), datalist_key(version)]
    place = (name, *(request.GET.get(key, "") for key in ("state", "ward", "precinct")))
    return [states_key(version), answer_key(version, *place), section_key(version, *place)]


def _look_up(name: str, state: str, ward: str, precinct: str) -> PlaceAnswer:
    matches = geography.municipality_matches(name=name, state=state or None)
    if len(matches) != 1:
        return PlaceAnswer(matches=matches)
    town = matches[0]
    town_districts = geography.districts_for_place(state=town.state, municipality=town.name)
    answer = PlaceAnswer(
        matches=matches,
        pairs=geography.place_precincts(state=town.state, municipality=town.name),
        split=geography.is_split(town_districts),
    )
    if precinct:
        try:
            districts = geography.districts_for_place(
                state=town.state, municipality=town.name, ward=ward, precinct=precinct
            )
        except ServiceError as exc:
            answer.error = str(exc)
            return answer
        answer.seats = geography.seats_for_districts(districts)
    elif not answer.split:
        answer.seats = geography.seats_for_districts(town_districts)
    return answer


def place_answer(
    *, version: int | None, name: str, state: str, ward: str = "", precinct: str = ""
) -> PlaceAnswer:
    """The answer for a place, from the cache when this version looked it up before. With no
    version (no cache) it is looked up and nothing is stored."""
    name, state, ward, precinct = name.strip(), state.strip(), ward.strip(), precinct.strip()
    lookup = _place(name, state, ward, precinct)
    if version is None:
        return _look_up(name, lookup[1], lookup[2], lookup[3])
    key = answer_key(version, name, state, ward, precinct)
    found = cache_get_many([key]).get(key)
    if isinstance(found, PlaceAnswer):
        return found
    answer = _look_up(name, lookup[1], lookup[2], lookup[3])
    cache_set_many({key: answer})
    return answer


def known_states(*, version: int | None) -> tuple[str, ...]:
    """The states the crosswalk holds (the form asks for one only when there are several),
    kept under `version`: a few bytes, read with every page lookup, where the whole town list
    would be unpickled on every hit too."""
    if version is None:
        return geography.crosswalk_states()
    key = states_key(version)
    found = cache_get_many([key]).get(key)
    if isinstance(found, tuple):
        return found
    states = geography.crosswalk_states()
    cache_set_many({key: states})
    return states


def section(
    *, version: int | None, place: tuple[str, str, str, str], template: str, context: dict
) -> SafeString:
    """The answer or the precinct question for `place` (name, state, ward, precinct),
    rendered once per version and language. Rendered without the request: the templates hold
    no form that posts and nothing about the visitor."""
    return cached_part(
        versions=version,
        key=section_key(version or 0, *place),
        render=lambda: render_to_string(template, context),
    )


def towns_datalist(*, version: int | None, ask_state: bool):
    """The form's list of towns, rendered once per version (it is the same for everyone)."""
    return cached_part(
        versions=version,
        key=datalist_key(version or 0),
        render=lambda: render_to_string(
            "campaigns/_find_towns.html",
            {"towns": geography.municipalities(), "ask_state": ask_state},
        ),
    )
