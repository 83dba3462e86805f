"""Editors arrange sections on the manage page: add, rename, reorder, delete, move documents."""

import pytest
from django.urls import reverse

from actlocal.models import AuditEntry
from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory
from toolkits import services
from toolkits.models import Attachment, Document, Revision, Section
from toolkits.uploads import upload_check

pytestmark = pytest.mark.django_db

ROLES = ["anon_client", "member_client", "organizer_client", "editor_client", "staff_client"]
EDITORS = {"editor_client", "staff_client"}


@pytest.fixture
def toolkit():
    toolkit = ToolkitFactory(slug="kit", visibility="public", status="published")
    for position, title in enumerate(["Plan", "Run", "Follow up"], start=1):
        SectionFactory(toolkit=toolkit, title=title, position=position)
    return toolkit


def section(toolkit, title) -> Section:
    return toolkit.sections.get(title=title)


def order(toolkit) -> list[str]:
    return list(toolkit.sections.order_by("position", "id").values_list("title", flat=True))


def manage(toolkit) -> str:
    return reverse("toolkits:manage", args=[toolkit.slug])


def rename_url(s) -> str:
    return reverse("toolkits:section_rename", args=[s.toolkit.slug, s.pk])


def move_url(s) -> str:
    return reverse("toolkits:section_move", args=[s.toolkit.slug, s.pk])


def delete_url(s) -> str:
    return reverse("toolkits:section_delete", args=[s.toolkit.slug, s.pk])


def doc_move_url(d) -> str:
    return reverse("toolkits:document_section", args=[d.toolkit.slug, d.slug])


def test_the_manage_page_has_the_tools_of_each_section(editor_client, toolkit):
    page = editor_client.get(manage(toolkit)).content.decode()
    for s in toolkit.sections.all():
        assert rename_url(s) in page and move_url(s) in page and delete_url(s) in page
    # No "up" for the first section, no "down" for the last.
    assert page.count('value="up"') == 2 and page.count('value="down"') == 2


def test_editor_adds_and_renames_a_section(editor_client, toolkit):
    assert editor_client.post(manage(toolkit), {"title": "Evaluate"}).status_code == 302
    assert order(toolkit)[-1] == "Evaluate"
    plan = section(toolkit, "Plan")
    response = editor_client.post(rename_url(plan), {"title": "  Plan   the day "})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Plan the day"
    assert AuditEntry.objects.filter(action="toolkit.section.rename").exists()


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_name_is_refused_and_changes_nothing(editor_client, toolkit, title):
    plan = section(toolkit, "Plan")
    response = editor_client.post(rename_url(plan), {"title": title})
    assert response.status_code == 400
    assert "Give the section a title." in response.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Plan"


def test_sections_move_up_and_down_without_javascript(editor_client, toolkit):
    response = editor_client.post(move_url(section(toolkit, "Follow up")), {"direction": "up"})
    assert response.status_code == 302
    assert order(toolkit) == ["Plan", "Follow up", "Run"]
    editor_client.post(move_url(section(toolkit, "Plan")), {"direction": "down"})
    assert order(toolkit) == ["Follow up", "Plan", "Run"]
    # At the ends nothing moves.
    editor_client.post(move_url(section(toolkit, "Follow up")), {"direction": "up"})
    editor_client.post(move_url(section(toolkit, "Run")), {"direction": "down"})
    assert order(toolkit) == ["Follow up", "Plan", "Run"]


def test_sections_sharing_a_position_still_move_one_place(editor_client):
    toolkit = ToolkitFactory(slug="flat")
    for title in ("A", "B", "C"):
        SectionFactory(toolkit=toolkit, title=title, position=0)
    editor_client.post(move_url(section(toolkit, "C")), {"direction": "up"})
    assert order(toolkit) == ["A", "C", "B"]


