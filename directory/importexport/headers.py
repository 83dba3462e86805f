"""The header row of an imported spreadsheet: checked (actlocal.importing.headers) before any
row, then the dataset's columns are renamed to their canonical names."""

from __future__ import annotations

from collections.abc import Iterable

from actlocal.errors import ServiceError
from actlocal.importing import ImportRejected, headers_match

from .cells import cell_text, lowered


class ImportFileError(ServiceError):
    """A problem with the file as a whole (its columns); the message is shown to staff as is."""


def normalize_headers(
    dataset, *, known: Iterable[str], required: Iterable[str], aliases: dict[str, str]
) -> list[str]:
    """Rename headers to their canonical column names, dropping blank columns; refuse files
    with unknown, repeated or missing columns. Returns the columns the dataset now has."""
    labels = [cell_text(raw) if raw is not None else "" for raw in dataset.headers or []]
    try:
        headers, keep = headers_match(
            labels,
            known=known,
            required=required,
            aliases=aliases,
            has_data=lambda index: bool(len(dataset) and lowered(dataset.get_col(index))),
        )
    except ImportRejected as exc:
        raise ImportFileError(exc.problems[0].message) from None
    rows = [[row[i] for i in keep] for row in dataset]
    dataset.wipe()
    dataset.headers = headers
    for row in rows:
        dataset.append(row)
    return headers
