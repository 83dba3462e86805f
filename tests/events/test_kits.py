"""Event kits: save an event as a kit, start a new event from it in another city and zone."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event, EventRole, Question, ReminderOffset, Session
from events.permissions import can_view
from events.services.events import EventError
from events.services.kits import event_create_from_kit, kit_save_from_event
from events.services.rsvps import RSVPError, rsvp_respond
from tests.actlocal.factories import TopicFactory, UserFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import EventFactory, QuestionFactory, SessionFactory
from .setup_roles import role_client

NEW_YORK, CHICAGO = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")


def at(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone)


@pytest.fixture
def source(db):
    """A New York convening (8:00-17:00) with a 9:00 workshop and a dinner at 18:00."""
    event = EventFactory(
        title="Brooklyn Convening",
        starts_at=at(NEW_YORK, 2031, 6, 10, 8, 0),
        ends_at=at(NEW_YORK, 2031, 6, 10, 17, 0),
        time_zone="America/New_York",
        city="Brooklyn",
        state="NY",
        zip_code="11201",
        capacity=80,
        host_organization=OrganizationFactory(),
        invitation_text="Join us.",
        confirmation_text="See you there.",
        reminder_text="Coming up soon.",
        reminders=[168, 24, 2],
    )
    event.topics.add(TopicFactory())
    workshop = SessionFactory(
        event=event,
        title="Power mapping",
        starts_at=at(NEW_YORK, 2031, 6, 10, 9, 0),
        ends_at=at(NEW_YORK, 2031, 6, 10, 10, 30),
        capacity=25,
        signup_required=True,
    )
    workshop.facilitators.add(LeaderFactory())
    QuestionFactory(event=event, label="Which track?", kind="choice", choices="A\nB", position=0)
    QuestionFactory(event=event, label="Need a ride?", kind="yes_no", required=True, position=1)
    dinner = EventFactory(
        parent=event,
        kind=Event.Kind.DINNER,
        title="Dinner",
        starts_at=at(NEW_YORK, 2031, 6, 10, 18, 0),
        ends_at=at(NEW_YORK, 2031, 6, 10, 20, 0),
        capacity=12,
        reminders=[24],
    )
    QuestionFactory(event=dinner, label="Allergies?")
    EventFactory(parent=event, title="Cancelled lunch", status=Event.Status.CANCELLED)
    return event


@pytest.fixture
def kit(source, organizer_user):
    return kit_save_from_event(event=source, title="One-day convening", actor=organizer_user)


def test_a_saved_kit_carries_the_set_up_but_not_people_or_place(kit, source, organizer_user):
    assert kit.is_template and kit.status == Event.Status.DRAFT and kit.parent is None
    assert kit.title == "One-day convening"
    assert (kit.city, kit.zip_code, kit.venue, kit.host_organization) == ("", "", "", None)
    assert (kit.starts_at, kit.ends_at) == (source.starts_at, source.ends_at)
    assert kit.capacity == 80 and kit.time_zone == "America/New_York"
    assert (kit.invitation_text, kit.confirmation_text, kit.reminder_text) == (
        "Join us.",
        "See you there.",
        "Coming up soon.",
    )
    assert list(kit.topics.all()) == list(source.topics.all())
    session = kit.sessions.get()
    assert (session.title, session.capacity, session.signup_required) == ("Power mapping", 25, True)
    assert session.starts_at == at(NEW_YORK, 2031, 6, 10, 9, 0)
    assert not session.facilitators.exists()
    assert list(kit.questions.values_list("label", "kind", "required")) == [
        ("Which track?", "choice", False),
        ("Need a ride?", "yes_no", True),
    ]
    assert sorted(kit.reminder_offsets.values_list("hours_before", flat=True)) == [2, 24, 168]
    child = kit.followups.get()
    assert child.title == "Dinner" and child.is_template and child.capacity == 12
    assert list(child.questions.values_list("label", flat=True)) == ["Allergies?"]
    assert EventRole.objects.get(event=kit).user == organizer_user
    # The source is untouched.
    assert source.sessions.get().facilitators.count() == 1
    assert source.followups.count() == 2


def test_kits_are_never_shown_and_never_take_rsvps(kit, member_user):
    assert not can_view(AnonymousUser(), kit)
    assert not can_view(member_user, kit)
    assert kit not in Event.objects.listed()
    with pytest.raises(RSVPError):
        rsvp_respond(event=kit, leader=member_user.leader, actor=member_user, going=True)


def test_event_from_kit_keeps_local_wall_clock_times_in_another_zone(kit, organizer_user):
    start = at(CHICAGO, 2031, 11, 4, 10, 0)  # two hours later in the day, Central time
    event = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Chicago Convening",
        starts_at=start,
        time_zone="America/Chicago",
        venue="Hall",
        address="1 Lake St",
        city="Chicago",
        state="IL",
        zip_code="60601",
    )
    assert not event.is_template and event.status == Event.Status.DRAFT
    assert event.starts_at == start and event.local_end.hour == 19
    assert (event.city, event.state, event.time_zone) == ("Chicago", "IL", "America/Chicago")
    assert event.latitude is not None
    assert event.capacity == 80
    session = event.sessions.get()
    local = session.starts_at.astimezone(CHICAGO)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2031-11-04", 11, 0)
    assert session.ends_at.astimezone(CHICAGO).strftime("%H:%M") == "12:30"
    dinner = event.followups.get()
    assert not dinner.is_template and dinner.status == Event.Status.DRAFT
    assert dinner.starts_at.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M") == "2031-11-04 20:00"
    assert (dinner.city, dinner.time_zone, dinner.venue) == ("Chicago", "America/Chicago", "")
    assert list(dinner.questions.values_list("label", flat=True)) == ["Allergies?"]
    assert EventRole.objects.get(event=event).user == organizer_user
    assert EventRole.objects.get(event=dinner).role == EventRole.Role.LEAD
    assert sorted(event.reminder_offsets.values_list("hours_before", flat=True)) == [2, 24, 168]
    assert list(event.questions.values_list("label", flat=True)) == ["Which track?", "Need a ride?"]


def test_a_dinner_the_next_day_keeps_its_hour_across_a_clock_change(organizer_user):
    # Saturday 9:00 before the November change; the dinner is Sunday 18:00 after it.
    source = EventFactory(
        starts_at=at(NEW_YORK, 2031, 11, 1, 9, 0),
        ends_at=at(NEW_YORK, 2031, 11, 2, 17, 0),
        time_zone="America/New_York",
    )
    EventFactory(
        parent=source,
        kind=Event.Kind.DINNER,
        starts_at=at(NEW_YORK, 2031, 11, 2, 18, 0),
        ends_at=at(NEW_YORK, 2031, 11, 2, 20, 0),
    )
    kit = kit_save_from_event(event=source, title="Weekend", actor=organizer_user)
    event = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Denver weekend",
        starts_at=at(ZoneInfo("America/Denver"), 2031, 6, 7, 9, 0),
        time_zone="America/Denver",
        city="Denver",
        state="CO",
    )
    dinner = event.followups.get().starts_at.astimezone(ZoneInfo("America/Denver"))
    assert dinner.strftime("%Y-%m-%d %H:%M") == "2031-06-08 18:00"


def test_capacity_given_for_the_new_event_replaces_the_kits(kit, organizer_user):
    event = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Small one",
        starts_at=datetime(2031, 7, 1, 14, 0, tzinfo=UTC),
        time_zone="America/New_York",
        capacity=30,
    )
    assert event.capacity == 30


def test_an_event_is_not_a_kit_to_start_from(source, organizer_user):
    with pytest.raises(EventError):
        event_create_from_kit(
            kit=source,
            actor=organizer_user,
            title="Nope",
            starts_at=datetime(2031, 7, 1, 14, 0, tzinfo=UTC),
            time_zone="America/New_York",
        )


# --- pages ----------------------------------------------------------------------------------


def test_dashboard_button_saves_a_kit_named_after_the_event(team_client, event):
    response = team_client.post(reverse("events:kit_save", kwargs={"slug": event.slug}))
    assert response.status_code == 302
    kit = Event.objects.get(is_template=True)
    assert kit.title == f"Kit: {event.title}"


def test_kit_save_page_takes_a_name(team_client, event):
    assert (
        team_client.get(reverse("events:kit_save", kwargs={"slug": event.slug})).status_code == 200
    )
    team_client.post(
        reverse("events:kit_save", kwargs={"slug": event.slug}), {"title": "City convening"}
    )
    assert Event.objects.filter(is_template=True, title="City convening").exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("member", 404),
        ("invitee", 403),
        ("attendee", 403),
        ("other_team", 404),
        ("checkin", 403),
    ],
)
def test_only_the_team_saves_its_event_as_a_kit(request, event, role, status):
    client = role_client(request, role, event)
    response = client.post(reverse("events:kit_save", kwargs={"slug": event.slug}), {"title": "K"})
    assert response.status_code == status
    assert not Event.objects.filter(is_template=True).exists()


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        ("anon_client", 302),
        ("member_client", 403),
        ("invitee_client", 403),
        ("attendee_client", 403),
        ("checkin_volunteer_client", 403),
        ("organizer_client", 200),
        ("staff_client", 200),
    ],
)
def test_kit_list_is_for_network_organizers_and_staff(request, kit, fixture, status):
    client = request.getfixturevalue(fixture)
    response = client.get(reverse("events:kit_list"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "One-day convening" in page
        assert "Brooklyn Convening" not in page  # events are not kits
        assert reverse("events:kit_use", kwargs={"slug": kit.slug}) in page


def test_kit_list_offers_editing_to_the_kits_team(organizer_client, organizer_user, kit):
    page = organizer_client.get(reverse("events:kit_list")).content.decode()
    assert reverse("events:edit", kwargs={"slug": kit.slug}) in page
    someone = UserFactory(email="else@example.org", organizer=True)
    organizer_client.force_login(someone)
    page = organizer_client.get(reverse("events:kit_list")).content.decode()
    assert reverse("events:edit", kwargs={"slug": kit.slug}) not in page


def kit_use_payload(**overrides) -> dict:
    data = {
        "title": "Chicago Convening",
        "date": "2031-11-04",
        "start_time": "10:00",
        "time_zone": "America/Chicago",
        "venue": "Hall",
        "address": "1 Lake St",
        "city": "Chicago",
        "state": "IL",
        "zip_code": "60601",
        "capacity": "",
    }
    data.update(overrides)
    return data


def test_an_organizer_starts_an_event_from_a_kit_in_one_step(kit):
    organizer = UserFactory(email="chi@example.org", organizer=True)
    client = Client()
    client.force_login(organizer)
    url = reverse("events:kit_use", kwargs={"slug": kit.slug})
    assert client.get(url).status_code == 200
    response = client.post(url, kit_use_payload())
    event = Event.objects.get(title="Chicago Convening")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage", kwargs={"slug": event.slug})
    assert event.local_start.strftime("%Y-%m-%d %H:%M") == "2031-11-04 10:00"
    assert event.sessions.get().starts_at.astimezone(CHICAGO).hour == 11
    assert event.followups.count() == 1
    assert EventRole.objects.get(event=event).user == organizer
    assert event.capacity == 80


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"time_zone": "Chicago"}, "time_zone"),
        ({"date": "2001-01-01"}, "date"),
        ({"capacity": "-10"}, "capacity"),
        ({"city": ""}, "city"),
        ({"state": "ZZ"}, "state"),
        ({"zip_code": "6060"}, "zip_code"),
        ({"start_time": "25:00"}, "start_time"),
    ],
)
def test_bad_kit_use_input_creates_nothing(organizer_client, kit, overrides, field):
    before = Event.objects.count()
    response = organizer_client.post(
        reverse("events:kit_use", kwargs={"slug": kit.slug}), kit_use_payload(**overrides)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Event.objects.count() == before


def test_only_top_level_kits_can_be_used(organizer_client, kit, source):
    child = kit.followups.get()
    for slug in (child.slug, source.slug, "no-such-kit"):
        response = organizer_client.get(reverse("events:kit_use", kwargs={"slug": slug}))
        assert response.status_code == 404


@pytest.mark.parametrize(("fixture", "status"), [("anon_client", 302), ("member_client", 403)])
def test_people_who_cannot_create_events_cannot_use_kits(request, kit, fixture, status):
    client = request.getfixturevalue(fixture)
    before = Event.objects.count()
    response = client.post(reverse("events:kit_use", kwargs={"slug": kit.slug}), kit_use_payload())
    assert response.status_code == status
    assert Event.objects.count() == before


def test_the_kits_team_edits_the_kit_through_the_set_up_pages(organizer_client, kit):
    response = organizer_client.get(reverse("events:edit", kwargs={"slug": kit.slug}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Event kit: One-day convening" in page
    assert "Save and publish" not in page
    assert Session.objects.filter(event=kit).exists()
    assert Question.objects.filter(event=kit).count() == 2
    assert ReminderOffset.objects.filter(event=kit).count() == 3


def test_kit_times_shift_with_the_start_of_the_new_event(kit, organizer_user):
    start = kit.starts_at + timedelta(days=200)
    event = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Same zone",
        starts_at=start,
        time_zone=kit.time_zone,
    )
    session = event.sessions.get()
    assert session.starts_at.astimezone(NEW_YORK).strftime("%H:%M") == "09:00"
    assert event.ends_at.astimezone(NEW_YORK).strftime("%H:%M") == "17:00"


def test_kit_pages_and_the_create_page_have_one_heading_and_unique_ids(organizer_client, kit):
    for url in (
        reverse("events:kit_list"),
        reverse("events:kit_use", kwargs={"slug": kit.slug}),
        reverse("events:create"),
    ):
        html = organizer_client.get(url).content.decode()
        assert html.count("<h1") == 1
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), url


def test_kit_list_queries_do_not_grow_with_the_number_of_kits(
    organizer_client, organizer_user, kit
):
    url = reverse("events:kit_list")
    organizer_client.get(url)  # warm the session and the organizer lookup

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert organizer_client.get(url).status_code == 200
        return len(queries)

    one = count()
    for n in range(20):
        kit_save_from_event(event=EventFactory(), title=f"Kit {n}", actor=organizer_user)
    assert count() == one
