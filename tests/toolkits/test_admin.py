"""Staff admin of every toolkit model; document saves there keep revisions and safe HTML."""

import pytest
from django.urls import reverse

from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory
from toolkits import services
from toolkits.uploads import upload_check

pytestmark = pytest.mark.django_db

MODELS = ["toolkit", "section", "document", "attachment", "revision", "proposal"]


@pytest.fixture
def rows(organizer_user):
    toolkit = ToolkitFactory()
    section = SectionFactory(toolkit=toolkit)
    document = DocumentFactory(toolkit=toolkit, section=section)
    attachment = services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.PDF, name="a.pdf")
    )
    proposal = services.proposal_create(
        document=document, actor=organizer_user, title="T", body="B", note="N"
    )
    return {
        "toolkit": toolkit,
        "section": section,
        "document": document,
        "attachment": attachment,
        "revision": document.revisions.get(),
        "proposal": proposal,
    }


@pytest.mark.parametrize("model", MODELS)
def test_staff_admin_lists_and_opens_every_model(staff_client, rows, model):
    assert staff_client.get(reverse(f"admin:toolkits_{model}_changelist")).status_code == 200
    url = reverse(f"admin:toolkits_{model}_change", args=[rows[model].pk])
    assert staff_client.get(url).status_code == 200
    assert (
        staff_client.get(reverse(f"admin:toolkits_{model}_changelist") + "?q=a").status_code == 200
    )


@pytest.mark.parametrize("model", MODELS)
def test_non_staff_cannot_open_the_admin(member_client, rows, model):
    response = member_client.get(reverse(f"admin:toolkits_{model}_changelist"))
    assert response.status_code == 302


def test_files_cannot_be_added_in_the_admin_unchecked(staff_client):
    assert staff_client.get(reverse("admin:toolkits_attachment_add")).status_code == 403


def test_admin_document_save_renders_and_adds_a_revision(staff_client, rows):
    document = rows["document"]
    url = reverse("admin:toolkits_document_change", args=[document.pk])
    response = staff_client.post(
        url,
        {
            "toolkit": document.toolkit.pk,
            "title": "Edited",
            "slug": document.slug,
            "body": "## New\n\n<script>x</script>",
            "position": 1,
            "attachments-TOTAL_FORMS": 1,
            "attachments-INITIAL_FORMS": 1,
            "attachments-0-id": rows["attachment"].pk,
            "attachments-0-document": document.pk,
            "revisions-TOTAL_FORMS": 1,
            "revisions-INITIAL_FORMS": 1,
            "revisions-0-id": rows["revision"].pk,
            "revisions-0-document": document.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert '<h2 id="h-new">New</h2>' in document.body_html
    assert "<script>" not in document.body_html
    assert document.revisions.count() == 2


@pytest.mark.parametrize("model", ["toolkit", "document", "attachment"])
def test_admin_deletion_removes_the_stored_files(
    staff_client, rows, model, django_capture_on_commit_callbacks
):
    from toolkits.models import Attachment

    attachment = rows["attachment"]
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    url = reverse(f"admin:toolkits_{model}_delete", args=[rows[model].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)


def test_admin_bulk_deletion_removes_the_stored_files(
    staff_client, rows, django_capture_on_commit_callbacks
):
    attachment = rows["attachment"]
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:toolkits_toolkit_changelist"),
            {"action": "delete_selected", "_selected_action": [rows["toolkit"].pk], "post": "yes"},
        )
    assert not storage.exists(name)
