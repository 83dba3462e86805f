"""A readable line diff of two texts, as rows the template escapes (never HTML built here)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "same", "added", "removed" or "gap"
    text: str
    old_line: int | None = None
    new_line: int | None = None


def text_diff(old: str, new: str) -> list[DiffRow]:
    """Changed lines with a few lines of context; 'gap' rows stand for unchanged stretches."""
    old_lines = (old or "").splitlines()
    new_lines = (new or "").splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    rows: list[DiffRow] = []
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        if rows:
            rows.append(DiffRow("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(
                    DiffRow("same", old_lines[i], i + 1, j1 + k + 1)
                    for k, i in enumerate(range(i1, i2))
                )
                continue
            if tag in ("replace", "delete"):
                rows.extend(DiffRow("removed", old_lines[i], old_line=i + 1) for i in range(i1, i2))
            if tag in ("replace", "insert"):
                rows.extend(DiffRow("added", new_lines[j], new_line=j + 1) for j in range(j1, j2))
    return rows
