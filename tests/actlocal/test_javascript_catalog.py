"""/jsi18n/: the scripts' words in the reader's language, as an external script."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from actlocal.jsi18n import _catalog_stamp

pytestmark = pytest.mark.django_db


def test_the_catalog_is_spanish_for_spanish_readers(anon_client):
    response = anon_client.get(reverse("javascript_catalog"), HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "Cargando el mapa" in body and "globals.gettext" in body
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    assert "public" in response["Cache-Control"]


def test_the_catalog_is_cached_per_language(anon_client):
    spanish = anon_client.get(reverse("javascript_catalog"), HTTP_ACCEPT_LANGUAGE="es")
    english = anon_client.get(reverse("javascript_catalog"), HTTP_ACCEPT_LANGUAGE="en")
    again = anon_client.get(reverse("javascript_catalog"), HTTP_ACCEPT_LANGUAGE="es")
    assert "Cargando el mapa" not in english.content.decode()
    assert again.content == spanish.content
    assert cache.get(f"jsi18n:es:{_catalog_stamp('es')}") == spanish.content


def test_pages_with_scripts_that_speak_load_the_catalog_first(anon_client):
    page = anon_client.get(reverse("directory:map"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert page.index('src="/jsi18n/"') < page.index("js/map.js")
