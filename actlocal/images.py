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
from PIL import Image, ImageOps

from .errors import ServiceError

FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class ImageRejected(ServiceError):
    """The upload is not a picture we take; the message says why."""


def _too_many_pixels() -> ImageRejected:
    return ImageRejected(_("The picture has too many pixels; choose a smaller one."))


def _unreadable() -> ImageRejected:
    return ImageRejected(
        _("This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF.")
    )


def image_size_check(*, size: int) -> None:
    """Raise ImageRejected for a file over UPLOAD_IMAGE_MAX_BYTES (before reading an upload)."""
    if size > settings.UPLOAD_IMAGE_MAX_BYTES:
        raise ImageRejected(
            _("The picture is larger than %(mb)s MB; choose a smaller file.")
            % {"mb": round(settings.UPLOAD_IMAGE_MAX_BYTES / 1024 / 1024, 1)}
        )


def _opened(data: bytes) -> Image.Image:
    image_size_check(size=len(data))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in FORMATS:
                raise ImageRejected(_("Upload a JPEG, PNG, WebP or GIF picture."))
            if probe.width * probe.height > settings.UPLOAD_IMAGE_MAX_PIXELS:
                raise _too_many_pixels()
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        # Pillow's own guard, met before ours when the header claims a huge size: a warning
        # past MAX_IMAGE_PIXELS (made an error above), an error of its own (an Exception, not
        # an OSError) past twice that.
        raise _too_many_pixels() from None
    except Exception:
        # Pillow's decoders answer crafted or truncated files with many exception types
        # (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError...): each means
        # the bytes are not a picture we take, never a server error.
        raise _unreadable() from None
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
    try:
        # Every size is drawn before any is stored: a picture that fails on the way (a broken
        # orientation tag) leaves no file behind.
        drawn = {name: _jpeg(image, box) for name, box in sizes.items()}
    except Exception:
        raise _unreadable() from None
    token = secrets.token_hex(8)
    return {
        name: default_storage.save(f"{folder}/{token}-{name}.jpg", ContentFile(jpeg))
        for name, jpeg in drawn.items()
    }


def image_delete(*names: str) -> None:
    """Remove stored pictures (missing ones are ignored)."""
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)
