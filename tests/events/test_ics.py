"""The .ics files: RFC 5545 form, time zones across daylight saving, and what each reader sees."""

from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from events.ics import calendar_for_events, calendar_for_rsvp, escape_text, fold
from events.models import RSVP, Event
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory
from .icalparse import instant, parse

pytestmark = pytest.mark.django_db


def _vevent(data: bytes):
    calendar = parse(data)
    events = calendar.find("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_a_july_event_in_los_angeles_is_written_in_pacific_daylight_time():
    event = EventFactory(
        time_zone="America/Los_Angeles",
        starts_at=datetime(2030, 7, 10, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 7, 11, 0, 30, tzinfo=UTC),
    )
    rsvp = RSVPFactory(event=event)

    calendar, vevent = _vevent(calendar_for_rsvp(rsvp))

    assert vevent.value("DTSTART") == "20300710T100000"
    assert vevent.get("DTSTART").params == {"TZID": "America/Los_Angeles"}
    assert vevent.value("DTEND") == "20300710T173000"
    assert instant(calendar, vevent.get("DTSTART")) == event.starts_at
    assert instant(calendar, vevent.get("DTEND")) == event.ends_at


def test_a_january_event_in_los_angeles_is_written_in_pacific_standard_time():
    event = EventFactory(
        time_zone="America/Los_Angeles",
        starts_at=datetime(2031, 1, 15, 18, 0, tzinfo=UTC),
        ends_at=datetime(2031, 1, 15, 20, 0, tzinfo=UTC),
    )

    calendar, vevent = _vevent(calendar_for_rsvp(RSVPFactory(event=event)))

    assert vevent.value("DTSTART") == "20310115T100000"
    assert instant(calendar, vevent.get("DTSTART")) == event.starts_at
    (zone,) = calendar.find("VTIMEZONE")
    offsets = {(c.name, c.value("TZOFFSETTO")) for c in zone.children}
    assert ("STANDARD", "-0800") in offsets
    assert ("DAYLIGHT", "-0700") in offsets


def test_a_zone_without_daylight_saving_gets_one_standard_observance():
    event = EventFactory(
        time_zone="America/Phoenix",
        starts_at=datetime(2030, 7, 10, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 7, 10, 19, 0, tzinfo=UTC),
    )

    calendar, vevent = _vevent(calendar_for_rsvp(RSVPFactory(event=event)))

    (zone,) = calendar.find("VTIMEZONE")
    assert [c.name for c in zone.children] == ["STANDARD"]
    assert vevent.value("DTSTART") == "20300710T100000"
    assert instant(calendar, vevent.get("DTSTART")) == event.starts_at


def test_lines_end_with_crlf_and_long_utf8_lines_fold_within_75_octets_between_characters():
    title = "Convención de líderes — Año nuevo, ¿qué sigue? " * 4
    event = EventFactory(title=title, description="Línea uno;\nLínea dos, con \\ barra")
    data = calendar_for_rsvp(RSVPFactory(event=event))

    calendar, vevent = _vevent(data)  # the parser checks CRLF and 75 octets per line

    assert vevent.text("SUMMARY") == title
    assert vevent.text("DESCRIPTION").startswith("Línea uno;\nLínea dos, con \\ barra")
    for line in data.split(b"\r\n"):
        line.decode("utf-8")  # no line ends in the middle of a character


def test_text_values_escape_commas_semicolons_backslashes_and_newlines():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


def test_going_rsvp_is_a_confirmed_request_with_accepted_attendee_and_the_address():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY, address="12 Main Street")
    leader = LeaderFactory(name="Ada, Attendee", email="ada@example.org")
    rsvp = RSVPFactory(event=event, leader=leader, status=RSVP.Status.GOING)

    calendar, vevent = _vevent(calendar_for_rsvp(rsvp))

    assert calendar.value("METHOD") == "REQUEST"
    assert calendar.value("VERSION") == "2.0"
    assert calendar.value("PRODID")
    assert vevent.value("STATUS") == "CONFIRMED"
    attendee = vevent.get("ATTENDEE")
    assert attendee.value == "mailto:ada@example.org"
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert attendee.params["CN"] == "Ada, Attendee"
    assert vevent.value("ORGANIZER") == "mailto:" + parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    assert "12 Main Street" in vevent.text("LOCATION")
    assert vevent.value("UID") == f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}"
    assert vevent.value("URL") == settings.SITE_URL + event.get_absolute_url()
    assert vevent.value("DTSTAMP").endswith("Z")
    assert int(vevent.value("SEQUENCE")) > 0


