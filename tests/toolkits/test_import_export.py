"""A toolkit travels between sites as a zip; hostile or broken zips create nothing."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.actlocal.factories import TopicFactory
from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory
from toolkits import services
from toolkits.models import Attachment, Document, Toolkit
from toolkits.uploads import upload_check

pytestmark = pytest.mark.django_db


def _export(client, slug) -> bytes:
    response = client.get(reverse("toolkits:export", args=[slug]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _import(client, data: bytes):
    return client.post(
        reverse("toolkits:import"),
        {"archive": SimpleUploadedFile("kit.zip", data, "application/zip")},
    )


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _manifest(**toolkit) -> str:
    meta = {"title": "Imported", "slug": "imported", "kind": "training", **toolkit}
    return json.dumps(
        {
            "format": "actlocal-toolkit",
            "version": 1,
            "toolkit": meta,
            "sections": [
                {
                    "title": "One",
                    "documents": [
                        {
                            "title": "Doc",
                            "slug": "doc",
                            "path": "01-one/01-doc.md",
                            "attachments": [],
                        }
                    ],
                }
            ],
        }
    )


def test_export_then_import_elsewhere_recreates_the_toolkit_as_a_draft(editor_client):
    topic = TopicFactory(slug="voting-elections", name="Voting and elections")
    kit = ToolkitFactory(
        slug="vote-kit", title="Voting kit", topics=[topic], kind=Toolkit.Kind.ELECTORAL
    )
    section = SectionFactory(toolkit=kit, title="Registration", position=1)
    document = DocumentFactory(
        toolkit=kit,
        section=section,
        slug="drives",
        title="Drives",
        body="## Tables\n\nSet up near the library.",
        template_for="event_invitation",
    )
    services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.PDF, name="form.pdf")
    )
    data = _export(editor_client, "vote-kit")
    kit.delete()  # "another site": the same database without the toolkit

    response = _import(editor_client, data)
    assert response.status_code == 302
    imported = Toolkit.objects.get(slug="vote-kit")
    assert (imported.title, imported.status, imported.kind) == ("Voting kit", "draft", "electoral")
    assert list(imported.topics.all()) == [topic]
    document = imported.documents.get()
    assert (document.title, document.section.title) == ("Drives", "Registration")
    assert document.body.strip() == "## Tables\n\nSet up near the library."
    assert document.revisions.get().note == "Imported"
    assert document.template_for == "event_invitation"  # a template stays a template
    attachment = document.attachments.get()
    assert attachment.name == "form.pdf"
    with attachment.file.open("rb") as handle:
        assert handle.read() == samples.PDF


def _bad_zips():
    good_doc = {"01-one/01-doc.md": "# Doc\n\nText"}
    with_file = json.loads(_manifest())
    with_file["sections"][0]["documents"][0]["attachments"] = [
        {"name": "x.pdf", "path": "01-one/evil.html"}
    ]
    traversal = json.loads(_manifest())
    traversal["sections"][0]["documents"][0]["path"] = "../../etc/passwd"
    bad_place = json.loads(_manifest())
    bad_place["sections"][0]["documents"][0]["template_for"] = "shell"
    odd_place = json.loads(_manifest())
    odd_place["sections"][0]["documents"][0]["template_for"] = ["event_invitation"]
    return {
        "not a zip": (b"PK\x03\x04 but not really", "not a zip archive"),
        "no manifest": (_zip(good_doc), "has no file"),
        "bad json": (_zip({"toolkit.json": "{nope", **good_doc}), "not valid JSON"),
        "other format": (_zip({"toolkit.json": '{"format": "x"}'}), "not a toolkit export"),
        "unknown kind": (
            _zip({"toolkit.json": _manifest(kind="podcast"), **good_doc}),
            "not one we know",
        ),
        "path traversal": (
            _zip({"toolkit.json": json.dumps(traversal), **good_doc}),
            "outside itself",
        ),
        "html attachment": (
            _zip(
                {
                    "toolkit.json": json.dumps(with_file),
                    **good_doc,
                    "01-one/evil.html": samples.HTML,
                }
            ),
            "not a file type we accept",
        ),
        "unknown template place": (
            _zip({"toolkit.json": json.dumps(bad_place), **good_doc}),
            "not a place templates are used",
        ),
        "template place not text": (
            _zip({"toolkit.json": json.dumps(odd_place), **good_doc}),
            "not a place templates are used",
        ),
        "missing document": (_zip({"toolkit.json": _manifest()}), "has no file"),
        "reserved slug": (_zip({"toolkit.json": _manifest(slug="new"), **good_doc}), "reserved"),
        "title not text": (_zip({"toolkit.json": _manifest(title=["x"]), **good_doc}), "not text"),
    }


@pytest.mark.parametrize("case", list(_bad_zips()))
def test_unusable_zips_are_refused_with_a_message_and_create_nothing(editor_client, case):
    data, message = _bad_zips()[case]
    response = _import(editor_client, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Toolkit.objects.exists()
    assert not Document.objects.exists() and not Attachment.objects.exists()


def test_importing_over_an_existing_toolkit_is_refused(editor_client):
    ToolkitFactory(slug="imported")
    data = _zip({"toolkit.json": _manifest(), "01-one/01-doc.md": "# Doc\n\nText"})
    response = _import(editor_client, data)
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Toolkit.objects.count() == 1


def test_unknown_topics_and_organizations_become_warnings(editor_client):
    data = _zip(
        {
            "toolkit.json": _manifest(topics=["no-such-topic"], organization="no-such-org"),
            "01-one/01-doc.md": "# Doc\n\nText",
        }
    )
    response = _import(editor_client, data)
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "no-such-topic" in page and "no-such-org" in page
    assert Toolkit.objects.get(slug="imported").organization is None


def test_oversized_import_is_refused(editor_client, settings):
    settings.TOOLKIT_UPLOAD_MAX_BYTES = 200
    data = _zip({"toolkit.json": _manifest(), "01-one/01-doc.md": "# Doc\n\n" + "x" * 5000})
    data += b"\0" * 1000  # past four times the limit
    response = _import(editor_client, data)
    assert response.status_code == 400
    assert "too large to import" in response.content.decode()
    assert not Toolkit.objects.exists()
