"""Links in allauth's mails come from SITE_URL, never from the Host header a request named."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.actlocal.factories import UserFactory
from tests.clients import CommittingClient

pytestmark = [
    pytest.mark.django_db,
    # The worst case: any Host is accepted, as if production had ALLOWED_HOSTS=* (it refuses).
    pytest.mark.usefixtures("any_host"),
]

SITE = "https://actlocal.example.org"
PASSWORD = "a-long-enough-password-42"


@pytest.fixture
def any_host():
    with override_settings(ALLOWED_HOSTS=["*"], SITE_URL=SITE):
        yield


@pytest.fixture
def forged() -> Client:
    return CommittingClient(HTTP_HOST="evil.example.com")


def links(message) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def assert_links_on_site(message) -> None:
    found = links(message)
    assert found, message.body
    assert "evil.example.com" not in message.body
    assert all(link.startswith(SITE + "/") or link == SITE for link in found), found


def test_password_reset_mail_links_to_site_url(forged):
    UserFactory(email="reset@example.org")

    forged.post(reverse("account_reset_password"), {"email": "reset@example.org"})

    (message,) = mail.outbox
    assert_links_on_site(message)
    assert f"{SITE}/accounts/password/reset/key/" in message.body


def test_reset_request_for_an_unknown_address_links_to_site_url(forged):
    forged.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    (message,) = mail.outbox
    assert_links_on_site(message)
    assert f"{SITE}/accounts/signup/" in message.body


def test_signup_confirmation_mail_links_to_site_url(forged):
    forged.post(
        reverse("account_signup"),
        {
            "name": "Dana Doe",
            "email": "dana@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    (message,) = mail.outbox
    assert_links_on_site(message)
    assert f"{SITE}/accounts/confirm-email/" in message.body


def test_account_already_exists_mail_links_to_site_url(forged):
    UserFactory(email="member2@example.org")

    forged.post(
        reverse("account_signup"),
        {
            "name": "Dana Doe",
            "email": "member2@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    message = mail.outbox[-1]
    assert_links_on_site(message)
    assert f"{SITE}/accounts/password/reset/" in message.body
