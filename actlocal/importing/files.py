"""Reading an uploaded or named file as a table, within the size and row limits of settings.

IMPORT_MAX_BYTES bounds the file as uploaded; IMPORT_MAX_ROWS bounds its data rows. Both are
checked before the whole file is parsed: CSV rows are counted as they stream, an XLSX workbook
is refused when its zip declares more uncompressed bytes than a sane sheet needs (a "zip
bomb"), and its rows are read lazily (openpyxl read_only) up to the limit, never expanded fully.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .problems import ImportRejected, Problem, file_rejected

T = TypeVar("T")
Progress = Callable[[int, int], None]
# An XLSX's XML is verbose: real sheets expand 5-20 times. More than this is a zip bomb.
XLSX_MAX_EXPANSION = 50
XLSX_BYTES_PER_ROW = 300
_DIMENSION_RE = re.compile(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(max_bytes=settings.IMPORT_MAX_BYTES, max_rows=settings.IMPORT_MAX_ROWS)


def row_label(number: int) -> str:
    """The label of a row ("row 5"), counting as a spreadsheet does (the header is row 1)."""
    return _("row %(row)s") % {"row": number}


def size_check(size: int, *, where: str, limits: Limits | None = None) -> None:
    """ImportRejected when a file of `size` bytes is over the limit."""
    limits = limits or Limits.from_settings()
    if size > limits.max_bytes:
        raise file_rejected(
            where,
            _("this file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": _megabytes(size), "limit": _megabytes(limits.max_bytes)},
        )


def path_read(path: Path, *, limits: Limits | None = None) -> bytes:
    """A named file's bytes, refused by its size on disk before it is read."""
    size_check(path.stat().st_size, where=path.name, limits=limits)
    return path.read_bytes()


def too_many_rows(where: str, limits: Limits) -> ImportRejected:
    return file_rejected(
        where,
        _("this file has more than %(limit)s rows. Split it into smaller files.")
        % {"limit": number_format(limits.max_rows, force_grouping=True)},
    )


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return _("%(kb)s KB") % {"kb": max(1, round(size / 1024))}
    megabytes = round(size / (1024 * 1024), 1)
    places = 0 if megabytes.is_integer() else 1
    return _("%(mb)s MB") % {"mb": number_format(megabytes, places, force_grouping=True)}


def decode_text(data: bytes | str, *, where: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or ImportRejected for anything else."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_rejected(
            where, _("this file is not UTF-8 text. In a spreadsheet use “Save as → CSV UTF-8”.")
        ) from None


Row = tuple[int, dict[str, str]]