def test_a_bad_direction_is_refused(editor_client, toolkit):
    response = editor_client.post(move_url(section(toolkit, "Run")), {"direction": "sideways"})
    assert response.status_code == 400
    assert order(toolkit) == ["Plan", "Run", "Follow up"]


def test_a_section_of_another_toolkit_is_not_found(editor_client, toolkit):
    other = SectionFactory(toolkit=ToolkitFactory(slug="other"), title="Elsewhere")
    url = reverse("toolkits:section_rename", args=[toolkit.slug, other.pk])
    assert editor_client.post(url, {"title": "Mine"}).status_code == 404
    url = reverse("toolkits:section_delete", args=[toolkit.slug, other.pk])
    assert editor_client.post(url, {}).status_code == 404
    assert Section.objects.filter(pk=other.pk, title="Elsewhere").exists()


def test_an_empty_section_is_deleted_after_confirming(editor_client, toolkit):
    run = section(toolkit, "Run")
    page = editor_client.get(delete_url(run)).content.decode()
    assert "It holds no documents." in page
    assert editor_client.post(delete_url(run), {}).status_code == 302
    assert order(toolkit) == ["Plan", "Follow up"]


def test_deleting_a_section_moves_its_documents_to_the_chosen_section(editor_client, toolkit):
    run, plan = section(toolkit, "Run"), section(toolkit, "Plan")
    DocumentFactory(toolkit=toolkit, section=plan, slug="timeline")
    agenda = DocumentFactory(toolkit=toolkit, section=run, slug="agenda")
    revisions = Revision.objects.filter(document=agenda).count()
    page = editor_client.get(delete_url(run)).content.decode()
    assert "It holds 1 document." in page
    response = editor_client.post(delete_url(run), {"documents": "move", "move_to": plan.pk})
    assert response.status_code == 302
    agenda.refresh_from_db()
    assert agenda.section == plan
    assert list(plan.documents.order_by("position").values_list("slug", flat=True)) == [
        "timeline",
        "agenda",
    ]
    assert Revision.objects.filter(document=agenda).count() == revisions  # a move is no edit
    assert not Section.objects.filter(pk=run.pk).exists()


def test_deleting_a_section_can_leave_its_documents_without_a_section(editor_client, toolkit):
    run = section(toolkit, "Run")
    agenda = DocumentFactory(toolkit=toolkit, section=run, slug="agenda")
    editor_client.post(delete_url(run), {"documents": "move", "move_to": ""})
    agenda.refresh_from_db()
    assert agenda.section is None
    assert "Documents without a section" in editor_client.get(manage(toolkit)).content.decode()


def test_deleting_a_section_with_its_documents_removes_their_files(
    editor_client, toolkit, django_capture_on_commit_callbacks
):
    run = section(toolkit, "Run")
    agenda = DocumentFactory(toolkit=toolkit, section=run, slug="agenda")
    attachment = services.attachment_add(
        document=agenda, actor=None, upload=upload_check(data=samples.png(), name="map.png")
    )
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(delete_url(run), {"documents": "delete"})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=agenda.pk).exists()
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize(
    "data",
    [
        {},  # no choice made
        {"documents": "burn"},
        {"documents": "move", "move_to": "999999"},
        {"documents": "move", "move_to": "abc"},
    ],
)
def test_a_section_with_documents_needs_a_clear_choice(editor_client, toolkit, data):
    run = section(toolkit, "Run")
    DocumentFactory(toolkit=toolkit, section=run, slug="agenda")
    response = editor_client.post(delete_url(run), data)
    assert response.status_code == 400
    assert Section.objects.filter(pk=run.pk).exists()
    assert Document.objects.filter(slug="agenda", section=run).exists()


def test_documents_cannot_move_into_the_section_being_deleted_or_another_toolkit(
    editor_client, toolkit
):
    run = section(toolkit, "Run")
    DocumentFactory(toolkit=toolkit, section=run, slug="agenda")
    foreign = SectionFactory(toolkit=ToolkitFactory(slug="foreign"))
    for target in (run.pk, foreign.pk):
        response = editor_client.post(delete_url(run), {"documents": "move", "move_to": target})
        assert response.status_code == 400
    assert Document.objects.filter(slug="agenda", section=run).exists()


