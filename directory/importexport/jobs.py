"""Directory spreadsheets imported in the background, as ImportJobs (actlocal.importing.jobs).

The job runs the same resource as the admin's confirm step (all rows checked, then written in
bulk, all or nothing); its problems and warnings become the job's, shown on its page.
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils.translation import gettext as _

from actlocal.importing import ImportRejected, Problem
from actlocal.importing.files import Progress
from actlocal.importing.jobs import JobOutcome, import_runner_register

from .base import SpreadsheetResource
from .formats import FORMATS, unreadable_file_message
from .leaders import LeaderResource
from .organizations import OrganizationResource
from .resources import ResourceResource

RESOURCES: dict[str, type[SpreadsheetResource]] = {
    "directory.leader": LeaderResource,
    "directory.organization": OrganizationResource,
    "directory.resource": ResourceResource,
}


def spreadsheet_import(
    *,
    resource_class: type[SpreadsheetResource],
    data: bytes,
    filename: str,
    options: dict,
    actor: Any,
    progress: Progress | None = None,
) -> JobOutcome:
    """Import one CSV/XLSX file with `resource_class`, or raise ImportRejected (nothing saved)."""
    chosen = options.get("format", 0)
    file_format = FORMATS[chosen if chosen in range(len(FORMATS)) else 0]()
    try:
        source = data if file_format.is_binary() else data.decode("utf-8-sig")
        dataset = file_format.create_dataset(source)
    except Exception as exc:  # the formats raise many types for a file that is not a table
        raise ImportRejected([Problem(filename, "", unreadable_file_message(exc))]) from None
    resource = resource_class()
    resource.progress = progress
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        rollback_on_validation_errors=True,
        use_transactions=True,
        file_name=filename,
        user=actor,
    )
    if result.has_errors() or result.has_validation_errors():
        raise ImportRejected([Problem(filename, "", line) for line in result.problems()])
    return JobOutcome(
        summary={
            _("New"): result.totals["new"],
            _("Updated"): result.totals["update"],
            _("Unchanged"): result.totals["skip"],
            _("Warnings"): len(result.warnings),
        },
        warnings=result.warnings,
    )


def import_runners_register() -> None:
    """Let background ImportJobs of the directory's files run (called when the app is ready)."""
    for kind, resource_class in RESOURCES.items():
        import_runner_register(
            kind=kind, runner=functools.partial(spreadsheet_import, resource_class=resource_class)
        )