def csv_rows(
    data: bytes | str, *, where: str, limits: Limits | None = None
) -> tuple[list[str], list[Row]]:
    """(header, [(row number as in a spreadsheet, {column: cell text})]) of a UTF-8 CSV.

    Blank rows are skipped; a row longer than the header, a malformed file, control characters
    (NUL bytes) or more rows than the limit raise ImportRejected.
    """
    limits = limits or Limits.from_settings()
    size_check(len(data), where=where, limits=limits)
    text = decode_text(data, where=where)
    if "\x00" in text:
        raise file_rejected(where, _("this file contains NUL bytes; is it really a CSV file?"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        rows: list[Row] = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise ImportRejected(
                    [
                        Problem(
                            row_label(number),
                            "",
                            _(
                                "this row has more cells than the header; check for commas "
                                "inside values that are not in quotes."
                            ),
                        )
                    ]
                )
            if len(rows) >= limits.max_rows:
                raise too_many_rows(where, limits)
            padded = cells + [""] * (len(header) - len(cells))
            rows.append((number, {h: v.strip() for h, v in zip(header, padded, strict=True)}))
    except csv.Error as exc:
        raise file_rejected(where, _("this CSV file is malformed (%(e)s).") % {"e": exc}) from None
    return header, rows


def zip_open(data: bytes, *, where: str, max_bytes: int, max_files: int) -> zipfile.ZipFile:
    """A zip archive whose entries declare at most `max_bytes` uncompressed and `max_files`
    files, or ImportRejected; nothing is decompressed to check that."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise file_rejected(where, _("this is not a zip archive.")) from None
    if len(infos) > max_files or sum(info.file_size for info in infos) > max_bytes:
        raise file_rejected(
            where,
            _("this archive expands to more than %(size)s or %(files)s files.")
            % {
                "size": _megabytes(max_bytes),
                "files": number_format(max_files, force_grouping=True),
            },
        )
    return archive


def zip_member_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One member's bytes, never more than it declared (a lying header cannot expand further)."""
    with archive.open(info) as member:
        return member.read(info.file_size + 1)[: info.file_size]


def xlsx_rows(
    data: bytes, *, where: str, limits: Limits | None = None
) -> tuple[list[Any], list[list[Any]]]:
    """(header cells, rows of cells) of the active sheet of an XLSX workbook, read lazily.

    Refuses a workbook whose zip declares more than XLSX_MAX_EXPANSION times the size limit,
    and stops reading at the row limit instead of expanding the sheet. Blank rows are kept (and
    counted), so row numbers stay those of the spreadsheet; all rows have the header's width.
    """
    from openpyxl import load_workbook  # imported here: only uploads of workbooks need it

    limits = limits or Limits.from_settings()
    size_check(len(data), where=where, limits=limits)
    unreadable = _("this is not a readable XLSX workbook (%(e)s).")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise file_rejected(where, unreadable % {"e": "BadZipFile"})
    zip_open(
        data,
        where=where,
        max_bytes=limits.max_bytes * XLSX_MAX_EXPANSION,
        max_files=10_000,
    )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise file_rejected(where, unreadable % {"e": type(exc).__name__}) from None
    try:
        sheet = workbook.active or (workbook.worksheets or [None])[0]
        if sheet is None:
            return [], []
        lines = sheet.iter_rows(values_only=True)
        header = list(next(lines, ()))
        rows: list[list[Any]] = []
        for cells in lines:
            if len(rows) >= limits.max_rows:
                raise too_many_rows(where, limits)
            rows.append(list(cells))
    except ImportRejected:
        raise
    except Exception as exc:
        raise file_rejected(where, unreadable % {"e": type(exc).__name__}) from None
    finally:
        workbook.close()
    width = max([len(header), *(len(row) for row in rows)])
    header += [None] * (width - len(header))
    for row in rows:
        row += [None] * (width - len(row))
    return header, rows


def csv_rows_limit(text: str, *, where: str, limits: Limits | None = None) -> None:
    """ImportRejected when a CSV text has more data rows than the limit; counted as the rows
    stream, without building them."""
    limits = limits or Limits.from_settings()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, _cells in enumerate(reader):
            if number > limits.max_rows:
                raise too_many_rows(where, limits)
    except csv.Error:
        return  # the real parse reports a malformed file with its own message


def with_progress(items: list[T], progress: Progress | None, *, every: int = 500) -> Iterator[T]:
    """`items`, calling progress(done, total) every `every` items and at the end."""
    total = len(items)
    for done, item in enumerate(items, start=1):
        yield item
        if progress is not None and (done % every == 0 or done == total):
            progress(done, total)


def rows_estimate(data: bytes, *, filename: str) -> int:
    """Roughly how many rows (or files, for a zip) an upload holds, without parsing it: enough
    to decide whether it is imported in the request or in the background."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if filename.lower().endswith(".xlsx"):
                    return _xlsx_rows_declared(archive)
                return sum(1 for info in archive.infolist() if not info.is_dir())
        except (zipfile.BadZipFile, OSError, ValueError):
            return 0
    return data.count(b"\n")


def _xlsx_rows_declared(archive: zipfile.ZipFile) -> int:
    """The rows a workbook's first sheet declares in its <dimension ref="A1:F5001">; without
    one, a guess from the sheet's uncompressed size (a few hundred bytes of XML per row)."""
    infos = sorted(
        (i for i in archive.infolist() if i.filename.startswith("xl/worksheets/sheet")),
        key=lambda info: info.filename,
    )
    if not infos:
        return 0
    with archive.open(infos[0]) as sheet:
        head = sheet.read(4096).decode("utf-8", "replace")
    match = _DIMENSION_RE.search(head)
    return int(match.group(1)) - 1 if match else infos[0].file_size // XLSX_BYTES_PER_ROW
