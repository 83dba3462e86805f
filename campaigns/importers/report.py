"""Plain-text lines for the management commands: a result summary (with its warnings) or a
rejection report."""

from __future__ import annotations

from django.utils.translation import gettext as _

from actlocal.importing import ImportRejected, report_lines

from .base import ImportResult


def summary_lines(result: ImportResult, *, noun: str, verbose: bool = False) -> list[str]:
    """'Dry run: nothing was saved.' + counts, and each change when `verbose`."""
    lines = []
    if result.dry_run:
        lines.append(_("Dry run: nothing was saved. Confirming would do this:"))
    lines.append(
        _(
            "%(noun)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
            "%(ended)s terms ended, %(deleted)s old rows replaced."
        )
        % {
            "noun": noun,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "ended": result.ended,
            "deleted": result.deleted,
        }
    )
    if result.warnings:
        lines.append(
            _("%(count)s warning(s): these values were left out, the rest was imported.")
            % {"count": len(result.warnings)}
        )
        lines += [f"  - {line}" for line in report_lines(result.warnings)]
    if verbose:
        for change in result.changes:
            detail = f" ({change.detail})" if change.detail else ""
            lines.append(f"  {change.action}: {change.label}{detail}")
    return lines


def rejection_message(error: ImportRejected) -> str:
    """The CommandError text: a count and every problem on its own line."""
    head = _("Nothing was imported: %(count)s problem(s) in the file.") % {
        "count": len(error.problems)
    }
    return "\n".join([head, *(f"  - {line}" for line in error.report())])
