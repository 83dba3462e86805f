"""Journey: an editor builds a toolkit with a document and an attachment, then publishes it."""

import re

import pytest
from playwright.sync_api import expect

from tests.actlocal.factories import TopicFactory, UserFactory
from tests.toolkits import samples
from toolkits.models import Attachment, Toolkit


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    from toolkits.roles import EDITORS_GROUP

    TopicFactory(slug="policing-surveillance", name="Policing and surveillance")
    user = UserFactory(email="edda@example.org", name="Edda Editor")
    user.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return user


@pytest.mark.django_db(transaction=True)
def test_editor_builds_a_toolkit_with_a_document_and_an_attachment(
    page, live_server, assert_accessible, sign_in, editor, tmp_path
):
    sign_in(editor)
    page.goto(live_server.url + "/toolkits/")
    assert_accessible("toolkit list")
    page.get_by_role("link", name="New toolkit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a new toolkit")
    assert_accessible("new toolkit form")

    page.get_by_label("Title", exact=True).fill("Body camera rules kit")
    page.get_by_label("Slug").fill("body-camera-rules")
    page.get_by_label("Summary").first.fill("What a strong body camera policy says.")
    page.get_by_label("Kind").select_option("issue_kit")
    page.get_by_label("Policing and surveillance").check()
    page.get_by_label("Status").select_option("draft")
    page.get_by_role("button", name="Save the toolkit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Manage Body camera rules kit")
    assert_accessible("manage toolkit")
    page.get_by_label("Title", exact=True).fill("The issue")
    page.get_by_role("button", name="Add the section").click()
    page.get_by_text("Section added.").wait_for()

    page.get_by_role("link", name="Add a document").click()
    assert_accessible("new document form")
    page.get_by_label("Title", exact=True).fill("When cameras record")
    page.get_by_label("Slug").fill("when-cameras-record")
    page.get_by_label("Section").select_option(label="The issue")
    page.get_by_label("Text (Markdown)").first.fill(
        "## Activation\n\nCameras start at every stop.\n\n## Release\n\nFootage within 30 days."
    )
    page.get_by_role("button", name="Save the document").click()
    page.get_by_text("Document created").wait_for()
    assert_accessible("document edit with files")

    upload = tmp_path / "Seating plan.png"
    upload.write_bytes(samples.png())
    page.get_by_label("File", exact=True).set_input_files(str(upload))
    page.get_by_label("Description").first.fill("Seating plan")
    page.get_by_role("button", name="Attach the file").click()
    page.get_by_text("File attached.").wait_for()
    expect(page.get_by_role("link", name="seating-plan.png")).to_be_visible()

    page.get_by_role("link", name="View it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When cameras record")
    expect(page.get_by_role("navigation", name="On this page")).to_contain_text("Release")
    expect(page.get_by_role("link", name="Seating plan")).to_be_visible()
    assert_accessible("document page")

    # A second save, then the history with its diff, and the print view.
    page.get_by_role("link", name="Edit this document").click()
    page.get_by_label("Text (Markdown)").first.fill(
        "## Activation\n\nCameras start at every stop and call.\n\n## Release\n\nWithin 30 days."
    )
    page.get_by_label("What changed (for the history)").fill("Calls too")
    page.get_by_role("button", name="Save the document").click()
    page.get_by_role("link", name="History of this document").click()
    expect(page.get_by_role("table").first).to_contain_text("Cameras start at every stop and call.")
    expect(page.get_by_role("cell", name="Calls too")).to_be_visible()
    assert_accessible("history with a diff")
    page.goto(live_server.url + "/toolkits/body-camera-rules/print/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Body camera rules kit")
    assert_accessible("print view")

    toolkit = Toolkit.objects.get(slug="body-camera-rules")
    page.goto(live_server.url + f"/toolkits/{toolkit.slug}/edit/")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save the toolkit").click()
    page.get_by_text("Toolkit saved.").wait_for()

    # A visitor now finds it in the library and downloads the file.
    page.context.clear_cookies()
    page.goto(live_server.url + "/toolkits/?q=cameras")
    page.get_by_role("link", name="Body camera rules kit").click()
    page.get_by_role("link", name="When cameras record").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Seating plan").click()
    assert download.value.suggested_filename == "seating-plan.png"
    assert Attachment.objects.get().document.toolkit == toolkit
    assert re.search(r"/toolkits/", page.url)
