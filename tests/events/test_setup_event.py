"""Creating, editing, publishing and cancelling events: pages, permissions, services."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from events.models import RSVP, Event, EventRole, MessageDelivery
from events.services.events import EventError, event_cancel, event_create, event_update
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import EventFactory, RSVPFactory
from .setup_roles import ALL_ROLES, MANAGE_PAGE_STATUS, co_organizer, role_client

FUTURE_DAY = "2031-06-10"


def create_payload(**overrides) -> dict:
    data = {
        "kind": "convening",
        "title": "Denver Convening",
        "description": "A day together.",
        "starts_local": f"{FUTURE_DAY}T09:00",
        "ends_local": f"{FUTURE_DAY}T17:00",
        "time_zone": "America/Denver",
        "venue": "Union Hall",
        "address": "1 Main St",
        "city": "Denver",
        "state": "CO",
        "zip_code": "80202",
        "capacity": "40",
        "visibility": "invite_only",
        "invitation_text": "",
        "confirmation_text": "",
        "reminder_text": "",
    }
    data.update(overrides)
    return data


def edit_payload(event: Event, **overrides) -> dict:
    zone = event.tzinfo
    data = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "starts_local": event.starts_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "ends_local": event.ends_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": event.time_zone,
        "venue": event.venue,
        "address": event.address,
        "city": event.city,
        "state": event.state,
        "zip_code": event.zip_code,
        "capacity": "" if event.capacity is None else str(event.capacity),
        "visibility": event.visibility,
        "invitation_text": "",
        "confirmation_text": "",
        "reminder_text": "",
    }
    data.update(overrides)
    return data


# --- who may use the pages -------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(
    "url_name", ["edit", "team", "agenda", "questions", "reminders", "followup_create", "kit_save"]
)
def test_set_up_pages_answer_each_role_as_expected(request, event, role, url_name):
    client = role_client(request, role, event)
    response = client.get(reverse(f"events:{url_name}", kwargs={"slug": event.slug}))
    assert response.status_code == MANAGE_PAGE_STATUS[role]
    if role == "anonymous":
        assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    "url_name",
    ["edit", "cancel", "team", "agenda", "questions", "reminders", "followup_create", "kit_save"],
)
def test_each_set_up_page_has_one_heading_and_unique_ids(team_client, event, url_name):
    page = team_client.get(reverse(f"events:{url_name}", kwargs={"slug": event.slug}))
    html = page.content.decode()
    assert html.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_leads_and_staff_open_the_cancel_page(request, event, role):
    client = role_client(request, role, event)
    response = client.get(reverse("events:cancel", kwargs={"slug": event.slug}))
    expected = {"co_organizer": 403}.get(role, MANAGE_PAGE_STATUS[role])
    assert response.status_code == expected


def test_anonymous_visitor_is_sent_to_sign_in_to_create_an_event(anon_client):
    response = anon_client.get(reverse("events:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_member_without_organizer_role_cannot_create_events(member_client):
    assert member_client.get(reverse("events:create")).status_code == 403
    response = member_client.post(reverse("events:create"), create_payload())
    assert response.status_code == 403
    assert not Event.objects.filter(title="Denver Convening").exists()


@pytest.mark.parametrize("fixture", ["organizer_client", "staff_client"])
def test_network_organizers_and_staff_open_the_create_form(request, fixture):
    client = request.getfixturevalue(fixture)
    response = client.get(reverse("events:create"))
    assert response.status_code == 200
    assert b'<select name="time_zone"' in response.content
    assert response.content.count(b"<h1") == 1


# --- creating ----------------------------------------------------------------------------------


def test_organizer_creates_a_draft_with_local_times_and_leads_it(organizer_client, organizer_user):
    topic = TopicFactory()
    host, co_host = OrganizationFactory(), OrganizationFactory()
    payload = create_payload(
        topics=[topic.pk], host_organization=host.pk, co_hosts=[co_host.pk], action="draft"
    )
    response = organizer_client.post(reverse("events:create"), payload)
    event = Event.objects.get(title="Denver Convening")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage", kwargs={"slug": event.slug})
    assert event.status == Event.Status.DRAFT
    assert event.slug == "denver-convening"
    # 9:00 in Denver in June (MDT, UTC-6) is 15:00 UTC.
    assert event.starts_at == datetime(2031, 6, 10, 15, 0, tzinfo=UTC)
    assert event.local_start.hour == 9
    assert event.time_zone == "America/Denver"
    assert event.latitude is not None and event.longitude is not None
    assert list(event.topics.all()) == [topic]
    assert event.host_organization == host
    assert list(event.co_hosts.all()) == [co_host]
    assert event.created_by == organizer_user
    assert EventRole.objects.get(event=event).user == organizer_user
    assert EventRole.objects.get(event=event).role == EventRole.Role.LEAD
    assert sorted(event.reminder_offsets.values_list("hours_before", flat=True)) == [24, 168]
    assert AuditEntry.objects.filter(action="event.create", object_id=str(event.pk)).exists()


def test_create_and_publish_opens_the_event(organizer_client):
    organizer_client.post(reverse("events:create"), create_payload(action="publish"))
    assert Event.objects.get(title="Denver Convening").status == Event.Status.PUBLISHED


def test_time_zone_names_are_accepted_in_any_case(organizer_client):
    organizer_client.post(reverse("events:create"), create_payload(time_zone="europe/madrid"))
    assert Event.objects.get(title="Denver Convening").time_zone == "Europe/Madrid"


def test_events_with_the_same_title_get_different_slugs(organizer_client):
    organizer_client.post(reverse("events:create"), create_payload())
    organizer_client.post(reverse("events:create"), create_payload())
    slugs = sorted(Event.objects.filter(title="Denver Convening").values_list("slug", flat=True))
    assert slugs == ["denver-convening", "denver-convening-2"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_local": f"{FUTURE_DAY}T08:00"}, "ends_local", "end must come after the start"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "not a known time zone"),
        ({"capacity": "-5"}, "capacity", "greater than or equal to 1"),
        ({"zip_code": "ABCDE"}, "zip_code", "five-digit ZIP"),
        (
            {"starts_local": "2001-01-01T09:00", "ends_local": "2001-01-01T10:00"},
            "__all__",  # the service's rule, shown above the form
            "in the future",
        ),
        (
            {"starts_local": "2031-03-09T02:30", "time_zone": "America/New_York"},
            "starts_local",
            "does not exist",
        ),
        ({"starts_local": "not a time"}, "starts_local", "valid date"),
        ({"title": "   "}, "title", ""),
    ],
)
def test_bad_event_input_is_refused_with_a_message(organizer_client, overrides, field, message):
    response = organizer_client.post(reverse("events:create"), create_payload(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert not Event.objects.exists()


# --- editing -------------------------------------------------------------------------------


def test_edit_form_shows_times_in_the_event_time_zone(team_client, event):
    event.starts_at = datetime(2031, 6, 10, 16, 0, tzinfo=UTC)
    event.ends_at = event.starts_at + timedelta(hours=6)
    event.time_zone = "America/Los_Angeles"
    event.save()
    response = team_client.get(reverse("events:edit", kwargs={"slug": event.slug}))
    assert b'value="2031-06-10T09:00"' in response.content


def test_lead_changes_the_title_without_notifying_anyone(
    team_client, event, attendee_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            reverse("events:edit", kwargs={"slug": event.slug}),
            edit_payload(event, title="Springfield Convening 2031"),
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Springfield Convening 2031"
    assert mailoutbox == []


def test_new_time_on_a_published_event_tells_everyone_going(
    team_client, event, attendee_user, mailoutbox, django_capture_on_commit_callbacks
):
    new_start = (event.local_start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            reverse("events:edit", kwargs={"slug": event.slug}),
            edit_payload(event, starts_local=new_start),
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["attendee@example.org"]]
    delivery = MessageDelivery.objects.get()
    assert delivery.notice.startswith("changed:")


def test_new_venue_on_a_published_event_is_notified_too(
    event, lead_user, attendee_user, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event_update(event=event, actor=lead_user, changes={"venue": "Library Hall"})
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1


def test_changes_to_a_draft_notify_nobody(event, lead_user, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    event.refresh_from_db()
    with django_capture_on_commit_callbacks() as callbacks:
        event_update(
            event=event, actor=lead_user, changes={"venue": "Somewhere else", "city": "Boston"}
        )
    assert callbacks == []


def test_more_seats_promote_people_from_the_waitlist(team_client, event):
    event.capacity = 1
    event.save()
    RSVPFactory(event=event, status=RSVP.Status.GOING)
    first = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    second = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=2)
    response = team_client.post(
        reverse("events:edit", kwargs={"slug": event.slug}), edit_payload(event, capacity="2")
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RSVP.Status.GOING
    assert second.status == RSVP.Status.WAITLISTED
    event.refresh_from_db()
    assert event.capacity == 2


def test_fewer_seats_than_people_going_keeps_everyone_and_warns(team_client, event):
    RSVPFactory.create_batch(3, event=event, status=RSVP.Status.GOING)
    response = team_client.post(
        reverse("events:edit", kwargs={"slug": event.slug}),
        edit_payload(event, capacity="2"),
        follow=False,
    )
    assert response.status_code == 302
    assert event.rsvps.filter(status=RSVP.Status.GOING).count() == 3
    page = team_client.get(reverse("events:edit", kwargs={"slug": event.slug}))
    assert "Nobody loses their seat" in page.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_local": "2000-01-01T00:00"},
        {"time_zone": "Nowhere/Land"},
        {"capacity": "-1"},
    ],
)
def test_bad_edit_changes_nothing(team_client, event, overrides):
    before = Event.objects.values().get(pk=event.pk)
    response = team_client.post(
        reverse("events:edit", kwargs={"slug": event.slug}), edit_payload(event, **overrides)
    )
    assert response.status_code == 400
    assert Event.objects.values().get(pk=event.pk) == before


def test_co_organizer_edits_details(client, event):
    client.force_login(co_organizer(event))
    response = client.post(
        reverse("events:edit", kwargs={"slug": event.slug}), edit_payload(event, venue="The Barn")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.venue == "The Barn"


@pytest.mark.parametrize("role", ["invitee", "attendee", "checkin"])
def test_people_who_do_not_run_the_event_cannot_edit_it(request, event, role):
    client = role_client(request, role, event)
    response = client.post(
        reverse("events:edit", kwargs={"slug": event.slug}), edit_payload(event, title="Hacked")
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title != "Hacked"


def test_save_and_publish_publishes_a_draft(team_client, event):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    event.refresh_from_db()
    team_client.post(
        reverse("events:edit", kwargs={"slug": event.slug}), edit_payload(event, action="publish")
    )
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_staff_edit_any_event(staff_client, event):
    response = staff_client.post(
        reverse("events:edit", kwargs={"slug": event.slug}), edit_payload(event, city="Boston")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.city == "Boston"


# --- cancelling -------------------------------------------------------------------------------


def test_cancel_needs_the_confirmation_box(team_client, event):
    response = team_client.post(reverse("events:cancel", kwargs={"slug": event.slug}), {})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_lead_cancels_and_everyone_going_or_waiting_is_told(
    team_client, event, attendee_user, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = RSVPFactory(
        event=event,
        status=RSVP.Status.WAITLISTED,
        waitlist_position=1,
        leader=LeaderFactory(email="waiting@example.org"),
    )
    page = team_client.get(reverse("events:cancel", kwargs={"slug": event.slug}))
    assert "1 person going" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            reverse("events:cancel", kwargs={"slug": event.slug}), {"confirm": "on"}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.WAITLISTED
    assert RSVP.objects.get(leader__email="attendee@example.org").status == RSVP.Status.GOING
    assert sorted(m.to[0] for m in mailoutbox) == ["attendee@example.org", "waiting@example.org"]
    assert all(d.notice.startswith("cancelled:") for d in MessageDelivery.objects.all())


def test_co_organizer_cannot_cancel(client, event):
    client.force_login(co_organizer(event))
    response = client.post(reverse("events:cancel", kwargs={"slug": event.slug}), {"confirm": "on"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_cancelling_twice_is_harmless(event, lead_user, django_capture_on_commit_callbacks):
    event_cancel(event=event, actor=lead_user)
    with django_capture_on_commit_callbacks() as callbacks:
        event_cancel(event=event, actor=lead_user)
    assert callbacks == []


def test_a_kit_cannot_be_cancelled_or_published(lead_user):
    kit = EventFactory(is_template=True, status=Event.Status.DRAFT)
    with pytest.raises(EventError):
        event_cancel(event=kit, actor=lead_user)
    from events.services.events import event_publish

    with pytest.raises(EventError):
        event_publish(event=kit, actor=lead_user)


def test_service_refuses_an_event_ending_before_it_starts(organizer_user):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(EventError):
        event_create(
            actor=organizer_user,
            data={"title": "Backwards", "starts_at": start, "ends_at": start - timedelta(1)},
        )
    assert not Event.objects.exists()


def test_service_refuses_an_event_or_follow_up_that_has_already_started(organizer_user):
    start = timezone.now() - timedelta(hours=1)
    with pytest.raises(EventError):
        event_create(
            actor=organizer_user,
            data={"title": "Too late", "starts_at": start, "ends_at": start + timedelta(hours=3)},
        )
    assert not Event.objects.exists()
