"""What every campaigns import shares: the all-or-nothing rule, the state check, results.

An import first reads and checks the whole file (with actlocal.importing: errors refuse the
file, warnings leave an optional value out); only when there is no error does it write, in one
transaction. A dry run does the same writes and rolls them back, so a preview counts exactly
what confirming would do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from actlocal.geo import State
from actlocal.importing import Checker as BaseChecker
from actlocal.importing import Problem


@dataclass
class Change:
    """One line of a preview: what happens to one record."""

    action: str  # "new", "update", "unchanged", "end", "replace"
    label: str
    detail: str = ""


@dataclass
class ImportResult:
    """What an import did (or, on a dry run, would do)."""

    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ended: int = 0
    deleted: int = 0
    changes: list[Change] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """The counts for people, by label (what a background import's result page shows)."""
        return {
            _("New"): self.created,
            _("Updated"): self.updated,
            _("Unchanged"): self.unchanged,
            _("Terms ended"): self.ended,
            _("Old rows replaced"): self.deleted,
            _("Warnings"): len(self.warnings),
        }

    def note(self, action: str, label: str, detail: str = "") -> None:
        counter = {"new": "created", "update": "updated", "end": "ended"}.get(action, action)
        if hasattr(self, counter):
            setattr(self, counter, getattr(self, counter) + 1)
        self.changes.append(Change(action, label, detail))


class _DryRunRollback(Exception):
    """Raised at the end of a dry run to roll its writes back."""


@contextmanager
def atomic_unless_dry_run(dry_run: bool, *, lock: str) -> Iterator[None]:
    """A transaction that is committed, or rolled back at the end when `dry_run`.

    Imports of one kind take turns (a PostgreSQL advisory lock named `lock`, released with the
    transaction): two at once would both create the same new rows and one would fail.
    """
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [lock])
            yield
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        return  # the dry run's writes are undone; its result was collected before


class Checker(BaseChecker):
    """The shared Checker, plus the state codes every government file names."""

    def state(self, where: str, column: str, value: str) -> str:
        code = (value or "").strip().upper()
        if code not in State.values:
            self.add(where, column, _("“%(value)s” is not a US state.") % {"value": value[:20]})
            return ""
        return code


def state_code(value: str, *, where: str = "--state") -> str:
    """A two-letter state code from `value` (any case), or ImportRejected."""
    check = Checker()
    code = check.state(where, "", value or "")
    check.raise_if_errors()
    return code
