"""The header row of an imported file, checked before any row so that a file with the wrong
columns stops with one message instead of a problem on every row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from .problems import Problem, file_rejected


def check_header(
    header: list[str], *, required: list[str], where: str, exact: bool = False
) -> list[Problem]:
    """Problems with a header: missing required columns (or, if `exact`, any difference)."""
    if exact and header != required:
        return [
            Problem(
                where,
                "",
                _("the header must be exactly “%(expected)s”; this file has “%(found)s”.")
                % {"expected": ",".join(required), "found": ",".join(header)[:300]},
            )
        ]
    missing = [name for name in required if name not in header]
    return [Problem(where, name, _("this column is missing from the header.")) for name in missing]


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def headers_match(
    labels: list[str],
    *,
    known: Iterable[str],
    required: Iterable[str],
    aliases: dict[str, str],
    has_data: Callable[[int], bool],
    where: str = "",
) -> tuple[list[str], list[int]]:
    """(canonical column names, their indexes in `labels`) for a spreadsheet's header.

    Headers are compared lowercased with spaces and hyphens as underscores, after `aliases`;
    blank headers are dropped unless their column holds data (`has_data(index)`). Unknown,
    repeated or missing columns raise ImportRejected with one sentence naming them all.
    """
    known = list(known)
    headers: list[str] = []
    keep: list[int] = []
    unknown: list[str] = []
    repeated: list[str] = []
    for index, label in enumerate(labels):
        if not label:
            if has_data(index):
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
        problems.append(gettext("unknown columns %(columns)s") % {"columns": _quoted(unknown)})
    if repeated:
        problems.append(gettext("repeated columns %(columns)s") % {"columns": _quoted(repeated)})
    if missing:
        problems.append(gettext("missing columns %(columns)s") % {"columns": _quoted(missing)})
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
        raise file_rejected(where, message)
    return headers, keep
