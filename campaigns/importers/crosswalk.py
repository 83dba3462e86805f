"""The precinct crosswalk: which districts each precinct of each city or town belongs to.

Header, exactly: city_town,Ward,Pct,State_Rep,State_Senate,US_House,Gov_Council
- Ward is "-" (or empty) in towns without wards; precincts may carry letters ("6A").
- District names are spelled out ("Seventh Plymouth", "First Plymouth & Norfolk") and are
  matched to districts by campaigns.normalize.district_key, never guessed.
- State_Rep and State_Senate are required and must name districts that already exist (they come
  with the officials import): a name that matches none is reported with its row and column.
- US_House and Gov_Council are optional: an empty cell adds no row for that body; a name creates
  the U.S. House or Governor's Council body and district on first use, since no import of ours
  brings those districts.
Re-importing replaces the precincts of the cities and towns in the file, and leaves others alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.importing import ImportRejected, check_header, csv_rows, row_label
from actlocal.importing.files import Progress, with_progress
from directory.cache import public_cache_bump

from ..models import Body, District, DistrictArea
from ..normalize import district_key, municipality_key
from ..page_cache import SCOPE
from .base import Checker, ImportResult, atomic_unless_dry_run
from .bodies import district_ensure, district_ocd_id, districts_by_key, state_body

HEADER = ["city_town", "Ward", "Pct", "State_Rep", "State_Senate", "US_House", "Gov_Council"]
MATCHED_COLUMNS = {"State_Rep": Body.Kind.STATE_LOWER, "State_Senate": Body.Kind.STATE_UPPER}
CREATED_COLUMNS = {"US_House": Body.Kind.US_HOUSE, "Gov_Council": Body.Kind.EXECUTIVE_COUNCIL}
NO_WARD = {"", "-"}
_CODE = re.compile(r"^[A-Za-z0-9]{1,10}$")


@dataclass
class PrecinctRow:
    where: str
    municipality: str
    key: str
    ward: str
    precinct: str
    districts: dict[str, District]  # State_Rep / State_Senate, matched
    names: dict[str, str]  # US_House / Gov_Council, created on write if missing


def _code(check: Checker, where: str, column: str, value: str, *, required: bool) -> str:
    if not value:
        if required:
            check.add(where, column, _("this value is required."))
        return ""
    if not _CODE.match(value):
        check.add(
            where,
            column,
            _("“%(value)s” is not a ward or precinct number (letters and digits only).")
            % {"value": value[:20]},
        )
        return ""
    return value.upper()


def crosswalk_read(
    *,
    data: bytes | str,
    state: str,
    where: str,
    check: Checker | None = None,
    progress: Progress | None = None,
) -> list[PrecinctRow]:
    """Checked rows of a crosswalk file, or ImportRejected listing every problem."""
    header, rows = csv_rows(data, where=where)
    problems = check_header(header, required=HEADER, where=row_label(1), exact=True)
    if problems:
        raise ImportRejected(problems)
    check = check if check is not None else Checker()
    bodies = {
        col: state_body(state=state, kind=kind, create=False)
        for col, kind in MATCHED_COLUMNS.items()
    }
    known = {col: districts_by_key(body) for col, body in bodies.items()}
    seen: dict[tuple[str, str, str], str] = {}
    out: list[PrecinctRow] = []
    for number, row in with_progress(rows, progress):
        at = row_label(number)
        before = check.error_count
        town = check.text(at, "city_town", row["city_town"], max_length=100, required=True)
        key = municipality_key(town)
        if town and not key:
            check.add(at, "city_town", _("“%(value)s” is not a place name.") % {"value": town})
        ward_cell = row["Ward"]
        ward = "" if ward_cell in NO_WARD else _code(check, at, "Ward", ward_cell, required=True)
        precinct = _code(check, at, "Pct", row["Pct"], required=True)
        matched: dict[str, District] = {}
        for column, kind in MATCHED_COLUMNS.items():
            name = check.text(at, column, row[column], max_length=150, required=True)
            if not name:
                continue
            if bodies[column] is None:
                check.add(
                    at,
                    column,
                    _(
                        "there are no %(kind)s districts for %(state)s yet: import the officials "
                        "first."
                    )
                    % {"kind": Body.Kind(kind).label, "state": state},
                )
            elif (district := known[column].get(district_key(name))) is None:
                check.add(
                    at,
                    column,
                    _("no district of the %(body)s matches “%(name)s”.")
                    % {"body": bodies[column].name, "name": name},
                )
            else:
                matched[column] = district
        names = {
            column: check.text(at, column, row[column], max_length=150)
            for column in CREATED_COLUMNS
        }
        if key and precinct:
            place = (key, ward, precinct)
            if place in seen:
                check.add(
                    at,
                    "Pct",
                    _("this precinct is already listed on %(other)s.") % {"other": seen[place]},
                )
            seen.setdefault(place, at)
        if check.error_count == before:
            out.append(PrecinctRow(at, town, key, ward, precinct, matched, names))
    if not rows:
        check.add(where, "", _("the file has a header but no rows."))
    check.raise_if_errors()
    return out


def precincts_import(
    *,
    data: bytes | str,
    state: str,
    actor: Any,
    source: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Replace the precinct -> district rows of every city and town in the file (all or nothing).

    Counts are per city or town: new, updated (its rows changed) or unchanged (left as is).
    """
    check = Checker()
    rows = crosswalk_read(data=data, state=state, where=source, check=check, progress=progress)
    result = ImportResult(dry_run=dry_run, warnings=check.warnings)
    with atomic_unless_dry_run(dry_run, lock="campaigns.import.precincts"):
        wanted = _wanted_rows(rows=rows, state=state)
        current: dict[str, set] = defaultdict(set)
        for area in DistrictArea.objects.filter(state=state, municipality_key__in=wanted):
            current[area.municipality_key].add((area.ward, area.precinct, area.district_id))
        replaced: list[str] = []
        new_areas: list[DistrictArea] = []
        for key, (name, places) in wanted.items():
            if current.get(key) == places:
                result.note("unchanged", name)
                continue
            label = _("%(count)s precinct rows") % {"count": len(places)}
            result.note("update" if key in current else "new", name, label)
            replaced.append(key)
            new_areas += [
                DistrictArea(
                    district_id=district_id,
                    state=state,
                    municipality=name,
                    municipality_key=key,
                    ward=ward,
                    precinct=precinct,
                )
                for ward, precinct, district_id in sorted(places)
            ]
        if replaced:
            result.deleted, _counts = DistrictArea.objects.filter(
                state=state, municipality_key__in=replaced
            ).delete()
            DistrictArea.objects.bulk_create(new_areas, batch_size=1000)
            public_cache_bump(SCOPE)  # bulk writes send no signals
            for body in Body.objects.filter(
                districts__id__in={a.district_id for a in new_areas}
            ).distinct():
                audit_log(
                    actor=actor,
                    obj=body,
                    action="precincts.import",
                    data={"source": source, "state": state, "municipalities": len(replaced)},
                )
    return result


def _wanted_rows(*, rows: list[PrecinctRow], state: str) -> dict[str, tuple[str, set]]:
    """{municipality key: (name as first written, {(ward, precinct, district id)})}, creating
    the U.S. House and Governor's Council districts the file names."""
    created_bodies: dict[str, Body] = {}
    created_known: dict[str, dict[str, District]] = {}
    wanted: dict[str, tuple[str, set]] = {}
    for row in rows:
        name, places = wanted.setdefault(row.key, (row.municipality, set()))
        for district in row.districts.values():
            places.add((row.ward, row.precinct, district.pk))
        for column, district_name in row.names.items():
            if not district_name:
                continue
            kind = CREATED_COLUMNS[column]
            if column not in created_bodies:
                created_bodies[column] = state_body(state=state, kind=kind, create=True)
                created_known[column] = districts_by_key(created_bodies[column])
            district = district_ensure(
                body=created_bodies[column],
                name=district_name,
                known=created_known[column],
                ocd_id=district_ocd_id(state=state, kind=kind, name=district_name),
            )
            places.add((row.ward, row.precinct, district.pk))
    return wanted
