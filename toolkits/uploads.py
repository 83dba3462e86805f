"""Uploaded files are judged by their content, never by their name or the browser's label.

Allowed: PDF, PNG, JPEG, GIF, WebP, OOXML and OpenDocument files (zips recognised by their
members) and legacy OLE office files. Everything else, HTML and SVG above all, is refused,
whatever its name says. The stored name gets the extension of the detected type, so a PDF named
`x.html` is kept as `x.pdf`. Images are re-encoded into a thumbnail by Pillow.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

THUMBNAIL_SIZE = (480, 480)
MAX_IMAGE_PIXELS = 40_000_000

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_PARTS = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
LEGACY_OFFICE = {
    "doc": "application/msword",
    "ppt": "application/vnd.ms-powerpoint",
    "xls": "application/vnd.ms-excel",
}
KIND_OF_EXTENSION = {
    "pdf": "pdf",
    "png": "image",
    "jpg": "image",
    "gif": "image",
    "webp": "image",
    "docx": "document",
    "odt": "document",
    "doc": "document",
    "pptx": "slides",
    "odp": "slides",
    "ppt": "slides",
    "xlsx": "spreadsheet",
    "ods": "spreadsheet",
    "xls": "spreadsheet",
}


@dataclass(frozen=True)
class Detected:
    extension: str
    content_type: str

    @property
    def kind(self) -> str:
        return KIND_OF_EXTENSION[self.extension]


def _zip_type(data: bytes) -> Detected | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF_TYPES:
                    return Detected(ODF_TYPES[mimetype], mimetype)
                return None
            if "[Content_Types].xml" not in names:
                return None
            for prefix, (extension, content_type) in OOXML_PARTS.items():
                if any(name.startswith(prefix) for name in names):
                    return Detected(extension, content_type)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return None
    return None


def _image_type(data: bytes) -> Detected | None:
    formats = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    extension = formats.get(image_format or "")
    if extension is None:
        return None
    return Detected(extension, f"image/{'jpeg' if extension == 'jpg' else extension}")


def detect_type(data: bytes, *, name: str = "") -> Detected | None:
    """The allowed type `data` really is, or None. `name` only picks among legacy OLE formats."""
    if data.startswith(b"%PDF-"):
        return Detected("pdf", "application/pdf")
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")) or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    ):
        return _image_type(data)
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if data.startswith(OLE_SIGNATURE):
        # An OLE container says little about itself without a full parser; the name chooses
        # among the three office formats, and the file is only ever served as a download.
        extension = PurePosixPath(name.lower()).suffix.lstrip(".")
        extension = extension if extension in LEGACY_OFFICE else "doc"
        return Detected(extension, LEGACY_OFFICE[extension])
    return None


def safe_name(name: str, extension: str) -> str:
    """A plain ASCII file name with the detected extension, e.g. `lobby-guide.pdf`."""
    stem = slugify(PurePosixPath(name.replace("\\", "/")).stem)[:80] or "file"
    return f"{stem}.{extension}"


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    name: str
    detected: Detected


def upload_check(*, data: bytes, name: str) -> CheckedUpload:
    """The upload with its detected type and safe name; ValidationError with a clear message."""
    limit = settings.TOOLKIT_UPLOAD_MAX_BYTES
    if not data:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name[:100]})
    if len(data) > limit:
        raise ValidationError(
            _("The file “%(name)s” is too large: the limit is %(limit)s.")
            % {"name": name[:100], "limit": filesizeformat(limit)}
        )
    detected = detect_type(data, name=name)
    if detected is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a file type we accept, whatever its name says. Upload a PDF, "
                "an image (PNG, JPEG, GIF, WebP), or an office document, slide deck or "
                "spreadsheet."
            )
            % {"name": name[:100]}
        )
    return CheckedUpload(data=data, name=safe_name(name, detected.extension), detected=detected)


def thumbnail_make(data: bytes) -> ContentFile | None:
    """A small re-encoded PNG of an image (no metadata, nothing but pixels), or None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail(THUMBNAIL_SIZE)
            converted = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            out = io.BytesIO()
            converted.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    return ContentFile(out.getvalue())


def upload_limit() -> int:
    return settings.TOOLKIT_UPLOAD_MAX_BYTES


def uploaded_read(uploaded) -> tuple[bytes, str]:
    """The bytes and the client's name of an UploadedFile, reading at most the limit plus one."""
    data = uploaded.read(upload_limit() + 1)
    return data, getattr(uploaded, "name", "") or "file"
