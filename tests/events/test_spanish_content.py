"""An event's title and description may carry a Spanish version, shown to Spanish readers."""

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Event

from .factories import EventFactory
from .test_setup_event import edit_payload

pytestmark = pytest.mark.django_db


def _page(event, language: str) -> str:
    return Client().get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_team_writes_the_spanish_version_in_the_event_form(team_client, event):
    form = team_client.get(reverse("events:edit", kwargs={"slug": event.slug})).content.decode()
    assert 'name="title_es"' in form and 'name="description_es"' in form
    response = team_client.post(
        reverse("events:edit", kwargs={"slug": event.slug}),
        edit_payload(event, title_es="Encuentro", description_es="Un día juntos."),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title_es, event.description_es) == ("Encuentro", "Un día juntos.")


def test_spanish_readers_see_the_spanish_version_and_others_the_original():
    event = EventFactory(
        title="Town hall",
        description="Bring a friend.",
        title_es="Asamblea",
        description_es="Traiga a un amigo.",
        visibility=Event.Visibility.PUBLIC,
    )
    spanish, english = _page(event, "es"), _page(event, "en")
    assert "<h1>Asamblea</h1>" in spanish and "Traiga a un amigo." in spanish
    assert "Bring a friend." not in spanish
    assert "<h1>Town hall</h1>" in english and "Bring a friend." in english
    assert "Asamblea" not in english


def test_without_a_spanish_version_spanish_readers_see_the_original():
    event = EventFactory(
        title="Town hall", description="Bring a friend.", visibility=Event.Visibility.PUBLIC
    )
    spanish = _page(event, "es")
    assert "<h1>Town hall</h1>" in spanish and "Bring a friend." in spanish


def test_the_spanish_text_is_escaped_like_the_original():
    event = EventFactory(
        title="Town hall",
        description_es="<script>alert(1)</script>",
        visibility=Event.Visibility.PUBLIC,
    )
    spanish = _page(event, "es")
    assert "<script>alert(1)</script>" not in spanish
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in spanish


def test_the_event_list_card_and_the_calendar_file_follow_the_language():
    event = EventFactory(title="Town hall", title_es="Asamblea", visibility=Event.Visibility.PUBLIC)
    client = Client()
    assert "Asamblea" in client.get("/events/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english_list = client.get("/events/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Town hall" in english_list and "Asamblea" not in english_list
    ics = client.get(reverse("events:event_ics", args=[event.slug]), HTTP_ACCEPT_LANGUAGE="es")
    assert "SUMMARY:Asamblea" in ics.content.decode()
