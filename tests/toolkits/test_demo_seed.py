"""The demo library `seed_demo` loads: the promised toolkits, rendered, with files, once."""

import pytest
from django.test import Client

from tests.directory.factories import OrganizationFactory
from toolkits.demo import demo_toolkits_load
from toolkits.merge import merge_unknown_fields
from toolkits.models import Attachment, Document, Revision, Toolkit

pytestmark = pytest.mark.django_db


def test_demo_library_has_every_promised_toolkit_and_document():
    OrganizationFactory(kind="anchor", name="Anchor Partners")
    created = demo_toolkits_load()
    assert (created.toolkits, created.files) == (6, 2)
    action = Toolkit.objects.get(slug="constituent-meeting-action-kit")
    assert set(action.documents.values_list("slug", flat=True)) >= {
        "letters-and-op-eds",
        "lobby-meeting-training",
        "meeting-report-checklist",
    }
    for slug in ["sanctuary-policy", "surveillance-oversight", "police-body-cameras"]:
        kit = Toolkit.objects.get(slug=f"{slug}-issue-kit", kind="issue_kit")
        assert set(kit.documents.values_list("slug", flat=True)) == {
            "arguments",
            "community-outreach",
            "steps",
        }
        arguments = kit.documents.get(slug="arguments").body_html
        assert "Arguments in favour" in arguments and "against" in arguments
    events = Toolkit.objects.get(slug="event-organizers-toolkit", kind="event_kit")
    assert events.documents.count() >= 7  # an introduction and at least six templates
    # The texts sent to people are templates whose every field is documented for their place.
    templates = events.documents.exclude(template_for="")
    assert set(templates.values_list("template_for", flat=True)) >= {
        "event_invitation",
        "event_reminder",
        "dinner_invitation",
        "thank_you",
    }
    for template in templates:
        assert "{{" in template.body
        assert merge_unknown_fields(text=template.body, place=template.template_for) == []
    assert Toolkit.objects.filter(slug="voting-and-elections-kit", kind="electoral").exists()
    assert Toolkit.objects.filter(status="published").count() == 6
    assert Toolkit.objects.exclude(organization__name="Anchor Partners").count() == 0
    assert Revision.objects.count() == Document.objects.count()
    assert [e["text"] for e in action.documents.get(slug="letters-and-op-eds").toc][:2] == [
        "Letters to the editor",
        "Op-eds",
    ]
    assert set(Attachment.objects.values_list("kind", flat=True)) == {"image", "pdf"}


def test_demo_library_loads_once():
    demo_toolkits_load()
    counts = (Toolkit.objects.count(), Document.objects.count(), Attachment.objects.count())
    again = demo_toolkits_load()
    assert again.toolkits == 0 and "nothing to create" in again.summary
    assert (Toolkit.objects.count(), Document.objects.count(), Attachment.objects.count()) == counts


def test_demo_pages_render_and_searches_find_them():
    demo_toolkits_load()
    client = Client()
    for document in Document.objects.filter(toolkit__visibility="public").select_related("toolkit"):
        assert client.get(document.get_absolute_url()).status_code == 200, document.slug
    for query, expected in [
        ("op-ed", "Letters to the editor and op-eds"),
        ("lobby", "Lobby meeting training outline"),
        ("body cameras", "Police body cameras issue kit"),
    ]:
        content = client.get("/toolkits/search/", {"q": query}).content.decode()
        assert expected in content, query
    # The event organizer's templates are for members: outsiders get 404.
    assert client.get("/toolkits/event-organizers-toolkit/").status_code == 404
