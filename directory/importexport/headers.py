"""The header row of an imported file: checked before any row, so a file with wrong columns
stops with one message instead of an error on every row."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext

from actlocal.errors import ServiceError

from .cells import cell_text, lowered, quoted


class ImportFileError(ServiceError):
    """A problem with the file as a whole (its columns); the message is shown to staff as is."""


def normalize_headers(
    dataset, *, known: Iterable[str], required: Iterable[str], aliases: dict[str, str]
) -> list[str]:
    """Rename headers to their canonical column names, dropping blank columns; refuse files
    with unknown, repeated or missing columns. Returns the columns the dataset now has."""
    known = list(known)
    headers, keep, unknown, repeated = [], [], [], []
    for index, raw in enumerate(dataset.headers or []):
        label = cell_text(raw) if raw is not None else ""
        if not label:
            cells = dataset.get_col(index) if len(dataset) else []
            if lowered(cells):
                nameless = gettext("(column %(number)s has no header)")
                unknown.append(nameless % {"number": index + 1})
            continue
        name = re.sub(r"[\s\-]+", "_", label.lower())
        name = aliases.get(name, name)
        if name not in known:
            unknown.append(label)
        elif name in headers:
            repeated.append(label)
        else:
            headers.append(name)
            keep.append(index)
    missing = [name for name in required if name not in headers]
    problems = []
    if unknown:
        problems.append(gettext("unknown columns %(columns)s") % {"columns": quoted(unknown)})
    if repeated:
        problems.append(gettext("repeated columns %(columns)s") % {"columns": quoted(repeated)})
    if missing:
        problems.append(gettext("missing columns %(columns)s") % {"columns": quoted(missing)})
    if problems:
        message = gettext(
            "The header row does not match: %(problems)s. "
            "The columns this import understands are: %(columns)s."
        ) % {"problems": "; ".join(problems), "columns": ", ".join(known)}
        if any(";" in label or "\t" in label for label in unknown):
            # Excel in many locales saves "CSV" with semicolons or tabs between columns.
            message += " " + gettext(
                "The columns seem to be separated by semicolons or tabs; save the file as "
                "comma-separated CSV (UTF-8) or as XLSX."
            )
        raise ImportFileError(message)
    rows = [[row[i] for i in keep] for row in dataset]
    dataset.wipe()
    dataset.headers = headers
    for row in rows:
        dataset.append(row)
    return headers