def test_waitlisted_rsvp_is_tentative_and_an_invite_only_address_stays_hidden():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY, address="12 Main Street")
    rsvp = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    calendar, vevent = _vevent(calendar_for_rsvp(rsvp))

    assert calendar.value("METHOD") == "REQUEST"
    assert vevent.value("STATUS") == "TENTATIVE"
    assert vevent.get("ATTENDEE").params["PARTSTAT"] == "TENTATIVE"
    assert vevent.all("LOCATION") == []


def test_waitlisted_rsvp_for_a_public_event_sees_the_address():
    event = EventFactory(visibility=Event.Visibility.PUBLIC, address="12 Main Street")
    rsvp = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    _calendar, vevent = _vevent(calendar_for_rsvp(rsvp))

    assert "12 Main Street" in vevent.text("LOCATION")


@pytest.mark.parametrize("status", [RSVP.Status.CANCELLED, RSVP.Status.DECLINED])
def test_cancelled_or_declined_rsvp_is_a_cancel_with_a_higher_sequence(status):
    event = EventFactory()
    rsvp = RSVPFactory(event=event)
    _calendar, before = _vevent(calendar_for_rsvp(rsvp))
    RSVP.objects.filter(pk=rsvp.pk).update(
        status=status, updated_at=rsvp.updated_at + timedelta(minutes=5)
    )
    rsvp.refresh_from_db()

    calendar, vevent = _vevent(calendar_for_rsvp(rsvp))

    assert calendar.value("METHOD") == "CANCEL"
    assert vevent.value("STATUS") == "CANCELLED"
    assert vevent.get("ATTENDEE").params["PARTSTAT"] == "DECLINED"
    assert vevent.value("UID") == before.value("UID")
    assert int(vevent.value("SEQUENCE")) > int(before.value("SEQUENCE"))


def test_a_cancelled_event_sends_a_cancel_even_to_people_going():
    event = EventFactory(status=Event.Status.CANCELLED)
    rsvp = RSVPFactory(event=event, status=RSVP.Status.GOING)

    calendar, vevent = _vevent(calendar_for_rsvp(rsvp))

    assert calendar.value("METHOD") == "CANCEL"
    assert vevent.value("STATUS") == "CANCELLED"


def test_moving_the_event_raises_the_sequence_and_keeps_the_uid():
    event = EventFactory()
    _calendar, before = _vevent(calendar_for_events([event], name="Feed"))
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + timedelta(days=1),
        ends_at=event.ends_at + timedelta(days=1),
        updated_at=event.updated_at + timedelta(seconds=30),
    )
    event.refresh_from_db()

    _calendar, after = _vevent(calendar_for_events([event], name="Feed"))

    assert after.value("UID") == before.value("UID")
    assert int(after.value("SEQUENCE")) > int(before.value("SEQUENCE"))
    assert after.value("DTSTART") != before.value("DTSTART")


def test_the_feed_lists_events_without_attendee_data_and_hides_invite_only_addresses():
    public = EventFactory(title="Open meetup", address="1 Public Square")
    private = EventFactory(
        title="Closed convening", visibility=Event.Visibility.INVITE_ONLY, address="9 Secret Rd"
    )
    RSVPFactory(event=public)

    data = calendar_for_events([public, private], name="ActLocal, public events")
    calendar = parse(data)

    assert calendar.value("METHOD") == "PUBLISH"
    assert calendar.text("X-WR-CALNAME") == "ActLocal, public events"
    by_title = {vevent.text("SUMMARY"): vevent for vevent in calendar.find("VEVENT")}
    assert "1 Public Square" in by_title["Open meetup"].text("LOCATION")
    assert by_title["Closed convening"].all("LOCATION") == []
    assert b"9 Secret Rd" not in data
    assert b"ATTENDEE" not in data
    assert b"ORGANIZER" not in data
    assert by_title["Open meetup"].value("STATUS") == "CONFIRMED"


def test_the_feed_shows_an_invite_only_address_when_the_caller_allows_it():
    private = EventFactory(visibility=Event.Visibility.INVITE_ONLY, address="9 Secret Rd")

    _calendar, vevent = _vevent(calendar_for_events([private], name="Mine", show_address=True))

    assert "9 Secret Rd" in vevent.text("LOCATION")


def test_events_in_two_zones_get_one_vtimezone_each():
    east = EventFactory(time_zone="America/New_York")
    west = EventFactory(time_zone="America/Los_Angeles")
    also_east = EventFactory(time_zone="America/New_York")

    calendar = parse(calendar_for_events([east, west, also_east], name="Feed"))

    zones = sorted(zone.value("TZID") for zone in calendar.find("VTIMEZONE"))
    assert zones == ["America/Los_Angeles", "America/New_York"]
    for vevent, event in zip(calendar.find("VEVENT"), [east, west, also_east], strict=True):
        assert instant(calendar, vevent.get("DTSTART")) == event.starts_at
