"""Small-cell suppression: no cell under MIN_CELL respondents is shown, and no shown number lets
a reader work a hidden one out.

A table is one question by one segment kind: a row per segment value (including "not known",
so the rows always add up to the overall row) with the row's respondents (its total) and a
count per choice, plus the overall row. Primary suppression hides any count from 1 to
MIN_CELL - 1 and every row whose total is under MIN_CELL. Complementary suppression then
repeats until nothing changes:

- totals: the row totals add up to the overall total, so if exactly one row is hidden the
  next smallest row is hidden too;
- rows of a single-answer question (single choice, scale, yes/no: each respondent gives one
  choice) add up to the row's total, so a row with exactly one hidden cell hides its next
  smallest cell;
- columns: the rows' cells of a choice add up to the overall cell, so a column with exactly
  one hidden cell hides its next smallest cell (or the overall cell when there is no other).

Zero is shown: it is not a small group of people who could be recognized.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_CELL = 5
OVERALL = "\x00overall"


@dataclass
class Table:
    """counts[row][choice] and totals[row]; rows include OVERALL. None marks a hidden number."""

    totals: dict[str, int | None]
    counts: dict[str, dict[str, int | None]]
    choices: list[str]
    hidden_rows: set[str] = field(default_factory=set)


def _small(value: int) -> bool:
    return 0 < value < MIN_CELL


def suppress(
    *,
    totals: dict[str, int],
    counts: dict[str, dict[str, int]],
    choices: list[str],
    single_answer: bool,
) -> Table:
    """Apply primary and complementary suppression; `totals`/`counts` include OVERALL."""
    rows = [r for r in totals if r != OVERALL]
    hidden: set[tuple[str, str]] = set()  # (row, choice); choice "" = the row's total
    value = {(r, c): counts.get(r, {}).get(c, 0) for r in totals for c in choices}
    value.update({(r, ""): totals[r] for r in totals})

    def hide_row(row: str) -> None:
        hidden.add((row, ""))
        hidden.update((row, c) for c in choices)

    if totals[OVERALL] < MIN_CELL:
        hide_row(OVERALL)
        for row in rows:
            hide_row(row)
    for row in rows:
        if totals[row] < MIN_CELL:
            hide_row(row)
    for (row, choice), number in value.items():
        if choice and _small(number):
            hidden.add((row, choice))

    def hide_smallest(candidates: list[tuple[str, str]]) -> bool:
        shown = [cell for cell in candidates if cell not in hidden]
        if not shown:
            return False
        # The smallest cell hides least information (a zero too: the reader cannot tell the
        # hidden pair apart, only their sum).
        shown.sort(key=lambda cell: (value[cell], cell))
        cell = shown[0]
        if cell[1] == "":
            hide_row(cell[0])
        else:
            hidden.add(cell)
        return True

    changed = True
    while changed:
        before = len(hidden)
        hidden_totals = [r for r in rows if (r, "") in hidden]
        if (
            (OVERALL, "") not in hidden
            and len(hidden_totals) == 1
            and not hide_smallest([(r, "") for r in rows])
        ):
            hide_row(OVERALL)
        if single_answer:
            for row in [OVERALL, *rows]:
                if (row, "") in hidden:
                    continue
                if sum((row, c) in hidden for c in choices) == 1:
                    hide_smallest([(row, c) for c in choices])
        for choice in choices:
            if (OVERALL, choice) in hidden:
                continue
            if sum((r, choice) in hidden for r in rows) == 1 and not hide_smallest(
                [(r, choice) for r in rows]
            ):
                hidden.add((OVERALL, choice))
        changed = len(hidden) != before

    return Table(
        totals={r: (None if (r, "") in hidden else totals[r]) for r in totals},
        counts={
            r: {c: (None if (r, c) in hidden else value[(r, c)]) for c in choices} for r in totals
        },
        choices=choices,
        hidden_rows={r for r in totals if (r, "") in hidden},
    )
