"""Who sees which toolkit, per view and role: 404 hides, 403 refuses, drafts for editors only."""

import pytest
from django.urls import reverse

from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, ToolkitFactory
from toolkits import services
from toolkits.models import Toolkit
from toolkits.uploads import upload_check

pytestmark = pytest.mark.django_db

ROLES = ["anon_client", "member_client", "organizer_client", "editor_client", "staff_client"]
# Which roles may read a toolkit of each visibility/status.
CAN_READ = {
    ("public", "published"): set(ROLES),
    ("public", "archived"): set(ROLES),
    ("members", "published"): {
        "member_client",
        "organizer_client",
        "editor_client",
        "staff_client",
    },
    ("organizers", "published"): {"organizer_client", "editor_client", "staff_client"},
    ("public", "draft"): {"editor_client", "staff_client"},
    ("organizers", "draft"): {"editor_client", "staff_client"},
}
EDITORS = {"editor_client", "staff_client"}


def _toolkit(visibility, status):
    toolkit = ToolkitFactory(
        slug=f"kit-{visibility}-{status}", visibility=visibility, status=status
    )
    document = DocumentFactory(toolkit=toolkit, slug="guide", title="The guide")
    attachment = services.attachment_add(
        document=document, actor=None, upload=upload_check(data=samples.png(), name="map.png")
    )
    return toolkit, document, attachment


def _read_urls(toolkit, document, attachment):
    slug = toolkit.slug
    return [
        reverse("toolkits:detail", args=[slug]),
        reverse("toolkits:document", args=[slug, document.slug]),
        reverse("toolkits:print", args=[slug]),
        reverse("toolkits:download", args=[slug]),
        reverse("toolkits:history", args=[slug, document.slug]),
        reverse("toolkits:attachment", args=[slug, attachment.pk, attachment.name]),
        reverse("toolkits:thumbnail", args=[slug, attachment.pk]),
    ]


@pytest.mark.parametrize(("visibility", "status"), list(CAN_READ))
@pytest.mark.parametrize("role", ROLES)
def test_reading_pages_answer_by_role(request, role, visibility, status):
    client = request.getfixturevalue(role)
    toolkit, document, attachment = _toolkit(visibility, status)
    expected = 200 if role in CAN_READ[(visibility, status)] else 404
    for url in _read_urls(toolkit, document, attachment):
        response = client.get(url)
        assert response.status_code == expected, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_published_toolkits_the_role_may_see(request, role):
    client = request.getfixturevalue(role)
    for visibility, status in CAN_READ:
        ToolkitFactory(
            slug=f"kit-{visibility}-{status}",
            title=f"Kit {visibility} {status}",
            visibility=visibility,
            status=status,
        )
    content = client.get(reverse("toolkits:list")).content.decode()
    for (visibility, status), roles in CAN_READ.items():
        listed = status == "published" and role in roles
        assert (f"Kit {visibility} {status}" in content) is listed, (role, visibility, status)


@pytest.mark.parametrize("role", ["member_client", "organizer_client"])
def test_non_editors_are_refused_editing_pages(request, role):
    client = request.getfixturevalue(role)
    toolkit, document, attachment = _toolkit("public", "published")
    slug = toolkit.slug
    for url in [
        reverse("toolkits:create"),
        reverse("toolkits:import"),
        reverse("toolkits:edit", args=[slug]),
        reverse("toolkits:manage", args=[slug]),
        reverse("toolkits:export", args=[slug]),
        reverse("toolkits:document_create", args=[slug]),
        reverse("toolkits:document_edit", args=[slug, document.slug]),
        reverse("toolkits:proposals", args=[slug, document.slug]),
    ]:
        assert client.get(url).status_code == 403, url
    for url in [
        reverse("toolkits:attachment_upload", args=[slug, document.slug]),
        reverse("toolkits:attachment_delete", args=[slug, attachment.pk]),
        reverse("toolkits:restore", args=[slug, document.slug, 1]),
    ]:
        assert client.post(url).status_code == 403, url
    assert document.attachments.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in_for_editing(anon_client):
    toolkit, document, _attachment = _toolkit("public", "published")
    response = anon_client.get(
        reverse("toolkits:document_edit", args=[toolkit.slug, document.slug])
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_editing_pages_of_hidden_toolkits_answer_404_not_403(member_client):
    toolkit, document, _attachment = _toolkit("organizers", "published")
    assert member_client.get(reverse("toolkits:edit", args=[toolkit.slug])).status_code == 404


@pytest.mark.parametrize("role", ["anon_client", "member_client"])
def test_proposals_are_for_organizers(request, role):
    client = request.getfixturevalue(role)
    toolkit, document, _attachment = _toolkit("public", "published")
    response = client.get(reverse("toolkits:propose", args=[toolkit.slug, document.slug]))
    assert response.status_code == (302 if role == "anon_client" else 403)


@pytest.mark.parametrize("role", ["editor_client", "staff_client"])
def test_editors_reach_every_editing_page(request, role):
    client = request.getfixturevalue(role)
    toolkit, document, _attachment = _toolkit("organizers", "draft")
    slug = toolkit.slug
    for url in [
        reverse("toolkits:create"),
        reverse("toolkits:import"),
        reverse("toolkits:edit", args=[slug]),
        reverse("toolkits:manage", args=[slug]),
        reverse("toolkits:export", args=[slug]),
        reverse("toolkits:document_create", args=[slug]),
        reverse("toolkits:document_edit", args=[slug, document.slug]),
        reverse("toolkits:proposals", args=[slug, document.slug]),
    ]:
        assert client.get(url).status_code == 200, url


def test_attachment_of_another_toolkit_is_not_reachable_through_a_public_one(anon_client):
    public, _doc, _file = _toolkit("public", "published")
    _hidden, _doc2, hidden_file = _toolkit("organizers", "published")
    url = reverse("toolkits:attachment", args=[public.slug, hidden_file.pk, hidden_file.name])
    assert anon_client.get(url).status_code == 404


def test_toolkit_statuses_are_the_three_named():
    assert set(Toolkit.Status.values) == {"draft", "published", "archived"}
