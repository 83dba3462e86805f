"""The library's reading pages: list filters, toolkit, document with its contents, print, zip."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from tests.actlocal.factories import TopicFactory
from tests.directory.factories import OrganizationFactory
from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory
from toolkits import services
from toolkits.models import Toolkit
from toolkits.uploads import upload_check

pytestmark = pytest.mark.django_db


def test_list_filters_by_topic_kind_and_organization(anon_client):
    topic = TopicFactory(slug="policing-surveillance", name="Policing and surveillance")
    org = OrganizationFactory(slug="civic-watch", name="Civic Watch")
    ToolkitFactory(
        title="Body cameras kit", kind=Toolkit.Kind.ISSUE_KIT, topics=[topic], organization=org
    )
    ToolkitFactory(title="Op-ed guide", kind=Toolkit.Kind.ACTION_GUIDE)
    url = reverse("toolkits:list")
    for query in ["?topic=policing-surveillance", "?kind=issue_kit", "?organization=civic-watch"]:
        content = anon_client.get(url + query).content.decode()
        assert "Body cameras kit" in content and "Op-ed guide" not in content, query


def test_list_search_finds_toolkits_by_their_documents(anon_client):
    kit = ToolkitFactory(title="Action guide", summary="Speak up.")
    DocumentFactory(toolkit=kit, title="Writing an op-ed", body="Pitch the opinion editor early.")
    ToolkitFactory(title="Unrelated kit", summary="Nothing here.")
    content = anon_client.get(reverse("toolkits:list") + "?q=op-ed").content.decode()
    assert "Action guide" in content
    assert "Unrelated kit" not in content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?kind=podcast", "is not a kind of toolkit"),
        ("?topic=nope", "There is no topic"),
        ("?organization=nobody", "No toolkit belongs to an organization"),
    ],
)
def test_unknown_filter_values_answer_400_with_a_message(anon_client, query, message):
    response = anon_client.get(reverse("toolkits:list") + query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "99", "9" * 5000, "²"])
def test_bad_page_numbers_answer_404_with_a_message(anon_client, page):
    ToolkitFactory()
    response = anon_client.get(reverse("toolkits:list"), {"page": page})
    assert response.status_code == 404
    assert "page" in response.content.decode()


def test_toolkit_page_shows_sections_in_order_and_loose_documents_last(anon_client):
    kit = ToolkitFactory(title="Lobby kit")
    later = SectionFactory(toolkit=kit, title="After the meeting", position=2)
    first = SectionFactory(toolkit=kit, title="Before the meeting", position=1)
    DocumentFactory(toolkit=kit, section=later, title="Report checklist")
    DocumentFactory(toolkit=kit, section=first, title="Training outline")
    DocumentFactory(toolkit=kit, section=None, title="Glossary")
    content = anon_client.get(kit.get_absolute_url()).content.decode()
    order = ["Before the meeting", "Training outline", "After the meeting", "Report checklist"]
    positions = [content.index(text) for text in [*order, "Glossary"]]
    assert positions == sorted(positions)


def test_document_page_has_table_of_contents_and_sanitized_body(anon_client):
    kit = ToolkitFactory()
    document = DocumentFactory(
        toolkit=kit, body="## Pitch\n\n<script>alert(1)</script>\n\n## Follow up\n\nDone."
    )
    content = anon_client.get(document.get_absolute_url()).content.decode()
    assert '<a href="#h-pitch">Pitch</a>' in content
    assert '<a href="#h-follow-up">Follow up</a>' in content
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_titles_are_escaped_everywhere(anon_client):
    payload = "<img src=x onerror=alert(1)>"
    kit = ToolkitFactory(title=payload, summary=payload)
    section = SectionFactory(toolkit=kit, title=payload)
    document = DocumentFactory(toolkit=kit, section=section, title=payload, body=f"## {payload}")
    for url in [
        reverse("toolkits:list"),
        kit.get_absolute_url(),
        document.get_absolute_url(),
        reverse("toolkits:print", args=[kit.slug]),
        reverse("toolkits:history", args=[kit.slug, document.slug]),
    ]:
        content = anon_client.get(url).content.decode()
        assert payload not in content, url


def test_print_view_has_every_document_and_no_site_navigation(anon_client):
    kit = ToolkitFactory()
    DocumentFactory(toolkit=kit, title="First part")
    DocumentFactory(toolkit=kit, title="Second part")
    content = anon_client.get(reverse("toolkits:print", args=[kit.slug])).content.decode()
    assert "First part" in content and "Second part" in content
    assert "toolkits-print.css" in content
    assert 'class="main-nav"' not in content and "site-header" not in content


def test_download_is_one_zip_of_markdown_and_attachments(anon_client):
    kit = ToolkitFactory(slug="lte-kit")
    section = SectionFactory(toolkit=kit, title="Writing", position=1)
    document = DocumentFactory(
        toolkit=kit, section=section, slug="letters", title="Letters", body="Keep it short."
    )
    services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.PDF, name="sample.pdf")
    )
    response = anon_client.get(reverse("toolkits:download", args=[kit.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="lte-kit.zip"')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "01-writing/01-letters.md" in names
    assert "01-writing/01-letters-files/sample.pdf" in names
    assert (
        archive.read("01-writing/01-letters.md").decode().startswith("# Letters\n\nKeep it short.")
    )
    manifest = json.loads(archive.read("toolkit.json"))
    assert manifest["toolkit"]["slug"] == "lte-kit"


def test_files_are_always_downloads_never_inline(anon_client):
    kit = ToolkitFactory()
    document = DocumentFactory(toolkit=kit)
    attachment = services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.PDF, name="guide.pdf")
    )
    response = anon_client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == samples.PDF


def test_wrong_file_name_or_missing_file_is_404_not_500(anon_client):
    kit = ToolkitFactory()
    document = DocumentFactory(toolkit=kit)
    attachment = services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.PDF, name="guide.pdf")
    )
    url = reverse("toolkits:attachment", args=[kit.slug, attachment.pk, "other.pdf"])
    assert anon_client.get(url).status_code == 404
    attachment.file.storage.delete(attachment.file.name)
    assert anon_client.get(attachment.get_absolute_url()).status_code == 404
    huge = f"/toolkits/{kit.slug}/files/{'9' * 40}/guide.pdf"
    assert anon_client.get(huge).status_code == 404


def test_restricted_files_are_not_kept_by_shared_caches(member_client):
    kit = ToolkitFactory(visibility=Toolkit.Visibility.MEMBERS)
    document = DocumentFactory(toolkit=kit)
    attachment = services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.PDF, name="guide.pdf")
    )
    response = member_client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_header_links_to_the_toolkits(anon_client):
    content = anon_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("toolkits:list")}"' in content


def test_archived_toolkit_documents_say_so(anon_client):
    document = DocumentFactory(toolkit=ToolkitFactory(status=Toolkit.Status.ARCHIVED))
    assert (
        "This toolkit is archived" in anon_client.get(document.get_absolute_url()).content.decode()
    )


def test_cached_filter_form_keeps_each_visitors_choices(anon_client):
    ToolkitFactory()
    first = anon_client.get(reverse("toolkits:list"), {"kind": "training", "q": "lobby"})
    second = anon_client.get(reverse("toolkits:list"), {"kind": "electoral"})
    assert '<option value="training" selected>' in first.content.decode()
    assert 'value="lobby"' in first.content.decode()
    assert '<option value="electoral" selected>' in second.content.decode()
    assert 'value="lobby"' not in second.content.decode()


def test_owners_of_drafts_are_not_offered_as_filter_choices(anon_client):
    ToolkitFactory(organization=OrganizationFactory(name="Visible Owners"))
    ToolkitFactory(organization=OrganizationFactory(name="Secret Drafters"), status="draft")
    content = anon_client.get(reverse("toolkits:list")).content.decode()
    assert "Visible Owners" in content
    assert "Secret Drafters" not in content
