"""Checker: parses the cells of a file and collects every problem, so one pass reports all.

Identifying and required values (`required=True`, or `strict=True` for values the import cannot
do without, such as a term's dates) are errors: the file is refused. Any other value with a
problem is a warning: it is left empty and the row is imported without it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from . import cells
from .cells import CellError
from .problems import ImportRejected, Problem, Severity

T = TypeVar("T")


class Checker:
    """Collects the problems of one file while its cells are parsed."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    # --- Recording -------------------------------------------------------------------------------

    def add(self, where: str, column: str, message: str, *, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(Problem(where, column, message, severity))

    def warn(self, where: str, column: str, message: str) -> None:
        self.add(where, column, message, warning=True)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_warning]

    @property
    def error_count(self) -> int:
        """Errors so far: compare before and after a row to know whether the row is good."""
        return sum(1 for problem in self.problems if not problem.is_warning)

    def raise_if_errors(self) -> None:
        if self.error_count:
            raise ImportRejected(self.problems)

    # --- Parsing ----------------------------------------------------------------------------------

    def parse(
        self,
        where: str,
        column: str,
        value: Any,
        parser: Callable[[str], T],
        *,
        strict: bool,
        empty: Any = "",
    ) -> T | Any:
        """parser(cell text), or `empty` with a problem recorded (an error when `strict`)."""
        try:
            return parser(cells.cell_text(value))
        except CellError as exc:
            self.add(where, column, exc.message, warning=not strict)
            return empty

    def text(
        self, where: str, column: str, value: Any, *, max_length: int, required: bool = False
    ) -> str:
        """A trimmed text cell no longer than `max_length` ("" when missing)."""
        return self.parse(
            where,
            column,
            value,
            lambda text: cells.parse_text(text, max_length=max_length, required=required),
            strict=required,
        )

    def email(self, where: str, column: str, value: Any, *, required: bool = False) -> str:
        return self.parse(
            where,
            column,
            value,
            lambda text: cells.parse_email(text, required=required, lowercase=False),
            strict=required,
        )

    def url(self, where: str, column: str, value: Any, *, max_length: int = 500) -> str:
        """An optional web address: a bad one is a warning."""
        return self.parse(
            where,
            column,
            value,
            lambda text: cells.parse_url(text, max_length=max_length),
            strict=False,
        )

    def phone(self, where: str, column: str, value: Any) -> str:
        """An optional phone number: a bad one is a warning."""
        return self.parse(where, column, value, cells.parse_phone, strict=False)

    def date(
        self, where: str, column: str, value: Any, *, strict: bool = True
    ) -> datetime.date | None:
        """YYYY-MM-DD (YYYY-MM and YYYY mean the first day), or None when empty or wrong."""
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return self.parse(where, column, value, cells.parse_date, strict=strict, empty=None)

    def integer(
        self,
        where: str,
        column: str,
        value: Any,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        strict: bool = True,
    ) -> int | None:
        return self.parse(
            where,
            column,
            value,
            lambda text: cells.parse_int(text, minimum=minimum, maximum=maximum),
            strict=strict,
            empty=None,
        )

    def choice(
        self,
        where: str,
        column: str,
        value: Any,
        *,
        choices: type[models.TextChoices],
        strict: bool = False,
    ) -> str:
        """A choice by value or label; an unknown label is a warning unless `strict`."""
        return self.parse(
            where,
            column,
            value,
            lambda text: cells.parse_choice(text, choices=choices),
            strict=strict,
        )

    def date_order(
        self,
        where: str,
        column: str,
        start: datetime.date | None,
        end: datetime.date | None,
    ) -> None:
        """An error when an end comes before its start."""
        if start and end and end < start:
            self.add(
                where,
                column,
                _("ends (%(end)s) before it starts (%(start)s).")
                % {"end": end.isoformat(), "start": start.isoformat()},
            )
