"""Small real and fake files for upload tests."""

import io
import zipfile

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(1)</script></svg>"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def png(size=(800, 600), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (0, 90, 200)).save(out, format="JPEG")
    return out.getvalue()


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def pptx() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})


def odt() -> bytes:
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


def plain_zip() -> bytes:
    return _zip({"index.html": "<script>alert(1)</script>"})
