"""The client's IP for rate limits comes from X-Forwarded-For only as far as proxies are trusted."""

from __future__ import annotations

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from actlocal.clientip import client_ip
from tests.actlocal.factories import UserFactory


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(request_from("10.0.0.5", "203.0.113.9")) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_means_the_last_entry():
    # The client may write anything on the left; the proxy appended the real address.
    assert client_ip(request_from("10.0.0.5", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_count_from_the_right():
    forwarded = "1.2.3.4, 203.0.113.9, 10.0.0.7"
    assert client_ip(request_from("10.0.0.5", forwarded)) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.9"])
def test_too_few_entries_fall_back_to_the_proxy_address(forwarded):
    assert client_ip(request_from("10.0.0.5", forwarded)) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_an_entry_that_is_not_an_address_falls_back_to_the_proxy_address():
    assert client_ip(request_from("10.0.0.5", "not-an-ip")) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_allauth_uses_the_same_client_ip():
    request = request_from("10.0.0.5", "1.2.3.4, 203.0.113.9")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.9"


@pytest.mark.django_db
@override_settings(ADMIN_LOGIN_RATE="2/m", TRUSTED_PROXY_COUNT=1)
def test_admin_login_limit_counts_each_visitor_behind_the_proxy():
    # Every request arrives from the proxy's address; only the forwarded one tells them apart.
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    for _ in range(3):
        last = first.post("/admin/login/", {"username": "x@example.org", "password": "wrong"})
    assert last.status_code == 429
    response = second.post("/admin/login/", {"username": "x@example.org", "password": "wrong"})
    assert response.status_code == 200


@pytest.mark.django_db
@override_settings(ADMIN_LOGIN_RATE="2/m", TRUSTED_PROXY_COUNT=0)
def test_a_forged_header_does_not_escape_the_limit_without_a_proxy():
    for number in range(3):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
        last = client.post("/admin/login/", {"username": "x@example.org", "password": "wrong"})
    assert last.status_code == 429


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"}, TRUSTED_PROXY_COUNT=1)
def test_allauth_sign_in_limit_counts_each_visitor_behind_the_proxy():
    UserFactory(email="someone@example.org")
    wrong = {"login": "someone@example.org", "password": "wrong-password"}
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    for _ in range(3):
        last = first.post(reverse("account_login"), wrong)
    assert last.status_code == 429
    assert second.post(reverse("account_login"), wrong).status_code != 429
