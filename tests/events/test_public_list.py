"""The public events list: what is listed, the filters, pagination and its query count."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.geo import zip_place
from events.models import Event
from events.views.public import PAGE_SIZE
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import OrganizationFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db

URL = reverse("events:list")


def located(zip_code: str, **kwargs) -> Event:
    """An event placed at a ZIP centroid, as the organizer service would place it."""
    place = zip_place(zip_code)
    return EventFactory(
        zip_code=zip_code, latitude=place.lat, longitude=place.lng, reminders=[], **kwargs
    )


def titles(response) -> list[str]:
    return [event.title for event in response.context["page_obj"].object_list]


def test_list_shows_upcoming_published_public_events_only(anon_client):
    EventFactory(title="Open Convening")
    EventFactory(title="Secret Retreat", visibility=Event.Visibility.INVITE_ONLY)
    EventFactory(title="Draft Meetup", status=Event.Status.DRAFT)
    EventFactory(title="Kit Template", is_template=True)
    EventFactory(title="Called Off", status=Event.Status.CANCELLED)
    past = timezone.now() - timedelta(days=3)
    EventFactory(title="Last Week", starts_at=past, ends_at=past + timedelta(hours=3))

    response = anon_client.get(URL)

    assert response.status_code == 200
    assert titles(response) == ["Open Convening"]
    for hidden in (b"Secret Retreat", b"Draft Meetup", b"Kit Template", b"Called Off", b"Last"):
        assert hidden not in response.content


def test_invite_only_event_is_not_listed_even_for_its_invitee(invitee_client, event):
    response = invitee_client.get(URL)

    assert event.title.encode() not in response.content


def test_events_are_in_date_order_with_ties_broken_by_id(anon_client):
    start = timezone.now() + timedelta(days=5)
    later = EventFactory(title="Later", starts_at=start + timedelta(days=1))
    first = EventFactory(title="Tie A", starts_at=start)
    second = EventFactory(title="Tie B", starts_at=start)

    response = anon_client.get(URL)

    assert [e.pk for e in response.context["page_obj"].object_list] == [
        first.pk,
        second.pk,
        later.pk,
    ]


def test_event_that_started_but_has_not_ended_is_still_listed(anon_client):
    start = timezone.now() - timedelta(hours=1)
    EventFactory(title="Happening Now", starts_at=start, ends_at=start + timedelta(hours=5))

    assert titles(anon_client.get(URL)) == ["Happening Now"]


def test_card_shows_time_in_the_events_own_time_zone(anon_client):
    EventFactory(
        title="Denver Training",
        time_zone="America/Denver",
        starts_at=datetime(2099, 1, 10, 16, 0, tzinfo=UTC),
        ends_at=datetime(2099, 1, 10, 20, 0, tzinfo=UTC),
    )

    content = anon_client.get(URL).content.decode()

    assert "9:00 AM" in content
    assert "1:00 PM MST" in content


def test_card_shows_seats_left_and_full_events(anon_client):
    roomy = EventFactory(title="Roomy", capacity=3)
    RSVPFactory(event=roomy)
    full = EventFactory(title="Packed", capacity=1)
    RSVPFactory(event=full)

    content = anon_client.get(URL).content.decode()

    assert "2 seats left" in content
    assert "Full: waitlist open" in content


def test_filter_by_state_kind_and_topic(anon_client):
    housing = TopicFactory(slug="housing-test", name="Housing test")
    EventFactory(title="MA Training", state="MA", kind=Event.Kind.TRAINING)
    match = EventFactory(title="MA Housing Training", state="MA", kind=Event.Kind.TRAINING)
    match.topics.add(housing)
    EventFactory(title="NY Training", state="NY", kind=Event.Kind.TRAINING).topics.add(housing)
    EventFactory(title="MA Dinner", state="MA", kind=Event.Kind.DINNER).topics.add(housing)

    response = anon_client.get(URL, {"state": "MA", "kind": "training", "topic": "housing-test"})

    assert response.status_code == 200
    assert titles(response) == ["MA Housing Training"]
    assert "Massachusetts" in response.context["filter_summary"]


def test_near_zip_finds_events_within_the_distance_only(anon_client):
    located("02139", title="Cambridge Meetup")  # the searched ZIP itself
    located("02215", title="Boston Meetup")  # a couple of miles away
    located("01608", title="Worcester Meetup")  # about 40 miles away
    located("10001", title="New York Meetup")  # about 190 miles away
    EventFactory(title="Nowhere Meetup", latitude=None, longitude=None)

    near = anon_client.get(URL, {"zip": "02139", "miles": "10"})
    wider = anon_client.get(URL, {"zip": "02139", "miles": "50"})

    assert near.status_code == 200
    assert set(titles(near)) == {"Cambridge Meetup", "Boston Meetup"}
    assert set(titles(wider)) == {"Cambridge Meetup", "Boston Meetup", "Worcester Meetup"}
    assert "miles away" in near.content.decode()


def test_near_zip_without_miles_uses_the_default_distance(anon_client):
    located("02215", title="Boston Meetup")
    located("01608", title="Worcester Meetup")

    response = anon_client.get(URL, {"zip": "02139-4307"})

    assert titles(response) == ["Boston Meetup"]
    assert "within 25 miles of 02139" in response.context["filter_summary"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"state": "ZZ"}, "is not a US state code we know"),
        ({"kind": "rave"}, "is not a kind of event"),
        ({"topic": "no-such-topic"}, "There is no topic"),
        ({"zip": "00000"}, "is not a US ZIP code we know"),
        ({"zip": "abcde"}, "is not a US ZIP code we know"),
        ({"zip": "02139", "miles": "7"}, "is not a distance we offer"),
        ({"zip": "02139", "miles": "-1; DROP TABLE"}, "is not a distance we offer"),
        ({"miles": "10"}, "Enter a ZIP code to search by distance"),
    ],
)
def test_invalid_filters_give_a_clear_message_and_status_400(anon_client, query, message):
    EventFactory(title="Open Convening")

    response = anon_client.get(URL, query)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert b"Open Convening" not in response.content


def test_pages_are_stable_and_bad_page_numbers_are_explained(anon_client):
    start = timezone.now() + timedelta(days=3)
    for n in range(PAGE_SIZE + 2):
        EventFactory(title=f"Meetup {n:02d}", starts_at=start, reminders=[])

    first = anon_client.get(URL)
    second = anon_client.get(URL, {"page": "2"})
    not_a_number = anon_client.get(URL, {"page": "two"})
    too_far = anon_client.get(URL, {"page": "9"})

    assert len(titles(first)) == PAGE_SIZE
    assert titles(second) == ["Meetup 20", "Meetup 21"]
    assert not set(titles(first)) & set(titles(second))
    assert not_a_number.status_code == 400
    assert "is not a page number" in not_a_number.content.decode()
    assert too_far.status_code == 404
    assert "There is no page 9" in too_far.content.decode()


def test_filtered_pages_keep_their_filters_in_shareable_links(anon_client):
    start = timezone.now() + timedelta(days=3)
    for n in range(PAGE_SIZE + 1):
        EventFactory(title=f"Meetup {n:02d}", starts_at=start, state="MA", reminders=[])

    content = anon_client.get(URL, {"state": "MA"}).content.decode()

    assert "?state=MA&amp;page=2" in content
    assert reverse("events:feed_ics") + "?state=MA" in content


def _make_listed_events(count: int) -> None:
    topics = [TopicFactory(), TopicFactory()]
    host = OrganizationFactory()
    for _n in range(count):
        event = EventFactory(host_organization=host, reminders=[])
        event.topics.add(*topics)
        RSVPFactory(event=event)


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_is_the_same_for_1_and_50_events(
    anon_client, django_assert_num_queries, count
):
    _make_listed_events(count)
    # count, page rows (host joined; seats taken and topics as subqueries), the topic filter's
    # choices (the filter sidebar is then cached until a topic changes)
    with django_assert_num_queries(3):
        response = anon_client.get(URL)
    assert len(response.context["page_obj"].object_list) == min(count, PAGE_SIZE)


@pytest.mark.parametrize("count", [1, 50])
def test_filtered_list_query_count_is_the_same_for_1_and_50_events(
    anon_client, django_assert_num_queries, count
):
    _make_listed_events(count)
    Event.objects.update(latitude=42.36, longitude=-71.1)
    # plus the chosen topic's lookup; the distance is measured inside the count and page queries
    topic = Event.objects.first().topics.first()
    with django_assert_num_queries(4):
        response = anon_client.get(URL, {"zip": "02139", "topic": topic.slug, "state": "MA"})
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == min(count, PAGE_SIZE)


def test_home_page_shows_the_next_public_events(anon_client):
    EventFactory(title="Next Public Convening")
    EventFactory(title="Private Retreat", visibility=Event.Visibility.INVITE_ONLY)

    content = anon_client.get("/").content.decode()

    assert "Next Public Convening" in content
    assert "Private Retreat" not in content


@pytest.mark.django_db
def test_cards_get_their_topics_without_array_subqueries(django_assert_num_queries):
    """The path `make run` takes on SQLite, which has no ARRAY: one query for all topics."""
    from actlocal.models import Topic
    from events import selectors

    first, second = EventFactory(), EventFactory()
    housing = Topic.objects.create(slug="housing-x", name="Housing X")
    first.topics.add(housing)
    events = list(Event.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    for event in events:
        event.card_going = 0

    with django_assert_num_queries(1):
        selectors.cards_fill(events)

    assert [t.slug for t in events[0].card_topics] == ["housing-x"]
    assert events[1].card_topics == []


def test_the_count_of_a_search_is_kept_past_the_page_cache_until_an_event_changes(
    anon_client, django_assert_num_queries
):
    _make_listed_events(3)
    Event.objects.update(latitude=42.36, longitude=-71.1)
    params = {"zip": "02139", "miles": "50"}
    first = anon_client.get(URL, {**params, "utm_source": "a"})
    assert first.context["paginator"].count == 3
    # The filter sidebar, the count and the page's cards from the cache: no row is read.
    with django_assert_num_queries(0):
        again = anon_client.get(URL, {**params, "utm_source": "b"})
    assert again.context["paginator"].count == 3
    Event.objects.order_by("id").first().delete()  # bumps the events' version, as any edit
    assert anon_client.get(URL, {**params, "utm_source": "c"}).context["paginator"].count == 2
