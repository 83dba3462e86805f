"""Spreadsheet (CSV/XLSX) import and export of leaders, organizations and resources.

Used by the staff admin (admin.py), through django-import-export. The modules:

- cells.py: one cell's text and the parsers that turn it into a value, or a CellError
- headers.py: the header row check, and ImportFileError for a file with the wrong columns
- lookups.py: finding records by slug or name, new slugs, how a file names an organization
- bulk.py: chunked reads, many-to-many links and audit entries written in bulk
- results.py: the import's problems as sentences, and the preview's diffs
- base.py: SpreadsheetResource, the import flow (all-or-nothing, per-row errors, exports)
- shared.py: what the three files share: columns, lookups and how rows are written
- columns.py: what each column means, shown on the import page, and header aliases
- leaders.py, organizations.py, resources.py: each file's natural key and its own columns

Natural keys, so that importing the same file twice updates instead of duplicating:
leaders by email (lowercased); organizations by slug when given, else by name and state;
resources by link when given, else by title.
"""

from .base import SpreadsheetResource
from .cells import CellError
from .headers import ImportFileError
from .leaders import LeaderResource
from .organizations import OrganizationResource
from .resources import ResourceResource
from .results import DirectoryImportResult

__all__ = [
    "CellError",
    "DirectoryImportResult",
    "ImportFileError",
    "LeaderResource",
    "OrganizationResource",
    "ResourceResource",
    "SpreadsheetResource",
]
