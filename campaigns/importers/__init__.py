"""Imports of government data: Open States people, the precinct crosswalk, ZIP -> districts.

Every import checks the whole file first and writes nothing if any row is wrong; the problems
(file or row, column, reason) come back in ImportRejected. Entry points:

- openstates.read_path / read_yaml_files / read_yaml_zip / read_csv -> officials.officials_import
- crosswalk.precincts_import
- zipdistricts.zip_districts_import
"""

from .base import ImportRejected, ImportResult, Problem

__all__ = ["ImportRejected", "ImportResult", "Problem"]
