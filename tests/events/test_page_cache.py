"""Anonymous visitors get the public events pages from the shared page cache (directory.cache).

Any change to an event, an RSVP or a session makes them stale at once; invite-only events and
signed-in people never share a page; the one-step RSVP form gets each visitor's own CSRF token.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.cache import CACHE_HIT_HEADER, CSRF_PLACEHOLDER, cache_public_page
from events.models import Event
from tests.actlocal.test_cache_outage import cache_down  # noqa: F401 (fixture)

from .factories import EventFactory, EventRoleFactory, RSVPFactory

pytestmark = pytest.mark.django_db

LIST = "/events/"


def _without_tokens(response) -> bytes:
    # Each visitor's copy carries their own CSRF token; everything else is the shared page.
    return re.sub(rb'(csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"', b"", response.content)


def hit(response) -> bool:
    return response.get(CACHE_HIT_HEADER) == "hit"


@pytest.fixture
def event(db):
    return EventFactory(title="Riverside Cleanup", capacity=3, reminders=[])


@pytest.mark.parametrize("which", ["list", "detail", "near"])
def test_anonymous_events_pages_come_from_the_cache_without_queries(
    anon_client, django_assert_num_queries, event, which
):
    url = {
        "list": LIST,
        "detail": event.get_absolute_url(),
        "near": f"{reverse('events:near_part')}?zip=02139&miles=50",
    }[which]
    first = anon_client.get(url)
    assert first.status_code == 200 and not hit(first)
    with django_assert_num_queries(0):
        second = anon_client.get(url)
    assert hit(second)
    assert _without_tokens(second) == _without_tokens(first)


def test_a_new_rsvp_shows_on_the_next_anonymous_view(anon_client, event):
    anon_client.get(LIST)
    assert b"3 seats left" in anon_client.get(LIST).content
    RSVPFactory(event=event)
    response = anon_client.get(LIST)
    assert not hit(response)
    assert b"2 seats left" in response.content


def test_an_edited_event_shows_on_the_next_anonymous_view(anon_client, event):
    anon_client.get(event.get_absolute_url())
    event.title = "Riverside Cleanup, moved indoors"
    event.save()
    response = anon_client.get(event.get_absolute_url())
    assert b"moved indoors" in response.content
    assert b"moved indoors" in anon_client.get(LIST).content


def test_a_directory_change_makes_the_events_pages_stale_too(anon_client, event):
    from tests.directory.factories import OrganizationFactory

    host = OrganizationFactory(name="Harbor Friends")
    anon_client.get(LIST)
    event.host_organization = host
    Event.objects.filter(pk=event.pk).update(host_organization=host)  # no signal on purpose
    host.name = "Harbor Friends United"
    host.save()  # a directory write: bumps the directory version every page is keyed by
    assert b"Harbor Friends United" in anon_client.get(LIST).content


def test_an_invite_only_event_never_enters_a_shared_page(anon_client, member_client, member_user):
    secret = EventFactory(
        title="Quiet Strategy Dinner", visibility=Event.Visibility.INVITE_ONLY, reminders=[]
    )
    EventRoleFactory(event=secret, user=member_user)
    assert member_client.get(secret.get_absolute_url()).status_code == 200
    member_client.get(secret.get_absolute_url())
    assert anon_client.get(secret.get_absolute_url()).status_code == 404
    assert b"Quiet Strategy Dinner" not in anon_client.get(LIST).content


def test_a_response_marked_private_is_never_stored(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    calls = []

    @cache_public_page(scopes=("events",))
    def view(request):
        calls.append(1)
        response = HttpResponse("only for you")
        response["Cache-Control"] = "private, no-store"
        return response

    for _ in range(2):
        request = rf.get("/events/private-thing/")
        request.user = AnonymousUser()
        request._messages = []
        assert not hit(view(request))
    assert len(calls) == 2


@pytest.mark.parametrize("client_name", ["member_client", "organizer_client", "staff_client"])
def test_signed_in_people_never_get_the_anonymous_page(request, client_name, event):
    anon_client = request.getfixturevalue("anon_client")
    anon_client.get(event.get_absolute_url())
    assert hit(anon_client.get(event.get_absolute_url()))
    response = request.getfixturevalue(client_name).get(event.get_absolute_url())
    assert not hit(response)
    assert "private" in response["Cache-Control"]
    assert b"Sign out" in response.content


def test_each_visitor_gets_their_own_csrf_token_and_can_rsvp_from_a_cached_page(event):
    tokens = []
    for name in ("Ana", "Ben"):
        client = Client(enforce_csrf_checks=True)
        page = client.get(event.get_absolute_url())
        assert page.status_code == 200
        assert CSRF_PLACEHOLDER.encode() not in page.content
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)[1]
        tokens.append(token)
        assert "csrftoken" in page.cookies
        data = {"name": name, "email": f"{name.lower()}@example.org", "zip_code": "02139"}
        data["csrfmiddlewaretoken"] = token.decode()
        answer = client.post(reverse("events:rsvp_one_step", args=[event.slug]), data)
        assert answer.status_code == 200 and b"Check your mail" in answer.content
    assert tokens[0] != tokens[1]


def test_the_pages_are_served_when_the_cache_is_down(cache_down, anon_client, event):  # noqa: F811
    for url in (LIST, event.get_absolute_url()):
        response = anon_client.get(url)
        assert response.status_code == 200
        assert b"Riverside Cleanup" in response.content
        assert CSRF_PLACEHOLDER.encode() not in response.content


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_uncached_pages_cost_the_same_queries_with_one_event_or_many(anon_client, event):
    def counts(tag: str) -> tuple[int, int]:
        # A fresh query string each time: past the page cache, as a new search would be.
        return (
            _queries(anon_client, f"{LIST}?q_={tag}"),
            _queries(anon_client, f"{event.get_absolute_url()}?q_={tag}"),
        )

    few = counts("one")
    for _ in range(25):
        other = EventFactory(reminders=[])
        RSVPFactory(event=other)
    RSVPFactory(event=event)
    assert counts("many") == few
