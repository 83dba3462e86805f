"""An event's article (what, when, where, hosts, topics, agenda, follow-ups) is rendered once for
every anonymous visitor and kept in the cache (events.fragments): a page-cache miss then runs
the same few queries whatever the event holds, and any change shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory.models import Leader
from events import fragments
from events.models import Event
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import EventFactory, RSVPFactory, SessionFactory

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
    # The event, its seats and the one-step form's questions: the article costs none.
    with django_assert_num_queries(3):
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
