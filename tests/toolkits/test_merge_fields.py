"""Templates with merge fields: only documented fields are filled; escapes stay inert text."""

import pytest
from django.urls import reverse

from tests.toolkits.factories import ToolkitFactory
from toolkits.markdown import markdown_render
from toolkits.merge import merge_blank, merge_render, merge_unknown_fields, place_fields
from toolkits.models import Document

EVENT_VALUES = {
    "leader.first_name": "Ana",
    "event.title": "Dinner at the hall",
    "event.starts_at": "May 2, 6:30 pm",
}


def test_documented_fields_are_filled_with_or_without_spaces():
    text = "Hi {{leader.first_name}}, join {{ event.title }} on {{  event.starts_at  }}."
    assert (
        merge_render(text=text, place="event_invitation", values=EVENT_VALUES)
        == "Hi Ana, join Dinner at the hall on May 2, 6:30 pm."
    )


def test_a_missing_value_is_a_visible_blank_not_an_error():
    rendered = merge_render(
        text="Where: {{ event.place }}.", place="event_invitation", values={"event.place": "  "}
    )
    assert rendered == f"Where: {merge_blank('event.place')}."


def test_a_field_the_place_does_not_document_stays_blank_even_with_a_value():
    # official.name exists, but not in an event invitation: a caller's extra value never leaks.
    rendered = merge_render(
        text="{{ official.name }}",
        place="event_invitation",
        values={"official.name": "Council member"},
    )
    assert rendered == merge_blank("official.name")


def test_an_unknown_place_fills_nothing():
    assert merge_render(text="{{ event.title }}", place="nowhere", values=EVENT_VALUES) == (
        merge_blank("event.title")
    )


@pytest.mark.parametrize(
    "escape",
    [
        "{% load static %}{% include 'base.html' %}",
        "{% debug %}",
        "{{ settings.SECRET_KEY }}",
        "{{ event.title.__class__ }}",
        "{{ event.__class__.__mro__ }}",
        "{{ event.title|safe }}",
        "{{ request.user.password }}",
        "{{ leader.first_name.upper }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ event._meta }}",
        "${event.title} #{event.title} {{{event.title}}}",
    ],
)
def test_sandbox_escapes_are_inert(escape):
    rendered = merge_render(text=escape, place="event_invitation", values=EVENT_VALUES)
    # Nothing is evaluated: the text comes back as typed, apart from well-formed fields.
    assert rendered == escape.replace("{{{event.title}}}", "{Dinner at the hall}")


def test_values_are_text_never_objects():
    class Sneaky:
        def __str__(self):
            return "plain"

        secret = "reached"

    rendered = merge_render(
        text="{{ event.title }}", place="event_invitation", values={"event.title": Sneaky()}
    )
    assert rendered == "plain"


def test_values_cannot_inject_markdown_or_html_once_rendered():
    values = {
        "leader.first_name": "[click](javascript:alert(1)) <script>alert(1)</script>",
        "event.title": "# Heading",
    }
    text = merge_render(
        text="Hi {{ leader.first_name }}\n\n{{ event.title }}",
        place="event_invitation",
        values=values,
        markdown=True,
    )
    html = markdown_render(text).html
    assert "<script" not in html and "<a " not in html and "<h1" not in html
    assert "click" in html and "Heading" in html


def test_unknown_fields_are_listed_once():
    text = "{{ official.name }} {{ event.title }} {{ official.name }} {{ nope.x }}"
    assert merge_unknown_fields(text=text, place="event_invitation") == [
        "official.name",
        "nope.x",
    ]


def test_every_place_lists_its_fields_with_meanings():
    fields = dict(place_fields(place="campaign_script"))
    assert "campaign.ask" in fields and "official.name" in fields and str(fields["campaign.ask"])
    assert place_fields(place="nowhere") == []


@pytest.mark.django_db
def test_editor_saves_a_template_and_sees_the_fields_listed(editor_client):
    ToolkitFactory(slug="kit")
    page = editor_client.get(reverse("toolkits:document_create", args=["kit"]))
    assert "{{ campaign.ask }}" in page.content.decode()
    response = editor_client.post(
        reverse("toolkits:document_create", args=["kit"]),
        {
            "title": "Dinner invitation",
            "slug": "dinner",
            "template_for": "dinner_invitation",
            "body": "Dear {{ leader.first_name }}, come to {{ event.title }}.",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(slug="dinner")
    assert document.is_template and document.template_for == "dinner_invitation"


@pytest.mark.django_db
def test_a_template_with_an_unknown_field_is_refused_with_a_message(editor_client):
    ToolkitFactory(slug="kit")
    response = editor_client.post(
        reverse("toolkits:document_create", args=["kit"]),
        {
            "title": "Script",
            "slug": "script",
            "template_for": "campaign_script",
            "body": "{{ official.name }}, {{ leader.password }}",
        },
    )
    assert response.status_code == 400
    assert "leader.password" in response.content.decode()
    assert not Document.objects.filter(slug="script").exists()
