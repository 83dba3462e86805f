"""Toolkits and their documents may carry a Spanish version, sanitised like the original."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.toolkits.factories import DocumentFactory, ToolkitFactory
from toolkits.models import Document, Toolkit

pytestmark = pytest.mark.django_db


def test_an_editor_writes_a_spanish_document_and_it_is_sanitised(editor_client):
    toolkit = ToolkitFactory(status="published", visibility="public")
    response = editor_client.post(
        reverse("toolkits:document_create", args=[toolkit.slug]),
        {
            "title": "How to testify",
            "slug": "testify",
            "body": "## Before\n\nPrepare.",
            "title_es": "Cómo testificar",
            "body_es": "## Antes\n\nPrepárese. <script>alert(1)</script> [y](javascript:alert(1))",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(slug="testify")
    assert "<h2" in document.body_html_es and "Antes" in document.body_html_es
    # Raw HTML is shown as text, never as a tag; a javascript: link is no link.
    assert "<script" not in document.body_html_es and "<a " not in document.body_html_es
    assert "&lt;script&gt;" in document.body_html_es
    assert [entry["text"] for entry in document.toc_es] == ["Antes"]


def test_readers_see_the_document_in_their_language_with_the_original_as_fallback(editor_client):
    toolkit = ToolkitFactory(
        status="published", visibility="public", title="Testimony kit", title_es="Kit de testimonio"
    )
    editor_client.post(
        reverse("toolkits:document_create", args=[toolkit.slug]),
        {
            "title": "How to testify",
            "slug": "testify",
            "body": "## Before\n\nPrepare.",
            "title_es": "Cómo testificar",
            "body_es": "## Antes\n\nPrepárese.",
        },
    )
    DocumentFactory(toolkit=toolkit, title="Only English", slug="only-english")
    url = reverse("toolkits:document", args=[toolkit.slug, "testify"])
    spanish = Client().get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Cómo testificar" in spanish and "Prepárese." in spanish and "Prepare." not in spanish
    assert "Kit de testimonio" in spanish
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "How to testify" in english and "Prepare." in english and "Prepárese" not in english

    listing = Client().get(toolkit.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Cómo testificar" in listing and "Only English" in listing


def test_the_toolkit_card_shows_the_spanish_summary_to_spanish_readers(editor_client):
    response = editor_client.post(
        reverse("toolkits:create"),
        {
            "title": "Op-ed guide",
            "slug": "op-ed-guide",
            "summary": "Get published.",
            "title_es": "Guía de artículos de opinión",
            "summary_es": "Publique su artículo.",
            "kind": "action_guide",
            "visibility": "public",
            "status": "published",
        },
    )
    assert response.status_code == 302
    assert Toolkit.objects.get(slug="op-ed-guide").summary_es == "Publique su artículo."
    spanish = Client().get(reverse("toolkits:list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Guía de artículos de opinión" in spanish and "Publique su artículo." in spanish
    english = Client().get(reverse("toolkits:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Op-ed guide" in english and "Publique" not in english


def test_search_uses_the_original_text_only():
    ToolkitFactory(status="published", visibility="public", title="Op-ed guide", title_es="Guía")
    found = Client().get(reverse("toolkits:list"), {"q": "Guía"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "Op-ed guide" not in found.content.decode() and "Guía</a>" not in found.content.decode()
