"""Uploaded pictures, checked by content and re-encoded.

The file's name and declared type are ignored: Pillow must recognise the bytes as a JPEG, PNG,
WebP or GIF, within UPLOAD_IMAGE_MAX_BYTES and UPLOAD_IMAGE_MAX_PIXELS (a small file can decode
to a huge image). Every size we keep is drawn anew as a JPEG, which also drops what a camera
writes into a photo's metadata (the place it was taken), and stored through Django's storage
API, so no uploaded byte is ever served back as it came.
"""

from __future__ import annotations

import io
import secrets
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ServiceError

FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class ImageRejected(ServiceError):
    """The upload is not a picture we take; the message says why."""


def _opened(data: bytes) -> Image.Image:
    if len(data) > settings.UPLOAD_IMAGE_MAX_BYTES:
        raise ImageRejected(
            _("The picture is larger than %(mb)s MB; choose a smaller file.")
            % {"mb": round(settings.UPLOAD_IMAGE_MAX_BYTES / 1024 / 1024, 1)}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in FORMATS:
                raise ImageRejected(_("Upload a JPEG, PNG, WebP or GIF picture."))
            if probe.width * probe.height > settings.UPLOAD_IMAGE_MAX_PIXELS:
                raise ImageRejected(_("The picture has too many pixels; choose a smaller one."))
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except ImageRejected:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
    ):
        raise ImageRejected(
            _("This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF.")
        ) from None
    return image


def image_check(*, data: bytes) -> None:
    """Raise ImageRejected unless `data` is a picture we take (for a form's clean())."""
    _opened(data)


def _jpeg(image: Image.Image, box: tuple[int, int]) -> bytes:
    copy = ImageOps.exif_transpose(image).convert("RGB")
    copy.thumbnail(box, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def image_store(*, data: bytes, folder: str, sizes: dict[str, tuple[int, int]]) -> dict[str, str]:
    """Check `data` and store one JPEG per size (fitted in its box): {size name: storage name}.

    Raises ImageRejected, storing nothing, when the bytes are not an acceptable picture.
    """
    image = _opened(data)
    token = secrets.token_hex(8)
    return {
        name: default_storage.save(f"{folder}/{token}-{name}.jpg", ContentFile(_jpeg(image, box)))
        for name, box in sizes.items()
    }


def image_delete(*names: str) -> None:
    """Remove stored pictures (missing ones are ignored)."""
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)
