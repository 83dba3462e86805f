"""The file formats of directory imports: CSV and XLSX read within the platform's limits.

Both refuse a file with more rows than IMPORT_MAX_ROWS before building the whole table (CSV
rows are counted as they stream; an XLSX sheet is read lazily and its zip's declared size
checked first, so a workbook that expands to a million rows is never expanded). The upload's
size was checked against IMPORT_MAX_BYTES by the form.
"""

from __future__ import annotations

import csv
import zipfile

import tablib
from django.utils.text import capfirst
from django.utils.translation import gettext
from import_export.formats.base_formats import CSV, XLSX
from tablib import InvalidDimensions

from actlocal.importing import ImportRejected
from actlocal.importing.files import csv_rows_limit, xlsx_rows


class LimitedCSV(CSV):
    def create_dataset(self, in_stream):
        text = in_stream.decode("utf-8-sig") if isinstance(in_stream, bytes) else in_stream
        csv_rows_limit(text, where="")
        return super().create_dataset(text)


class LimitedXLSX(XLSX):
    def create_dataset(self, in_stream):
        header, rows = xlsx_rows(in_stream, where="")
        dataset = tablib.Dataset(headers=header)
        for row in rows:
            dataset.append(row)
        return dataset


FORMATS = [LimitedCSV, LimitedXLSX]


def unreadable_file_message(error: Exception) -> str:
    """What to tell staff when a file cannot even be read as a table."""
    nothing = gettext("Nothing was imported.")
    if isinstance(error, ImportRejected):
        return f"{capfirst(error.problems[0].message)} {nothing}"
    if isinstance(error, UnicodeDecodeError):
        return gettext(
            "This file is not UTF-8 text, so names with accents would be garbled. In Excel use "
            "“Save as → CSV UTF-8”, or upload the workbook as XLSX. Nothing was imported."
        )
    if isinstance(error, zipfile.BadZipFile | KeyError) or type(error).__module__.startswith(
        "openpyxl"
    ):
        return gettext(
            "This is not a readable XLSX workbook. Check that the format matches the file "
            "(CSV or XLSX). Nothing was imported."
        )
    if isinstance(error, InvalidDimensions):
        return gettext(
            "Some rows have more cells than the header row. Check for commas inside values "
            "that are not in quotes. Nothing was imported."
        )
    if isinstance(error, csv.Error):
        return gettext("This CSV file is malformed (%(problem)s). Nothing was imported.") % {
            "problem": error
        }
    return gettext(
        "This file could not be read as a table (%(problem)s). Check that the format matches "
        "the file. Nothing was imported."
    ) % {"problem": type(error).__name__}
