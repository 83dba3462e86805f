"""Reads for the organizer dashboard, the attendee export, the check-in desk and a leader's
events. Each function runs a fixed number of queries, whatever the size of the event."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.dates import when
from actlocal.text import spreadsheet_safe
from directory.models import Leader

from .models import RSVP, Event, Invitation, Nomination, Question

# Long lists on the dashboard stop here; the export has everyone.
DASHBOARD_LIST_LIMIT = 200
SEARCH_LIMIT = 25
EXPORT_CHUNK = 500

GOING = Q(status=RSVP.Status.GOING)


@dataclass(frozen=True)
class RSVPCounts:
    capacity: int | None
    going: int = 0
    waitlisted: int = 0
    declined: int = 0
    cancelled: int = 0
    checked_in: int = 0
    walk_ins: int = 0
    attended: int = 0
    no_show: int = 0
    dietary: int = 0
    accessibility: int = 0

    @property
    def not_checked_in(self) -> int:
        return max(self.going - self.checked_in, 0)

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.going, 0)


def rsvp_counts(*, event: Event) -> RSVPCounts:
    """Every RSVP number the team watches, in one query."""
    row = RSVP.objects.filter(event=event).aggregate(
        going=Count("id", filter=GOING),
        waitlisted=Count("id", filter=Q(status=RSVP.Status.WAITLISTED)),
        declined=Count("id", filter=Q(status=RSVP.Status.DECLINED)),
        cancelled=Count("id", filter=Q(status=RSVP.Status.CANCELLED)),
        checked_in=Count("id", filter=GOING & Q(checked_in_at__isnull=False)),
        walk_ins=Count("id", filter=GOING & Q(is_walk_in=True)),
        attended=Count("id", filter=Q(attendance=RSVP.Attendance.ATTENDED)),
        no_show=Count("id", filter=Q(attendance=RSVP.Attendance.NO_SHOW)),
        dietary=Count("id", filter=GOING & ~Q(dietary_needs="")),
        accessibility=Count("id", filter=GOING & ~Q(accessibility_needs="")),
    )
    return RSVPCounts(capacity=event.capacity, **row)


def checkin_counts(*, event: Event) -> dict[str, int]:
    """The desk's live numbers: going, checked in, walk-ins (one query)."""
    return RSVP.objects.filter(event=event, status=RSVP.Status.GOING).aggregate(
        going=Count("id"),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("id", filter=Q(is_walk_in=True)),
    )


def invitation_counts(*, event: Event) -> list[tuple[str, str, int]]:
    """(status, label, count) for every invitation status, zeros included (one query)."""
    found = dict(
        Invitation.objects.filter(event=event)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return [(value, label, found.get(value, 0)) for value, label in Invitation.Status.choices]


@dataclass
class Dashboard:
    counts: RSVPCounts
    invitations: list[tuple[str, str, int]]
    waitlist: list[RSVP]
    needs: list[RSVP]
    nominations: list[Nomination]
    followups: list[Event]
    invitation_total: int = field(init=False)

    def __post_init__(self) -> None:
        self.invitation_total = sum(count for _status, _label, count in self.invitations)


def dashboard_get(*, event: Event) -> Dashboard:
    """What the organizer dashboard shows, in six queries."""
    rsvps = RSVP.objects.filter(event=event).select_related("leader")
    waitlist = rsvps.filter(status=RSVP.Status.WAITLISTED).order_by("waitlist_position", "id")
    needs = (
        rsvps.filter(GOING)
        .exclude(dietary_needs="", accessibility_needs="")
        .order_by("leader__name", "id")
    )
    nominations = (
        Nomination.objects.filter(event=event, status=Nomination.Status.PENDING)
        .select_related("nominated_by")
        .order_by("created_at", "id")
    )
    followups = Event.objects.filter(parent=event).annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=RSVP.Status.GOING))
    )
    return Dashboard(
        counts=rsvp_counts(event=event),
        invitations=invitation_counts(event=event),
        waitlist=list(waitlist[:DASHBOARD_LIST_LIMIT]),
        needs=list(needs[:DASHBOARD_LIST_LIMIT]),
        nominations=list(nominations[:DASHBOARD_LIST_LIMIT]),
        followups=list(followups),
    )


def going_list(*, event: Event) -> QuerySet[RSVP]:
    """People going, by name, for the dashboard's paginated table."""
    return (
        RSVP.objects.filter(event=event, status=RSVP.Status.GOING)
        .select_related("leader")
        .order_by("leader__name", "id")
    )


# --- Check-in desk -----------------------------------------------------------------------------


