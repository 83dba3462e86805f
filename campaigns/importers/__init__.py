"""Imports of government data: Open States people, the precinct crosswalk, ZIP -> districts.

Every import checks the whole file first (with actlocal.importing) and writes nothing if an
identifying or required value is wrong; the problems (file or row, column, message) come back
in ImportRejected. Optional values with a problem are left out and reported as warnings on the
ImportResult. Entry points:

- openstates.read_path / read_yaml_files / read_yaml_zip / read_csv -> officials.officials_import
- crosswalk.precincts_import
- zipdistricts.zip_districts_import
"""

from actlocal.importing import ImportRejected, Problem

from .base import ImportResult

__all__ = ["ImportRejected", "ImportResult", "Problem"]
