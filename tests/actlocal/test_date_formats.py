"""One date format per context (actlocal/dates.py, actlocal/formats/<lang>/formats.py), in the
zone of what is dated; no ad-hoc format string anywhere else."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import translation
from django.utils.html import strip_tags

from actlocal.dates import CONTEXTS, when, when_format, when_range
from events.emails.rsvp import send_rsvp_confirmation
from tests.events.factories import EventFactory, RSVPFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("actlocal", "directory", "events", "campaigns", "toolkits", "surveys", "portal")

# Machine formats only: the datetime attribute of <time> (ISO 8601).
ALLOWED_TEMPLATE_FORMATS = {"c", "Y-m-d"}
TEMPLATE_FORMAT = re.compile(r"""\|(?:date|time):\s*(?:"([^"]*)"|'([^']*)')""")
NOW_TAG = re.compile(r"""\{%\s*now\s""")
# Python: strftime, Django's date formatting with a pattern, an f-string date pattern.
PYTHON_FORMAT = re.compile(
    r"""\.strftime\(|date_format\(|dateformat\.format\(|import format as|{[^{}]*:%[A-Za-z]"""
)
# Files that must write a fixed machine format, and why.
PYTHON_ALLOWED = {
    "actlocal/dates.py",  # the one place that formats for people
    "actlocal/ics.py",  # RFC 5545 wants its own compact stamps
    "actlocal/mail.py",  # the file name of a mail saved to disk
}


def _app_files(pattern: str):
    for app in APPS:
        for path in (ROOT / app).rglob(pattern):
            if "migrations" not in path.parts:
                yield path


def test_no_template_formats_a_date_its_own_way():
    offenders = []
    for path in (ROOT / "templates").rglob("*"):
        if not path.is_file() or path.suffix not in {".html", ".txt", ".xml", ".svg"}:
            continue
        text = path.read_text()
        for match in TEMPLATE_FORMAT.finditer(text):
            pattern = match.group(1) if match.group(1) is not None else match.group(2)
            if pattern not in ALLOWED_TEMPLATE_FORMATS:
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        if NOW_TAG.search(text):
            offenders.append(f"{path.relative_to(ROOT)}: {{% now %}}")
    assert offenders == [], "use {{ value|when:'<context>' }} (actlocal/dates.py):\n" + "\n".join(
        offenders
    )


def test_no_python_code_formats_a_date_its_own_way():
    offenders = []
    for path in _app_files("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative in PYTHON_ALLOWED or relative.startswith("actlocal/formats/"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if PYTHON_FORMAT.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "use actlocal.dates.when(value, context, zone):\n" + "\n".join(
        offenders
    )


def test_the_scan_catches_what_it_is_meant_to_catch():
    assert TEMPLATE_FORMAT.search('{{ x|date:"D, M j" }}')
    assert TEMPLATE_FORMAT.search("{{ x|time:'H:i' }}")
    assert PYTHON_FORMAT.search('value.strftime("%H:%M")')
    assert PYTHON_FORMAT.search('formats.date_format(value, "DATE_FORMAT")')
    assert PYTHON_FORMAT.search('f"{value:%Y-%m-%d}"')
    assert not PYTHON_FORMAT.search('when(value, "card", zone)')


SATURDAY_EVENING_IN_LA = dt.datetime(2026, 3, 15, 1, 30, tzinfo=dt.UTC)  # 6:30 PM PDT, Mar 14


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "card": "Sat, Mar 14, 6:30 PM PDT",
                "event": "Saturday, March 14, 2026, 6:30 PM PDT",
                "date": "March 14, 2026",
                "short_date": "Mar 14, 2026",
                "time": "6:30 PM PDT",
                "stamp": "2026-03-14 18:30",
            },
        ),
        (
            "es",
            {
                "card": "sáb 14 de mar, 18:30 PDT",
                "event": "sábado 14 de marzo de 2026, 18:30 PDT",
                "date": "14 de marzo de 2026",
                "short_date": "14 mar 2026",
                "time": "18:30 PDT",
                "stamp": "2026-03-14 18:30",
            },
        ),
    ],
)
def test_each_context_has_one_format_per_language(language, expected):
    with translation.override(language):
        shown = {c: when(SATURDAY_EVENING_IN_LA, c, "America/Los_Angeles") for c in CONTEXTS}

    assert shown == expected


def test_a_language_without_formats_of_its_own_uses_the_english_patterns():
    with translation.override("de"):
        assert when_format("event") == when_format.__globals__["english"].WHEN_EVENT_FORMAT


def test_an_unknown_context_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown date context"):
        when(SATURDAY_EVENING_IN_LA, "fancy", "UTC")


def test_a_range_names_its_zone_once_and_the_end_day_only_when_it_differs():
    end = SATURDAY_EVENING_IN_LA + dt.timedelta(hours=2)
    next_day = SATURDAY_EVENING_IN_LA + dt.timedelta(days=1)

    assert (
        when_range(start=SATURDAY_EVENING_IN_LA, end=end, time_zone="America/Los_Angeles")
        == "Saturday, March 14, 2026, 6:30 PM – 8:30 PM PDT"
    )
    assert (
        when_range(start=SATURDAY_EVENING_IN_LA, end=next_day, time_zone="America/Los_Angeles")
        == "Saturday, March 14, 2026, 6:30 PM – Sunday, March 15, 2026, 6:30 PM PDT"
    )


def test_the_filter_uses_the_zone_the_timezone_filter_chose():
    rendered = Template(
        '{% load tz when %}{{ moment|timezone:"America/Los_Angeles"|when:"card" }}'
        "{% timezone 'Asia/Tokyo' %} / {{ moment|when:'time' }}{% endtimezone %}"
    ).render(Context({"moment": SATURDAY_EVENING_IN_LA}))

    assert rendered == "Sat, Mar 14, 6:30 PM PDT / 10:30 AM JST"


@pytest.mark.django_db
def test_an_event_in_los_angeles_shows_its_own_zone_on_its_page(anon_client):
    event = EventFactory(
        time_zone="America/Los_Angeles",
        starts_at=dt.datetime(2099, 7, 11, 1, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2099, 7, 11, 3, 30, tzinfo=dt.UTC),
    )

    page = strip_tags(anon_client.get(event.get_absolute_url()).content.decode())

    assert "Friday, July 10, 2099, 6:30 PM – 8:30 PM PDT" in page
    assert "EDT" not in page  # the site's default zone is not the event's


@pytest.mark.django_db
def test_an_event_in_los_angeles_shows_its_own_zone_in_its_mail():
    event = EventFactory(
        time_zone="America/Los_Angeles",
        starts_at=dt.datetime(2099, 1, 10, 2, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2099, 1, 10, 4, 0, tzinfo=dt.UTC),
    )
    rsvp = RSVPFactory(event=event, status="going")

    send_rsvp_confirmation(rsvp=rsvp)

    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    expected = "Friday, January 9, 2099, 6:00 PM – 8:00 PM PST (America/Los_Angeles)"
    assert expected in message.body
    assert expected in html