def normalize_code(value: str) -> str:
    """How a typed check-in code compares: upper case, without spaces or dashes."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


def checkin_search(*, event: Event, query: str, limit: int = SEARCH_LIMIT) -> list[RSVP]:
    """People going or waitlisted whose name has every word of `query`, or whose check-in code
    is `query` (case-insensitive)."""
    words = query.split()
    if not words:
        return []
    by_name = Q()
    for word in words[:5]:
        by_name &= Q(leader__name__icontains=word)
    code = normalize_code(query)
    match = by_name | Q(checkin_code=code) if code else by_name
    return list(
        RSVP.objects.filter(event=event, status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED])
        .filter(match)
        .select_related("leader")
        .order_by("status", "leader__name", "id")[:limit]
    )


# The desk lists everyone at once up to this many, so it narrows as you type without a round
# trip (a slow connection at the door); past it, the desk falls back to searching the server.
ROSTER_LIMIT = 1000


@dataclass
class Roster:
    rows: list[RSVP]
    complete: bool


def checkin_roster(*, event: Event, limit: int | None = None) -> Roster:
    """Everyone going or waitlisted, going first, by name (one query; `limit` bounds it)."""
    limit = limit or ROSTER_LIMIT
    rows = list(
        RSVP.objects.filter(event=event, status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED])
        .select_related("leader")
        .order_by("status", "leader__name", "id")[: limit + 1]
    )
    return Roster(rows=rows[:limit], complete=len(rows) <= limit)


SPARKLINE_DAYS = 30


def rsvp_daily_counts(*, event: Event, days: int = SPARKLINE_DAYS) -> list[int]:
    """RSVPs going or waitlisted made on each of the last `days` days, oldest first, in the
    event's time zone (one query)."""
    zone = event.tzinfo
    today = timezone.localdate(timezone=zone)
    first = today - timedelta(days=days - 1)
    rows = (
        RSVP.objects.filter(
            event=event,
            status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED],
            created_at__gte=datetime.combine(first, time.min, tzinfo=zone),
        )
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .order_by()
        .values_list("day")
        .annotate(n=Count("id"))
    )
    by_day = dict(rows)
    return [by_day.get(first + timedelta(days=i), 0) for i in range(days)]


# --- Attendee export ---------------------------------------------------------------------------


def export_queryset(*, event: Event) -> QuerySet[RSVP]:
    """Who the attendee export lists: people going, waiting, or who attended. Never people who
    declined, cancelled or were only invited: their contact details are not the team's to take."""
    return (
        RSVP.objects.filter(
            Q(status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED])
            | Q(attendance=RSVP.Attendance.ATTENDED),
            event=event,
        )
        .select_related("leader")
        .order_by("status", "waitlist_position", "leader__name", "id")
    )


def _answer_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def _local(event: Event, moment) -> str:
    return when(moment, "stamp", event.tzinfo) if moment else ""


def export_rows(*, event: Event, contact: bool = True) -> Iterator[list[str]]:
    """The header, then one row per attendee; every cell is made safe for spreadsheets.

    Rows are read in chunks, so a large event never sits in memory at once. Without `contact`
    the email and phone columns are left out (see events.permissions.can_see_contact).
    """
    questions = list(Question.objects.filter(event=event).order_by("position", "id"))
    header = [
        _("Name"),
        *((_("Email"), _("Phone")) if contact else ()),
        _("Status"),
        _("Waitlist position"),
        _("Checked in at (%(zone)s)") % {"zone": event.time_zone},
        _("Walk-in"),
        _("Attendance"),
        _("Accessibility needs"),
        _("Dietary needs"),
        *(question.label for question in questions),
    ]
    yield [spreadsheet_safe(str(cell)) for cell in header]
    for rsvp in export_queryset(event=event).iterator(chunk_size=EXPORT_CHUNK):
        answers = rsvp.answers if isinstance(rsvp.answers, dict) else {}
        row = [
            rsvp.leader.name,
            *((rsvp.leader.email, rsvp.leader.phone) if contact else ()),
            str(rsvp.get_status_display()),
            str(rsvp.waitlist_position or ""),
            _local(event, rsvp.checked_in_at),
            _("yes") if rsvp.is_walk_in else _("no"),
            str(rsvp.get_attendance_display()) if rsvp.attendance else "",
            rsvp.accessibility_needs,
            rsvp.dietary_needs,
            *(_answer_text(answers.get(question.answer_key)) for question in questions),
        ]
        yield [spreadsheet_safe(cell) for cell in row]


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv output."""

    def write(self, value: str) -> str:
        return value


def export_csv_lines(*, event: Event, contact: bool = True) -> Iterator[str]:
    """The export as CSV text, line by line, starting with a BOM so spreadsheets read UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in export_rows(event=event, contact=contact):
        yield writer.writerow(row)


# --- A leader's events -------------------------------------------------------------------------


def leader_attended_events(*, leader: Leader, limit: int = 50) -> list[RSVP]:
    """The leader's final attendance records (attended), newest event first, with the event."""
    return list(
        RSVP.objects.filter(
            leader=leader, attendance=RSVP.Attendance.ATTENDED, event__is_template=False
        )
        .select_related("event")
        .order_by("-event__starts_at", "-id")[:limit]
    )
