"""Time an import of generated leaders through the admin's import-export resource.

The CSV is built from the resource's own import columns, so the measurement keeps working as
the resource evolves; columns this module has no value for are left empty.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field

IMPORT_DOMAIN = "bench-import.example.org"
IMPORT_SEED = 7

# normalised column name -> how to fill it from an unsaved demo Leader and its plan
COLUMN_ALIASES = {
    "zip": "zip_code",
    "zipcode": "zip_code",
    "postal_code": "zip_code",
    "full_name": "name",
}


@dataclass
class ImportOutcome:
    rows: int
    resource: str = "directory.importexport.LeaderResource"
    skipped: str = ""
    columns: list[str] = field(default_factory=list)
    dry_run_seconds: float | None = None
    import_seconds: float | None = None
    created: int = 0
    errors: list[str] = field(default_factory=list)


def _normalise(column: str) -> str:
    key = column.strip().lower().replace(" ", "_").replace("-", "_")
    return COLUMN_ALIASES.get(key, key)


def leader_csv(*, rows: int, columns: list[str]) -> str:
    """`rows` invented leaders (emails under IMPORT_DOMAIN) as CSV with exactly `columns`."""
    from directory.demo import DemoSize, demo_plan

    plan = demo_plan(size=DemoSize(leaders=rows, organizations=0, resources=0), seed=IMPORT_SEED)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for leader in plan.leaders:
        values = {
            "name": leader.name,
            "email": leader.email.replace("@example.org", f"@{IMPORT_DOMAIN}"),
            "phone": leader.phone,
            "city": leader.city,
            "state": leader.state,
            "zip_code": leader.zip_code,
            "area_type": leader.area_type,
            "area_lean": leader.area_lean,
            "visibility": leader.visibility,
            "bio": leader.bio,
            "topics": ";".join(plan.leader_topics[leader.slug]),
            "roles": ";".join(plan.leader_roles[leader.slug]),
        }
        writer.writerow([values.get(_normalise(column), "") for column in columns])
    return out.getvalue()


def _error_lines(result) -> list[str]:
    lines: list[str] = []
    for error in getattr(result, "base_errors", []) or []:
        lines.append(str(getattr(error, "error", error)))
    for number, errors in result.row_errors() if hasattr(result, "row_errors") else []:
        for error in errors:
            lines.append(f"row {number}: {getattr(error, 'error', error)}")
    for invalid in getattr(result, "invalid_rows", []) or []:
        lines.append(f"row {invalid.number}: {invalid.error_dict}")
    return lines


def imported_leaders_delete() -> int:
    """Remove leaders left by an import measurement, so the seeded size stays as it was."""
    from directory.models import Leader

    deleted, _by_model = Leader.objects.filter(email__endswith=f"@{IMPORT_DOMAIN}").delete()
    return deleted


def measure_import(*, rows: int) -> ImportOutcome:
    """Dry run, then import, `rows` new leaders; report seconds, rows created and any errors."""
    import tablib

    outcome = ImportOutcome(rows=rows)
    try:
        from directory.importexport import LeaderResource
    except ImportError as exc:
        outcome.skipped = f"{outcome.resource} is not available yet ({exc})"
        return outcome
    from directory.models import Leader

    imported_leaders_delete()
    resource = LeaderResource()
    outcome.columns = [field.column_name for field in resource.get_import_fields()]
    dataset = tablib.Dataset().load(leader_csv(rows=rows, columns=outcome.columns), format="csv")

    started = time.perf_counter()
    preview = LeaderResource().import_data(dataset, dry_run=True, raise_errors=False)
    outcome.dry_run_seconds = time.perf_counter() - started
    if preview.has_errors() or preview.has_validation_errors():
        outcome.errors = _error_lines(preview)[:5] or ["the dry run reported errors"]
        return outcome

    started = time.perf_counter()
    result = LeaderResource().import_data(dataset, dry_run=False, raise_errors=False)
    outcome.import_seconds = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        outcome.errors = _error_lines(result)[:5] or ["the import reported errors"]
    outcome.created = Leader.objects.filter(email__endswith=f"@{IMPORT_DOMAIN}").count()
    return outcome
