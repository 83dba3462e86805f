"""Editors build toolkits through the pages; bad input re-renders with 400 and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actlocal.models import AuditEntry
from tests.actlocal.factories import TopicFactory
from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory
from toolkits.models import Attachment, Document, Revision, Toolkit

pytestmark = pytest.mark.django_db


def _toolkit_form(**overrides):
    data = {
        "title": "Op-ed guide",
        "slug": "op-ed-guide",
        "summary": "Get published.",
        "kind": "action_guide",
        "visibility": "public",
        "status": "draft",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_toolkit_with_a_cover(editor_client):
    topic = TopicFactory()
    data = _toolkit_form(topics=[topic.pk])
    data["cover_upload"] = SimpleUploadedFile("cover.jpg", samples.jpeg(), "image/jpeg")
    response = editor_client.post(reverse("toolkits:create"), data)
    assert response.status_code == 302
    toolkit = Toolkit.objects.get(slug="op-ed-guide")
    assert toolkit.status == "draft" and list(toolkit.topics.all()) == [topic]
    assert toolkit.cover.name.endswith(".png")
    cover = editor_client.get(reverse("toolkits:cover", args=[toolkit.slug]))
    assert cover["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(action="toolkit.create").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": "new"}, "is reserved"),
        ({"slug": "has spaces"}, "valid"),
        ({"kind": "podcast"}, "valid choice"),
        ({"title": ""}, "required"),
    ],
)
def test_bad_toolkit_form_is_400_and_creates_nothing(editor_client, overrides, message):
    response = editor_client.post(reverse("toolkits:create"), _toolkit_form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Toolkit.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [(samples.SVG, "cover.svg"), (samples.HTML, "cover.png"), (samples.PDF, "cover.pdf")],
)
def test_cover_must_really_be_an_image(editor_client, data, name):
    form = _toolkit_form()
    form["cover_upload"] = SimpleUploadedFile(name, data, "image/png")
    response = editor_client.post(reverse("toolkits:create"), form)
    assert response.status_code == 400
    assert not Toolkit.objects.exists()


def test_failed_edit_leaves_the_toolkit_unchanged(editor_client):
    toolkit = ToolkitFactory(title="Original", slug="original")
    response = editor_client.post(
        reverse("toolkits:edit", args=["original"]), _toolkit_form(title="Changed", kind="bad")
    )
    assert response.status_code == 400
    toolkit.refresh_from_db()
    assert toolkit.title == "Original"


def test_editor_adds_a_section_and_a_document(editor_client):
    toolkit = ToolkitFactory(slug="kit")
    editor_client.post(reverse("toolkits:manage", args=["kit"]), {"title": "Before"})
    section = toolkit.sections.get()
    response = editor_client.post(
        reverse("toolkits:document_create", args=["kit"]),
        {
            "title": "Training outline",
            "slug": "training",
            "section": section.pk,
            "body": "## Roles\n\nWho speaks.",
            "note": "First draft",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(slug="training")
    assert document.section == section
    assert '<h2 id="h-roles">' in document.body_html
    assert Revision.objects.get(document=document).note == "First draft"


@pytest.mark.parametrize("slug", ["print", "edit", "dup"])
def test_document_slugs_must_be_free_and_not_reserved(editor_client, slug):
    toolkit = ToolkitFactory(slug="kit")
    DocumentFactory(toolkit=toolkit, slug="dup")
    response = editor_client.post(
        reverse("toolkits:document_create", args=["kit"]), {"title": "X", "slug": slug, "body": ""}
    )
    assert response.status_code == 400
    assert Document.objects.filter(toolkit=toolkit).count() == 1


def test_section_of_another_toolkit_is_refused(editor_client):
    toolkit = ToolkitFactory(slug="kit")
    other = SectionFactory()
    response = editor_client.post(
        reverse("toolkits:document_create", args=["kit"]),
        {"title": "X", "slug": "x", "body": "", "section": other.pk},
    )
    assert response.status_code == 400
    assert not toolkit.documents.exists()


def test_editor_uploads_and_removes_a_file(editor_client, django_capture_on_commit_callbacks):
    DocumentFactory(toolkit=ToolkitFactory(slug="kit"), slug="doc")
    url = reverse("toolkits:attachment_upload", args=["kit", "doc"])
    response = editor_client.post(
        url,
        {
            "attachment-file": SimpleUploadedFile("Map.PNG", samples.png(), "image/png"),
            "attachment-title": "Map",
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.kind, attachment.title) == ("map.png", "image", "Map")
    assert attachment.thumbnail
    storage, stored = attachment.file.storage, attachment.file.name
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("toolkits:attachment_delete", args=["kit", attachment.pk])
        )
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not storage.exists(stored)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.HTML, "report.pdf", "not a file type we accept"),
        (samples.SVG, "logo.svg", "not a file type we accept"),
        (b"", "empty.pdf", "empty"),
    ],
)
def test_bad_uploads_are_400_and_store_nothing(editor_client, data, name, message):
    DocumentFactory(toolkit=ToolkitFactory(slug="kit"), slug="doc")
    response = editor_client.post(
        reverse("toolkits:attachment_upload", args=["kit", "doc"]),
        {"attachment-file": SimpleUploadedFile(name, data, "application/pdf")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_oversized_upload_is_refused(editor_client, settings):
    settings.TOOLKIT_UPLOAD_MAX_BYTES = 1000
    DocumentFactory(toolkit=ToolkitFactory(slug="kit"), slug="doc")
    response = editor_client.post(
        reverse("toolkits:attachment_upload", args=["kit", "doc"]),
        {
            "attachment-file": SimpleUploadedFile(
                "big.pdf", samples.PDF + b"0" * 5000, "application/pdf"
            )
        },
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Attachment.objects.exists()


def test_xss_in_every_editable_text_is_inert_on_the_pages(editor_client, anon_client):
    payload = '"><script>alert(1)</script>'
    response = editor_client.post(
        reverse("toolkits:create"),
        _toolkit_form(title=payload, summary=payload, slug="xss", status="published"),
    )
    assert response.status_code == 302
    editor_client.post(reverse("toolkits:manage", args=["xss"]), {"title": payload})
    editor_client.post(
        reverse("toolkits:document_create", args=["xss"]),
        {"title": payload, "slug": "doc", "body": f"# {payload}\n\n{payload}", "note": payload},
    )
    for url in [
        "/toolkits/",
        "/toolkits/xss/",
        "/toolkits/xss/doc/",
        "/toolkits/xss/print/",
        "/toolkits/xss/doc/history/",
    ]:
        assert "<script>alert(1)" not in anon_client.get(url).content.decode(), url
