"""What staff see of an import: its problems as plain sentences, and the preview of its rows."""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from import_export.results import Result, RowResult

from actlocal.importing import Problem, report_lines

from .cells import row_label
from .headers import ImportFileError

# Rows shown (and diffed) in the preview; a larger file's preview says it is partial.
PREVIEW_ROWS = 200


class DirectoryImportResult(Result):
    """The result of an import, with its problems as plain sentences for the admin page, and
    the warnings of values left out (set by the resource)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.warnings: list[Problem] = []

    def warning_lines(self) -> list[str]:
        return report_lines(self.warnings)

    def problems(self) -> list[str]:
        found: list[str] = []
        for error in self.base_errors:
            if isinstance(error.error, ImportFileError):
                found.append(str(error.error))
            else:
                found.append(
                    gettext(
                        "The import stopped on an unexpected error (%(error)s). "
                        "Nothing was changed; please try again."
                    )
                    % {"error": type(error.error).__name__}
                )
        for row in self.error_rows:
            for error in row.errors:
                found.append(
                    gettext("Row %(row)s: unexpected error (%(error)s)")
                    % {"row": row_label(row.number), "error": type(error.error).__name__}
                )
        for invalid in self.invalid_rows:
            for messages in invalid.error_dict.values():
                found.extend(messages)
        return found

    def preview_rows(self) -> list[RowResult]:
        return self.valid_rows()[:PREVIEW_ROWS]

    def preview_is_partial(self) -> bool:
        return len(self.valid_rows()) > PREVIEW_ROWS


def diff_html(left: list[str], right: list[str], *, new: bool) -> list[str]:
    """HTML of what changes in each cell (insertions and deletions marked), for the preview."""
    differ = diff_match_patch()
    cells = []
    for before, after in zip(left, right, strict=True):
        diff = differ.diff_main("" if new and before != after else before, after)
        differ.diff_cleanupSemantic(diff)
        cells.append(mark_safe(differ.diff_prettyHtml(diff)))  # noqa: S308 (it escapes the text)
    return cells
