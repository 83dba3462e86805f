"""The ZIP code fallback: the share of a ZIP code's people living in each district.

CSV with the header zip,chamber,district,share (column order free, other columns ignored):
- zip: five digits (ZIP+4 accepted and cut);
- chamber: lower / upper (Open States' words), or a body kind: state_lower, state_upper,
  us_house, executive_council;
- district: a district name of that body in the chosen state, matched by
  campaigns.normalize.district_key: the district must already exist (never guessed);
- share: 0 < share <= 1 ("0.35") or a percentage ("35%"); empty means the whole ZIP (1).
The shares of one ZIP code in one body may not add up to more than 1. Re-importing replaces
the rows of the ZIP codes in the file (for that state's bodies) and leaves other ZIP codes alone.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.geo import normalize_zip
from actlocal.importing import ImportRejected, check_header, csv_rows, row_label
from actlocal.importing.files import Progress, with_progress
from directory.cache import public_cache_bump

from ..models import Body, District, ZipDistrict
from ..normalize import district_key
from ..page_cache import SCOPE
from .base import Checker, ImportResult, atomic_unless_dry_run
from .bodies import CHAMBER_KINDS, districts_by_key, state_body

REQUIRED = ["zip", "chamber", "district"]
KINDS = {
    **CHAMBER_KINDS,
    **{kind: kind for kind in ("state_lower", "state_upper", "us_house", "executive_council")},
}
SHARE_TOLERANCE = 0.001


def _share(check: Checker, where: str, value: str) -> float | None:
    if not value:
        return 1.0
    text = value.strip()
    try:
        share = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        share = -1.0
    if not 0 < share <= 1:
        check.add(
            where,
            "share",
            _("“%(value)s” is not a share between 0 and 1 (or 0%% and 100%%).")
            % {"value": text[:20]},
        )
        return None
    return share


def zip_districts_read(
    *,
    data: bytes | str,
    state: str,
    where: str,
    check: Checker | None = None,
    progress: Progress | None = None,
) -> list[tuple[str, District, float]]:
    """Checked (zip, district, share) rows, or ImportRejected listing every problem."""
    header, rows = csv_rows(data, where=where)
    problems = check_header(header, required=REQUIRED, where=row_label(1))
    if problems:
        raise ImportRejected(problems)
    check = check if check is not None else Checker()
    bodies: dict[str, Body | None] = {}
    known: dict[str, dict[str, District]] = {}
    out: list[tuple[str, District, float]] = []
    first_row: dict[tuple[str, int], str] = {}
    totals: dict[tuple[str, int], float] = defaultdict(float)
    seen: dict[tuple[str, int], str] = {}
    for number, row in with_progress(rows, progress):
        at = row_label(number)
        before = check.error_count
        code = normalize_zip(row["zip"])
        if code is None:
            check.add(at, "zip", _("“%(value)s” is not a ZIP code.") % {"value": row["zip"][:20]})
        kind = KINDS.get(row["chamber"].lower())
        if kind is None:
            check.add(
                at,
                "chamber",
                _("unknown chamber “%(value)s” (expected lower or upper).")
                % {"value": row["chamber"][:30]},
            )
        elif kind not in bodies:
            bodies[kind] = state_body(state=state, kind=kind, create=False)
            known[kind] = districts_by_key(bodies[kind])
        name = check.text(at, "district", row["district"], max_length=150, required=True)
        district = None
        if kind and name:
            if bodies[kind] is None:
                check.add(
                    at,
                    "chamber",
                    _("there is no %(kind)s for %(state)s yet.")
                    % {"kind": Body.Kind(kind).label, "state": state},
                )
            elif (district := known[kind].get(district_key(name))) is None:
                check.add(
                    at,
                    "district",
                    _("no district of the %(body)s matches “%(name)s”.")
                    % {"body": bodies[kind].name, "name": name},
                )
        share = _share(check, at, row.get("share", ""))
        if check.error_count > before:
            continue
        if (code, district.pk) in seen:
            check.add(
                at,
                "district",
                _("this ZIP code and district are already listed on %(other)s.")
                % {"other": seen[(code, district.pk)]},
            )
            continue
        seen[(code, district.pk)] = at
        first_row.setdefault((code, district.body_id), at)
        totals[(code, district.body_id)] += share
        out.append((code, district, share))
    for (code, body_id), total in totals.items():
        if total > 1 + SHARE_TOLERANCE:
            check.add(
                first_row[(code, body_id)],
                "share",
                _("the shares of ZIP code %(zip)s in one body add up to %(total)s, more than 1.")
                % {"zip": code, "total": round(total, 3)},
            )
    if not rows:
        check.add(where, "", _("the file has a header but no rows."))
    check.raise_if_errors()
    return out


def zip_districts_import(
    *,
    data: bytes | str,
    state: str,
    actor: Any,
    source: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Replace the district shares of every ZIP code in the file (all or nothing)."""
    check = Checker()
    rows = zip_districts_read(data=data, state=state, where=source, check=check, progress=progress)
    result = ImportResult(dry_run=dry_run, warnings=check.warnings)
    codes = sorted({code for code, _district, _share in rows})
    with atomic_unless_dry_run(dry_run, lock="campaigns.import.zip_districts"):
        result.deleted, _counts = ZipDistrict.objects.filter(
            zip_code__in=codes, district__body__state=state
        ).delete()
        ZipDistrict.objects.bulk_create(
            [ZipDistrict(zip_code=code, district=d, share=share) for code, d, share in rows],
            batch_size=1000,
        )
        public_cache_bump(SCOPE)  # bulk writes send no signals
        for code, district, share in rows:
            result.note("new", f"{code} → {district.name}", f"{share:.0%}")
        for body in {district.body for _code, district, _share in rows}:
            audit_log(
                actor=actor,
                obj=body,
                action="zip_districts.import",
                data={"source": source, "state": state, "zip_codes": len(codes)},
            )
    return result
