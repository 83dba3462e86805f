"""What every import shares, whichever app it fills (directory admin imports, campaign imports).

- problems.py: Problem (where, column, message, severity error|warning) and ImportRejected
- cells.py: one cell's text and the parsers that turn it into a value or raise CellError
- checker.py: Checker, which parses cells and records errors (identifying or required values:
  the file is refused) and warnings (optional values: left empty, the row is imported)
- files.py: reading CSV / XLSX / zip within IMPORT_MAX_BYTES and IMPORT_MAX_ROWS
- headers.py: header row checks (required columns, or known columns with aliases)
- jobs.py: large files imported in the background (ImportJob, the Celery task, the runners
  each app registers)

The core knows no app: apps register how to run their kinds of import (jobs.runner_register).
"""

from .cells import CellError, cell_text
from .checker import Checker
from .files import Limits, csv_rows, decode_text, row_label
from .headers import check_header, headers_match
from .problems import ImportRejected, Problem, Severity, report_lines

__all__ = [
    "CellError",
    "Checker",
    "ImportRejected",
    "Limits",
    "Problem",
    "Severity",
    "cell_text",
    "check_header",
    "csv_rows",
    "headers_match",
    "decode_text",
    "report_lines",
    "row_label",
]