def test_editor_moves_a_document_to_another_section(editor_client, toolkit):
    plan, run = section(toolkit, "Plan"), section(toolkit, "Run")
    agenda = DocumentFactory(toolkit=toolkit, section=plan, slug="agenda")
    page = editor_client.get(manage(toolkit)).content.decode()
    assert doc_move_url(agenda) in page
    assert editor_client.post(doc_move_url(agenda), {"section": run.pk}).status_code == 302
    agenda.refresh_from_db()
    assert agenda.section == run
    assert editor_client.post(doc_move_url(agenda), {"section": ""}).status_code == 302
    agenda.refresh_from_db()
    assert agenda.section is None


def test_a_document_cannot_move_to_another_toolkits_section(editor_client, toolkit):
    plan = section(toolkit, "Plan")
    agenda = DocumentFactory(toolkit=toolkit, section=plan, slug="agenda")
    foreign = SectionFactory(toolkit=ToolkitFactory(slug="foreign"))
    for value in (foreign.pk, "abc"):
        response = editor_client.post(doc_move_url(agenda), {"section": value})
        assert response.status_code == 400
    agenda.refresh_from_db()
    assert agenda.section == plan


def test_the_public_page_shows_the_new_order_at_once(editor_client, anon_client, toolkit):
    detail = reverse("toolkits:detail", args=[toolkit.slug])
    DocumentFactory(toolkit=toolkit, section=section(toolkit, "Follow up"), slug="thanks")
    before = anon_client.get(detail).content.decode()  # cached for anonymous visitors
    assert before.index("Plan") < before.index("Follow up")
    editor_client.post(move_url(section(toolkit, "Follow up")), {"direction": "up"})
    editor_client.post(move_url(section(toolkit, "Follow up")), {"direction": "up"})
    editor_client.post(rename_url(section(toolkit, "Run")), {"title": "Hold the meeting"})
    after = anon_client.get(detail).content.decode()
    assert after.index("Follow up") < after.index("Plan")
    assert "Hold the meeting" in after


def _attempts(toolkit):
    plan, run = section(toolkit, "Plan"), section(toolkit, "Run")
    agenda = DocumentFactory(toolkit=toolkit, section=plan, slug="agenda")
    return [
        ("get", manage(toolkit), {}),
        ("post", manage(toolkit), {"title": "New"}),
        ("post", rename_url(plan), {"title": "Renamed"}),
        ("post", move_url(run), {"direction": "up"}),
        ("post", doc_move_url(agenda), {"section": run.pk}),
        ("get", delete_url(plan), {}),
        ("post", delete_url(plan), {"documents": "move", "move_to": run.pk}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_arrange_sections(request, role, toolkit):
    client = request.getfixturevalue(role)
    for method, url, data in _attempts(toolkit):
        response = getattr(client, method)(url, data)
        if role == "anon_client":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif role in EDITORS:
            assert response.status_code in (200, 302), url
        else:
            assert response.status_code == 403, url
    if role not in EDITORS:
        assert order(toolkit) == ["Plan", "Run", "Follow up"]
        assert Document.objects.get(slug="agenda").section.title == "Plan"
    else:
        assert order(toolkit)[-1] == "New" and "Renamed" not in order(toolkit)


@pytest.mark.parametrize("role", ["member_client", "organizer_client"])
def test_people_who_cannot_see_a_draft_get_404(request, role):
    toolkit = ToolkitFactory(slug="draft", status="draft")
    plan = SectionFactory(toolkit=toolkit, title="Plan")
    client = request.getfixturevalue(role)
    assert client.post(rename_url(plan), {"title": "X"}).status_code == 404
    assert client.post(delete_url(plan), {}).status_code == 404
