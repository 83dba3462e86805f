"""The campaigns' kinds of file import, by name: what the admin upload runs (in the request,
or as a background ImportJob for large files) and how each is run as a job."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from actlocal.importing.files import Progress
from actlocal.importing.jobs import JobOutcome, import_runner_register

from .base import ImportResult
from .crosswalk import precincts_import
from .officials import officials_import
from .openstates import read_file
from .zipdistricts import zip_districts_import


def officials_file_import(
    *,
    data: bytes,
    filename: str,
    state: str,
    actor: Any,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """An Open States zip, YAML or CSV file."""
    people = read_file(data, filename=filename, state=state)
    return officials_import(
        people=people, actor=actor, source=filename, dry_run=dry_run, progress=progress
    )


def precincts_file_import(
    *,
    data: bytes,
    filename: str,
    state: str,
    actor: Any,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """A precinct crosswalk CSV."""
    return precincts_import(
        data=data, state=state, actor=actor, source=filename, dry_run=dry_run, progress=progress
    )


def zip_districts_file_import(
    *,
    data: bytes,
    filename: str,
    state: str,
    actor: Any,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """A ZIP code -> district shares CSV."""
    return zip_districts_import(
        data=data, state=state, actor=actor, source=filename, dry_run=dry_run, progress=progress
    )


FileImport = Callable[..., ImportResult]
KINDS: dict[str, FileImport] = {
    "campaigns.official": officials_file_import,
    "campaigns.districtarea": precincts_file_import,
    "campaigns.zipdistrict": zip_districts_file_import,
}


def _job_run(
    file_import: FileImport,
    *,
    data: bytes,
    filename: str,
    options: dict,
    actor: Any,
    progress: Progress,
) -> JobOutcome:
    result = file_import(
        data=data,
        filename=filename,
        state=options.get("state", ""),
        actor=actor,
        dry_run=False,
        progress=progress,
    )
    return JobOutcome(summary=result.summary(), warnings=result.warnings)


def import_runners_register() -> None:
    """Let background ImportJobs of these kinds run (called once, when the app is ready)."""
    for kind, file_import in KINDS.items():
        import_runner_register(kind=kind, runner=functools.partial(_job_run, file_import))
