"""With Redis (the cache) unreachable, every page that PostgreSQL can serve is served.

The cache points at a port where nothing listens: reads miss, writes are dropped, the outage is
logged, and rate limits fail open. Nothing here may answer 500.
"""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.test import Client, override_settings
from django.urls import reverse

from actlocal.ratelimit import hit
from events.models import RSVP
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory, ResourceFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "actlocal.cache_backend.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "actlocal-test-down",
    }
}


@pytest.fixture
def cache_down():
    with override_settings(CACHES=DOWN):
        # The outage is remembered per server for a few seconds; each test starts unaware.
        cache.outage.down_until = 0.0
        yield


def test_the_cache_backend_misses_and_drops_writes_when_redis_is_down(cache_down, caplog):
    with caplog.at_level(logging.WARNING, logger="actlocal.cache_backend"):
        cache.set("k", 1)
        assert cache.get("k", "missing") == "missing"
        assert cache.get_many(["k"]) == {}
        # An empty cache that forgets writes: adding succeeds (allauth's rate-limit lock relies
        # on it; a failed add would make every sign-in wait a second and get a 429).
        assert cache.add("k", 1) is True
        assert cache.set_many({"a": 1}) == []
        cache.delete("k")
        with pytest.raises(ValueError):
            cache.incr("k")
    # One warning per outage period, not one per call.
    warnings = [r for r in caplog.records if r.name == "actlocal.cache_backend"]
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()


def test_the_outage_is_shared_by_every_thread(cache_down):
    from concurrent.futures import ThreadPoolExecutor

    cache.get("k")  # fails and starts the bypass period
    with ThreadPoolExecutor(1) as pool:
        other_thread_backend = pool.submit(lambda: caches["default"]).result()
    assert other_thread_backend is not caches["default"]
    assert other_thread_backend.outage.is_down()


def test_rate_limits_fail_open_while_the_cache_is_down(cache_down):
    assert all(hit(scope="outage", key="k", rate="1/m") for _ in range(5))


def test_rate_limits_still_count_when_the_cache_is_up():
    assert hit(scope="outage", key="k", rate="1/m")
    assert not hit(scope="outage", key="k", rate="1/m")


def test_public_pages_are_served_from_the_database(cache_down, anon_client):
    leader = LeaderFactory(name="Cora Cache", visibility="public")
    organization = OrganizationFactory()
    resource = ResourceFactory()
    event = EventFactory(title="Outage Convening")
    campaign = CampaignFactory()
    urls = [
        "/",
        "/directory/",
        "/directory/leaders/",
        leader.get_absolute_url(),
        "/directory/organizations/",
        organization.get_absolute_url(),
        "/directory/resources/",
        resource.get_absolute_url(),
        "/directory/map/",
        "/directory/map.geojson?state=MA",
        "/events/",
        event.get_absolute_url(),
        "/campaigns/",
        campaign.get_absolute_url(),
        reverse("campaigns:scoreboard", args=[campaign.slug]),
    ]
    for url in urls:
        response = anon_client.get(url)
        assert response.status_code == 200, url
    assert "Outage Convening" in anon_client.get("/events/").content.decode()


def test_signed_in_pages_are_served(cache_down, member_client):
    assert member_client.get("/me/").status_code == 200
    assert member_client.get("/events/").status_code == 200


def test_sign_in_post_works(cache_down):
    user = UserFactory(email="cached@example.org")
    user.set_password("correct-horse-battery")
    user.save()
    client = Client()

    response = client.post(
        reverse("account_login"),
        {"login": "cached@example.org", "password": "correct-horse-battery"},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_rsvp_is_saved_and_confirmed(
    cache_down, member_client, member_user, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Open Convening")

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("events:rsvp", kwargs={"slug": event.slug}),
            {"going": "yes", "accessibility_needs": "", "dietary_needs": ""},
        )

    assert response.status_code == 302
    rsvp = RSVP.objects.get(event=event, leader__user=member_user)
    assert rsvp.status == RSVP.Status.GOING
    assert any(member_user.email in message.to for message in mail.outbox)


def test_healthz_reports_the_cache_as_down_but_stays_up(cache_down, anon_client):
    response = anon_client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "cache": "unavailable", "broker": "ok"}


def test_allauth_sign_in_limits_fail_open(cache_down):
    UserFactory(email="limited@example.org")
    wrong = {"login": "limited@example.org", "password": "wrong-password"}
    client = Client()
    with override_settings(ACCOUNT_RATE_LIMITS={"login": "1/m/ip"}):
        statuses = [client.post(reverse("account_login"), wrong).status_code for _ in range(3)]
    assert 429 not in statuses
    assert set(statuses) == {200}


def test_an_error_answer_from_redis_is_bypassed_too(monkeypatch):
    import redis

    cache.outage.down_until = 0.0

    def refuse(*args, **kwargs):
        raise redis.exceptions.ReadOnlyError("You can't write against a read only replica.")

    client = cache._cache.get_client(write=True)
    monkeypatch.setattr(client, "set", refuse)
    cache.set("k", 1)  # no exception

    assert cache.outage.is_down()
    cache.outage.down_until = 0.0  # the real cache serves the next tests
