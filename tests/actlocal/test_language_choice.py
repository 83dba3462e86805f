"""Language choice: the browser's by default, the switcher (no JavaScript), the saved preference."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from actlocal.models import AuditEntry, User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

SPANISH = "Saltar al contenido"
ENGLISH = "Skip to content"


def _signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_a_visitor_gets_the_language_their_browser_asks_for(anon_client):
    page = anon_client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    html = page.content.decode()
    assert SPANISH in html and '<html lang="es">' in html
    assert page["Content-Language"] == "es"
    assert "Accept-Language" in page["Vary"]

    english = anon_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert ENGLISH in english and '<html lang="en' in english


def test_the_switcher_is_in_the_header_and_the_footer_and_keeps_the_page(anon_client):
    html = anon_client.get("/directory/leaders/?q=ana&page=1").content.decode()
    header, footer = html.split('<main id="main"')
    for part in (header, footer):
        assert f'action="{reverse("set_language")}"' in part
        assert 'name="next" value="/directory/leaders/?q=ana&amp;page=1"' in part
        assert 'name="language" value="es" lang="es"' in part
    # Anonymous pages are shared through the cache: no one visitor's CSRF token in them.
    assert "csrfmiddlewaretoken" not in html


def test_switching_without_javascript_returns_to_the_page_in_the_new_language(anon_client):
    response = anon_client.post(
        reverse("set_language"), {"language": "es", "next": "/directory/?q=x"}
    )
    assert response.status_code == 302 and response["Location"] == "/directory/?q=x"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    html = anon_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert SPANISH in html  # the choice beats the browser's


def test_the_switch_never_redirects_off_the_site(anon_client):
    response = anon_client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_unknown_language_changes_nothing(anon_client):
    response = anon_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switch_answers_only_post(anon_client):
    assert anon_client.get(reverse("set_language")).status_code == 405


def test_switching_saves_the_preference_of_a_signed_in_person():
    user = UserFactory()
    client = _signed_in(user)
    page = client.get("/")
    assert "csrfmiddlewaretoken" in page.content.decode()  # their pages are never shared
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    user.refresh_from_db()
    assert user.language == "es"
    assert AuditEntry.objects.filter(action="account.language", object_id=str(user.pk)).exists()


def test_a_signed_in_switch_needs_the_csrf_token():
    user = UserFactory()
    client = _signed_in(user, enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.language == ""


def test_the_saved_preference_beats_the_browser_and_another_browsers_choice():
    user = UserFactory(language="es")
    client = _signed_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chosen in this browser before
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    # The page that loaded the account puts the cookie back on the saved language...
    assert page.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    # ...so every later request is in it, and the site stays Spanish after signing out.
    assert SPANISH in client.get("/directory/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(reverse("account_logout"))
    assert SPANISH in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_signing_in_applies_the_saved_language(anon_client):
    user = UserFactory(email="rosa@example.org", language="es")
    response = anon_client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct-horse-battery"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert SPANISH in anon_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_signing_up_saves_the_language_signed_up_in(anon_client):
    anon_client.post(
        reverse("account_signup"),
        {
            "name": "Rosa Parks",
            "email": "new@example.org",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert User.objects.get(email="new@example.org").language == "es"


def test_the_profile_page_edits_the_preference(member_client, member_user):
    page = member_client.get(reverse("me")).content.decode()
    assert f'action="{reverse("me_language")}"' in page
    assert re.search(r'<select name="language"[^>]*id="id_language"', page)

    response = member_client.post(reverse("me_language"), {"language": "es"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    member_user.refresh_from_db()
    assert member_user.language == "es"
    assert SPANISH in member_client.get(reverse("me")).content.decode()

    response = member_client.post(reverse("me_language"), {"language": ""})
    member_user.refresh_from_db()
    assert member_user.language == ""  # back to the browser's
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # the cookie is dropped
    assert ENGLISH in member_client.get(reverse("me"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_profile_refuses_a_language_not_offered(member_client, member_user):
    response = member_client.post(reverse("me_language"), {"language": "fr"})
    assert response.status_code == 400
    assert "Choose one of the languages offered." in response.content.decode()
    member_user.refresh_from_db()
    assert member_user.language == ""


def test_only_a_signed_in_person_saves_a_language(anon_client):
    response = anon_client.post(reverse("me_language"), {"language": "es"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_data_download_includes_the_saved_language(member_client, member_user):
    member_user.language = "es"
    member_user.save(update_fields=["language"])
    data = member_client.get(reverse("me_data")).json()
    assert data["account"]["language"] == "es"
