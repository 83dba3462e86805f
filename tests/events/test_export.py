"""The attendee CSV export: who is in it, what it says, and that it is safe to open."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import RSVP, Question
from tests.directory.factories import LeaderFactory

from .factories import InvitationFactory, QuestionFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def _url(event):
    return reverse("events:attendees_csv", kwargs={"slug": event.slug})


def _rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("anon_client", 404),
        ("member_client", 404),
        ("invitee_client", 403),
        ("attendee_client", 403),
        ("other_team_client", 404),
        ("checkin_volunteer_client", 403),
        ("team_client", 200),
        ("staff_client", 200),
    ],
)
def test_only_the_team_and_staff_download_the_attendees(request, event, client_name, status):
    RSVPFactory(event=event, leader=LeaderFactory(email="secret@private.example.org"))
    response = request.getfixturevalue(client_name).get(_url(event))
    assert response.status_code == status
    if status != 200:
        assert b"secret@private.example.org" not in response.content


def test_export_is_a_csv_attachment_named_after_the_event(team_client, event):
    response = team_client.get(_url(event))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-attendees.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response.streaming


def test_export_lists_people_going_waiting_or_attended_and_nobody_else(team_client, event):
    RSVPFactory(event=event, leader=LeaderFactory(name="Gail Going"))
    RSVPFactory(
        event=event,
        status=RSVP.Status.WAITLISTED,
        waitlist_position=1,
        leader=LeaderFactory(name="Walt Waiting"),
    )
    RSVPFactory(
        event=event,
        attendance=RSVP.Attendance.ATTENDED,
        checked_in_at=timezone.now(),
        leader=LeaderFactory(name="Ari Attended"),
    )
    RSVPFactory(
        event=event,
        status=RSVP.Status.DECLINED,
        leader=LeaderFactory(name="Dora Declined", email="dora@private.example.org"),
    )
    RSVPFactory(
        event=event,
        status=RSVP.Status.CANCELLED,
        leader=LeaderFactory(name="Cy Cancelled", phone="617-555-9999"),
    )
    invited = LeaderFactory(name="Ivy Invited", email="ivy@private.example.org")
    InvitationFactory(event=event, email=invited.email, leader=invited)
    RSVPFactory(leader=LeaderFactory(name="Otto Elsewhere"))  # another event

    rows = _rows(team_client.get(_url(event)))
    names = sorted(row[0] for row in rows[1:])
    assert names == ["Ari Attended", "Gail Going", "Walt Waiting"]
    flat = "\n".join(",".join(row) for row in rows)
    for absent in ("Dora", "dora@private", "Cy Cancelled", "617-555-9999", "Ivy", "Otto"):
        assert absent not in flat


def test_export_has_contact_status_checkin_needs_and_one_column_per_question(team_client, event):
    food = QuestionFactory(event=event, label="Lunch choice", kind=Question.Kind.CHOICE, position=1)
    carpool = QuestionFactory(
        event=event, label="Need a ride?", kind=Question.Kind.YES_NO, position=2
    )
    leader = LeaderFactory(
        name="Rosa Parks", email="rosa@private.example.org", phone="617-555-0101"
    )
    RSVPFactory(
        event=event,
        leader=leader,
        dietary_needs="vegetarian",
        accessibility_needs="ASL interpreter",
        is_walk_in=True,
        checked_in_at=timezone.now(),
        answers={food.answer_key: "Soup", carpool.answer_key: True},
    )
    RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=4)

    header, *rows = _rows(team_client.get(_url(event)))
    assert header[:5] == ["Name", "Email", "Phone", "Status", "Waitlist position"]
    assert header[6:] == [
        "Walk-in",
        "Attendance",
        "Accessibility needs",
        "Dietary needs",
        "Lunch choice",
        "Need a ride?",
    ]
    going, waiting = rows
    assert going[:4] == ["Rosa Parks", "rosa@private.example.org", "617-555-0101", "Going"]
    assert going[5]  # the check-in time, in the event's time zone
    assert going[6:] == ["yes", "", "ASL interpreter", "vegetarian", "Soup", "yes"]
    assert waiting[3:5] == ["Waitlisted", "4"]


def test_export_escapes_cells_a_spreadsheet_would_run_as_formulas(team_client, event):
    question = QuestionFactory(event=event, label='=HYPERLINK("http://evil")')
    RSVPFactory(
        event=event,
        leader=LeaderFactory(name="=cmd|' /C calc'!A0", phone="+1 617 555 0100"),
        dietary_needs="@SUM(1+1)",
        accessibility_needs="-2+3",
        answers={question.answer_key: "=1+1"},
    )
    header, row = _rows(team_client.get(_url(event)))
    assert header[-1] == '\'=HYPERLINK("http://evil")'
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[2] == "'+1 617 555 0100"
    assert row[8] == "'-2+3"
    assert row[9] == "'@SUM(1+1)"
    assert row[-1] == "'=1+1"


def test_export_of_an_event_without_attendees_is_just_the_header(team_client, event):
    rows = _rows(team_client.get(_url(event)))
    assert len(rows) == 1


def test_export_of_a_big_event_streams_every_row(team_client, event, django_assert_max_num_queries):
    event.capacity = None
    event.save()
    RSVPFactory.create_batch(1200, event=event)
    response = team_client.get(_url(event))
    with django_assert_max_num_queries(8):
        rows = _rows(response)
    assert len(rows) == 1201


def test_export_check_in_times_are_in_the_events_time_zone(team_client, event):
    event.time_zone = "America/Los_Angeles"
    event.save()
    RSVPFactory(event=event, checked_in_at=datetime(2030, 1, 1, 21, 30, tzinfo=UTC))
    header, row = _rows(team_client.get(_url(event)))
    assert header[5] == "Checked in at (America/Los_Angeles)"
    assert row[5] == "2030-01-01 13:30"
