"""What an import found wrong: one Problem per cell, row or file, as an error or a warning.

An error refuses the whole file (nothing is written); a warning says a value was left out and
the row was imported without it. Problems are stored as JSON on an ImportJob, so they convert
to and from plain dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actlocal.errors import ServiceError

# A report this long already says "the whole file is wrong"; more lines would only hide that.
MAX_PROBLEMS_SHOWN = 200


class Severity(models.TextChoices):
    ERROR = "error", gettext_lazy("error")
    WARNING = "warning", gettext_lazy("warning")


@dataclass(frozen=True)
class Problem:
    """One finding: where (a row such as "row 5", or a file), which column, why, how serious."""

    where: str
    column: str
    message: str
    severity: str = Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == Severity.WARNING

    def __str__(self) -> str:
        if self.column:
            return _("%(where)s, column “%(column)s”: %(message)s") % {
                "where": self.where,
                "column": self.column,
                "message": self.message,
            }
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {key: str(value) for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict) -> Problem:
        return cls(
            where=str(data.get("where", "")),
            column=str(data.get("column", "")),
            message=str(data.get("message", "")),
            severity=Severity.WARNING if data.get("severity") == "warning" else Severity.ERROR,
        )


def report_lines(problems: Iterable[Problem], limit: int = MAX_PROBLEMS_SHOWN) -> list[str]:
    """The problems as lines for people, cut after `limit` with a count of the rest."""
    problems = list(problems)
    lines = [str(problem) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(_("… and %(count)s more problems.") % {"count": len(problems) - limit})
    return lines


class ImportRejected(ServiceError):
    """The file has errors; nothing was written. `problems` may hold warnings too."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_warning]

    def report(self, limit: int = MAX_PROBLEMS_SHOWN) -> list[str]:
        """The errors as lines for people (warnings do not matter to a refused file)."""
        return report_lines(self.errors, limit)


def file_rejected(where: str, message: str) -> ImportRejected:
    """The refusal of a whole file for one reason (too large, unreadable...)."""
    return ImportRejected([Problem(where, "", message)])
