"""An event's article (what, when, where, hosts, topics, agenda, follow-ups) and its RSVP panel
as anonymous visitors see it are rendered once for every anonymous visitor and kept in the cache
(events.fragments): a page-cache miss then reads only the event's row whatever the event holds,
and any change shows at once."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory.cache import CSRF_PLACEHOLDER
from directory.models import Leader
from events import fragments
from events.models import Event
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import EventFactory, QuestionFactory, RSVPFactory, SessionFactory

pytestmark = pytest.mark.django_db

_fresh = iter(range(10**6))


def _get(event, client=None, language="en") -> str:
    # A new query string each time, so the page cache misses and only the parts are shared.
    client = client or Client()
    url = f"{event.get_absolute_url()}?v={next(_fresh)}"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _queries(event) -> int:
    with CaptureQueriesContext(connection) as context:
        _get(event)
    return len(context.captured_queries)


def _furnish(event, *, sessions: int) -> None:
    event.co_hosts.add(*(OrganizationFactory() for _ in range(sessions)))
    event.topics.add(*(TopicFactory() for _ in range(sessions)))
    for _ in range(sessions):
        session = SessionFactory(event=event, signup_required=True, capacity=10)
        session.facilitators.add(LeaderFactory(), LeaderFactory())
        EventFactory(parent=event, reminders=[])


def test_a_page_cache_miss_runs_the_same_queries_whatever_the_event_holds():
    small, large = EventFactory(reminders=[]), EventFactory(reminders=[])
    _furnish(small, sessions=1)
    _furnish(large, sessions=6)
    cold = []
    for event in (small, large):
        with CaptureQueriesContext(connection) as context:
            _get(event)
        cold.append(len(context.captured_queries))
    warm_small, warm_large = _queries(small), _queries(large)
    assert warm_small == warm_large
    assert warm_small < min(cold)


@pytest.mark.parametrize("sessions", [1, 5])
def test_query_count_with_the_article_cached(django_assert_num_queries, sessions):
    event = EventFactory(reminders=[])
    _furnish(event, sessions=sessions)
    _get(event)
    # The event's row: the article and the panel (seats, the one-step form's questions) none.
    with django_assert_num_queries(1):
        _get(event)


def test_session_host_leader_and_topic_changes_show_at_once():
    host = OrganizationFactory(name="Harbor Friends")
    event = EventFactory(reminders=[], host_organization=host)
    session = SessionFactory(event=event, title="Canvass training")
    leader = LeaderFactory(name="Ada Moreno")
    session.facilitators.add(leader)
    page = _get(event)
    assert "Canvass training" in page and "Ada Moreno" in page and "Harbor Friends" in page
    assert "Canvass training" in _get(event)  # now from the cache

    session.title = "Door-knocking training"
    session.save()
    assert "Door-knocking training" in _get(event)
    leader.name = "Ada Moreno-Ruiz"
    leader.save()
    assert "Ada Moreno-Ruiz" in _get(event)
    host.name = "Harbor Neighbors"
    host.save()
    assert "Harbor Neighbors" in _get(event)
    event.topics.add(TopicFactory(name="Tenant rights"))
    assert "Tenant rights" in _get(event)
    event.description = "Now with lunch."
    event.save()
    assert "Now with lunch." in _get(event)


def test_a_new_follow_up_shows_at_once_but_never_an_invite_only_one():
    event = EventFactory(reminders=[])
    _get(event)
    EventFactory(parent=event, title="Private debrief", visibility=Event.Visibility.INVITE_ONLY)
    assert "Private debrief" not in _get(event)
    EventFactory(parent=event, title="Open follow-up")
    assert "Open follow-up" in _get(event)


def test_english_and_spanish_articles_are_kept_apart():
    event = EventFactory(
        reminders=[], title="Town hall", title_es="Asamblea", description_es="Traiga a un amigo."
    )
    SessionFactory(event=event, signup_required=True)
    # Stored in one language first, then each language must still get its own.
    _get(event, language="en"), _get(event, language="es")
    english_again, spanish_again = _get(event, language="en"), _get(event, language="es")
    assert "<h1>Town hall</h1>" in english_again and "Asamblea" not in english_again
    assert "<h1>Asamblea</h1>" in spanish_again and "Traiga a un amigo." in spanish_again
    assert "People going to the event can sign up." in english_again
    assert "People going to the event can sign up." not in spanish_again


def test_signed_in_viewers_get_their_own_article(member_client, member_user):
    event = EventFactory(reminders=[])
    session = SessionFactory(event=event, signup_required=True, capacity=5)
    leader = Leader.objects.get(user=member_user)
    rsvp = RSVPFactory(event=event, leader=leader)
    session.signups.create(rsvp=rsvp)
    _get(event)  # the anonymous article is stored
    mine = _get(event, client=member_client)
    assert "You are signed up" in mine
    assert "You are signed up" not in _get(event)


@pytest.mark.parametrize(
    "changes",
    [
        {"visibility": Event.Visibility.INVITE_ONLY},
        {"status": Event.Status.DRAFT},
        {"is_template": True},
    ],
)
def test_only_public_events_are_shared_and_only_with_anonymous_visitors(rf, changes):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert fragments.article_is_shared(request, EventFactory.build())
    assert not fragments.article_is_shared(request, EventFactory.build(**changes))


def _stored(kind: str) -> list[str]:
    client = cache._cache.get_client()
    prefix = len(cache.make_key(""))
    pattern = cache.make_key(f"events:{kind}:*")
    return [key.decode()[prefix:] for key in client.scan_iter(match=pattern)]


def test_seats_left_and_the_questions_show_at_once_in_the_stored_panel():
    event = EventFactory(reminders=[], capacity=3)
    assert "3 seats left." in _get(event)
    RSVPFactory(event=event)
    assert "2 seats left." in _get(event)
    QuestionFactory(event=event, label="Do you need childcare?")
    assert "Do you need childcare?" in _get(event)


def test_the_stored_panel_holds_no_token_and_every_visitor_gets_their_own():
    event = EventFactory(reminders=[])
    first, second = Client(), Client()
    tokens = []
    for client in (first, second):
        page = _get(event, client=client)
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
        assert CSRF_PLACEHOLDER not in page
    assert tokens[0] != tokens[1]
    (key,) = _stored("panel")
    assert CSRF_PLACEHOLDER in cache.get(key)
    assert tokens[0] not in cache.get(key) and tokens[1] not in cache.get(key)


def test_a_signed_in_persons_rsvp_never_reaches_the_shared_panel(member_client, member_user):
    event = EventFactory(reminders=[])
    RSVPFactory(event=event, leader=Leader.objects.get(user=member_user))
    assert "Your RSVP" in _get(event, client=member_client)
    assert _stored("panel") == [] and _stored("article") == []
    anonymous = _get(event)
    assert "Your RSVP" not in anonymous and "Coming?" in anonymous
    assert "Your RSVP" in _get(event, client=member_client)


def test_an_invitees_view_of_an_invite_only_event_is_never_stored(member_client, member_user):
    event = EventFactory(
        reminders=[], visibility=Event.Visibility.INVITE_ONLY, address="12 Hidden Lane"
    )
    RSVPFactory(event=event, leader=Leader.objects.get(user=member_user))
    assert "12 Hidden Lane" in _get(event, client=member_client)
    assert _stored("panel") == [] and _stored("article") == [] and _stored("crumb") == []
    assert Client().get(event.get_absolute_url()).status_code == 404


def test_english_and_spanish_panels_are_kept_apart():
    event = EventFactory(reminders=[], capacity=5)
    _get(event, language="en"), _get(event, language="es")
    english, spanish = _get(event, language="en"), _get(event, language="es")
    assert "5 seats left." in english and "5 seats left." not in spanish
    assert "Coming?" in english and "Coming?" not in spanish


def test_a_stored_breadcrumb_never_names_an_invite_only_parent():
    parent = EventFactory(title="Private Convening", visibility=Event.Visibility.INVITE_ONLY)
    dinner = EventFactory(parent=parent, title="Open Dinner", reminders=[])
    _get(dinner)
    assert "Private Convening" not in _get(dinner)  # from the stored parts
    assert all("Private Convening" not in cache.get(key) for key in _stored("crumb"))
