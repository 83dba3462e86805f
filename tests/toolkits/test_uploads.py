"""Uploads are judged by content: allowed types only, whatever the name or label says."""

import pytest
from django.core.exceptions import ValidationError

from tests.toolkits import samples
from toolkits.uploads import thumbnail_make, upload_check


@pytest.mark.parametrize(
    ("data", "name", "kind", "stored"),
    [
        (samples.PDF, "Lobby guide.pdf", "pdf", "lobby-guide.pdf"),
        (samples.png(), "photo.png", "image", "photo.png"),
        (samples.jpeg(), "photo.jpeg", "image", "photo.jpg"),
        (samples.docx(), "Letter template.docx", "document", "letter-template.docx"),
        (samples.pptx(), "slides.pptx", "slides", "slides.pptx"),
        (samples.odt(), "notes.odt", "document", "notes.odt"),
        (samples.OLE, "old budget.xls", "spreadsheet", "old-budget.xls"),
        # The name lies; the content decides the type and the stored extension.
        (samples.PDF, "invitation.html", "pdf", "invitation.pdf"),
        (samples.png(), "../../etc/passwd", "image", "passwd.png"),
    ],
)
def test_allowed_files_are_recognised_by_content(settings, data, name, kind, stored):
    checked = upload_check(data=data, name=name)
    assert checked.detected.kind == kind
    assert checked.name == stored


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (samples.HTML, "page.html"),
        (samples.HTML, "report.pdf"),  # a "PDF" that is really HTML
        (samples.SVG, "logo.svg"),
        (samples.SVG, "logo.png"),
        (samples.plain_zip(), "slides.pptx"),  # a zip that is no office document
        (b"\x89PNG\r\n\x1a\nnot really a png", "fake.png"),
        (b"MZ\x90\x00 an executable", "setup.docx"),
        (b"just text", "notes.txt"),
    ],
)
def test_everything_else_is_refused_with_a_clear_message(data, name):
    with pytest.raises(ValidationError, match="not a file type we accept"):
        upload_check(data=data, name=name)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError, match="is empty"):
        upload_check(data=b"", name="empty.pdf")


def test_file_over_the_limit_is_refused(settings):
    settings.TOOLKIT_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="too large"):
        upload_check(data=samples.PDF + b" " * 200, name="big.pdf")


def test_thumbnail_is_a_small_png():
    from io import BytesIO

    from PIL import Image

    thumbnail = thumbnail_make(samples.png(size=(2000, 1000)))
    with Image.open(BytesIO(thumbnail.read())) as image:
        assert image.format == "PNG"
        assert max(image.size) <= 480
