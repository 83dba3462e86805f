"""`make bench`, events: parallel RSVPs through gunicorn, the same while the broker is down
(then the delivery sweep that sends their confirmations) and the reminder sweep, reported as a
table of PASS/INFO lines. The events pages are measured by bench/run.py like the directory's.

The data (bench/events_data.py) is made once; each run resets what it measures: the RSVP event
is made afresh and removed after counting, and the sweep's deliveries are forgotten first.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlencode

from bench.events_data import (
    BENCH_DOMAIN,
    DETAIL_SLUG,
    REMINDER_SLUG,
    RSVP_SLUG,
    SEED,
    event_build,
    events_prepare,
)
from bench.load import ERROR, HOST, LoadResult

__all__ = [
    "DETAIL_SLUG",
    "events_prepare",
    "outage_sweep",
    "reminder_sweep",
    "report_lines",
    "rsvp_load",
]

REDIRECT = 302  # what a successful RSVP answers (back to the event's page)


class CountingEmailBackend:
    """Builds every message as the SMTP backend would (MIME, .ics attachment), then drops it."""

    sent = 0
    _lock = threading.Lock()

    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        self.fail_silently = fail_silently  # nothing to connect to

    def open(self) -> bool:
        return True

    def close(self) -> None:
        return None  # nothing was opened

    def send_messages(self, messages) -> int:
        for message in messages:
            message.message().as_bytes()
        with self._lock:
            CountingEmailBackend.sent += len(messages)
        return len(messages)


# --- parallel RSVPs ----------------------------------------------------------------------------


@dataclass
class RSVPOutcome:
    people: int
    seats: int
    concurrency: int
    path: str
    result: LoadResult
    going: int = 0
    waitlisted: int = 0
    positions_ok: bool = False
    session_check: int | None = None
    errors: int = 0
    notes: list[str] = field(default_factory=list)


def _rsvp_event_delete() -> None:
    """Remove the RSVP event and its audit trail, so runs do not pile data up."""
    from actlocal.models import AuditEntry
    from events.models import RSVP, Event

    old = Event.objects.filter(slug=RSVP_SLUG).first()
    if old is not None:
        ids = [str(pk) for pk in RSVP.objects.filter(event=old).values_list("pk", flat=True)]
        AuditEntry.objects.filter(object_type="events.rsvp", object_id__in=ids).delete()
        old.delete()


def _rsvp_event_reset(*, seats: int):
    """A fresh public event with `seats` seats and no answers yet."""
    from django.utils import timezone

    _rsvp_event_delete()
    event = event_build(2, random.Random(SEED), timezone.now(), slug=RSVP_SLUG, capacity=seats)
    event.title = "Benchmark RSVP rush"
    event.save()
    return event


def _session_store():
    from django.conf import settings

    return import_module(settings.SESSION_ENGINE).SessionStore


def _sessions_for(*, people: int) -> list[tuple[str, str]]:
    """(session key, CSRF secret) per person: signed in as after a login in a browser. The
    secret goes in both the CSRF cookie and the form field, as Django accepts it unmasked."""
    from django.utils.crypto import get_random_string

    from actlocal.models import User

    emails = [f"rsvp{i:05d}@{BENCH_DOMAIN}" for i in range(people)]
    signed_in = []
    for user in User.objects.filter(email__in=emails).order_by("email"):
        signed_in.append((session_key_for(user), get_random_string(32)))
    return signed_in


def session_key_for(user) -> str:
    """A session in the site's session store signed in as `user`, as after a login in a
    browser: its key is the session cookie's value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = _session_store()()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(2 * 3600)
    session.create()
    return session.session_key


def _post(port: int, path: str, body: str, headers: dict) -> int:
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return ERROR
    finally:
        conn.close()


def _get_status(port: int, path: str, cookie: str) -> int:
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": f"{HOST}:{port}", "Cookie": cookie})
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return ERROR
    finally:
        conn.close()


def rsvp_load(
    *, port: int, people: int, seats: int, concurrency: int, keep: bool = False
) -> RSVPOutcome:
    """`people` signed-in people POST "going" to one event with `seats` seats, `concurrency` at
    a time (all at once by default); then count who got a seat and who waits. With `keep` the
    event (and its unsent confirmations) stays for outage_sweep, which removes it."""
    from django.conf import settings

    from events.models import RSVP

    event = _rsvp_event_reset(seats=seats)
    path = f"/events/{event.slug}/rsvp/"
    signed_in = _sessions_for(people=people)
    session_cookie, csrf_cookie = settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME

    def cookie(key: str, secret: str) -> str:
        return f"{session_cookie}={key}; {csrf_cookie}={secret}"

    outcome = RSVPOutcome(people, seats, concurrency, path, LoadResult(requests=0, elapsed=0.0))
    if not signed_in:
        outcome.notes.append("no benchmark accounts found")
        return outcome
    # One signed-in GET of the form first: 200 means the session and the view both work.
    outcome.session_check = _get_status(port, path, cookie(*signed_in[0]))

    jobs = iter(signed_in)
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    started: list[float] = []
    barrier = threading.Barrier(
        min(concurrency, len(signed_in)), action=lambda: started.append(time.perf_counter())
    )

    def worker() -> None:
        barrier.wait()
        while True:
            with lock:
                job = next(jobs, None)
            if job is None:
                return
            key, secret = job
            body = urlencode({"going": "yes", "csrfmiddlewaretoken": secret})
            headers = {
                "Host": f"{HOST}:{port}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie(key, secret),
            }
            began = time.perf_counter()
            status = _post(port, path, body, headers)
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [
        threading.Thread(target=worker, daemon=True)
        for _ in range(min(concurrency, len(signed_in)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.result = LoadResult(
        requests=len(signed_in),
        elapsed=time.perf_counter() - started[0],
        latencies=latencies,
        statuses=Counter(statuses),
    )
    outcome.errors = sum(n for status, n in statuses.items() if status != REDIRECT)
    rsvps = RSVP.objects.filter(event=event)
    outcome.going = rsvps.filter(status=RSVP.Status.GOING).count()
    outcome.waitlisted = rsvps.filter(status=RSVP.Status.WAITLISTED).count()
    positions = sorted(
        rsvps.filter(status=RSVP.Status.WAITLISTED).values_list("waitlist_position", flat=True)
    )
    outcome.positions_ok = positions == list(range(1, len(positions) + 1))
    store = _session_store()
    for key, _secret in signed_in:
        store(session_key=key).delete()
    if not keep:
        _rsvp_event_delete()  # counted; gone before anything else is measured
    return outcome


# --- the broker down while people RSVP -----------------------------------------------------


@dataclass
class OutageOutcome:
    rsvp: RSVPOutcome
    rsvps: int = 0
    waiting_rows: int = 0  # confirmation rows unsent when the broker came back
    mailed_before: int = 0  # rows already sent before the sweep (there must be none)
    sent: int = 0
    mails: int = 0
    seconds: float = 0.0
    rows_sent: int = 0
    once_each: bool = False
    second_sent: int = 0
    skipped: str = ""


def outage_sweep(rsvp: RSVPOutcome) -> OutageOutcome:
    """After RSVPs POSTed while the web server's broker was unreachable: every RSVP must have its
    confirmation row waiting; the delivery sweep (broker reachable again) sends each once."""
    from django.db.models import Count
    from django.test.utils import override_settings

    from events.models import RSVP, Event

    outcome = OutageOutcome(rsvp=rsvp)
    event = Event.objects.filter(slug=RSVP_SLUG).first()
    try:
        from actlocal.delivery import deliveries_sweep
        from events.models import RSVPMail
    except ImportError as exc:
        outcome.skipped = f"the delivery outbox is not available yet ({exc})"
        _rsvp_event_delete()
        return outcome
    if event is None:
        outcome.skipped = "the outage event is missing"
        return outcome
    rows = RSVPMail.objects.filter(rsvp__event=event, kind=RSVPMail.Kind.CONFIRMATION)
    outcome.rsvps = RSVP.objects.filter(event=event).count()
    outcome.waiting_rows = rows.filter(sent_at=None, cancelled_at=None).count()
    outcome.mailed_before = rows.exclude(sent_at=None).count()
    with override_settings(EMAIL_BACKEND="bench.events.CountingEmailBackend"):
        CountingEmailBackend.sent = 0
        started = time.perf_counter()
        outcome.sent = deliveries_sweep().sent
        outcome.seconds = time.perf_counter() - started
        outcome.mails = CountingEmailBackend.sent
        outcome.second_sent = deliveries_sweep().sent
    outcome.rows_sent = rows.exclude(sent_at=None).count()
    per_rsvp = rows.values("rsvp").annotate(n=Count("pk")).values_list("n", flat=True)
    outcome.once_each = len(per_rsvp) == outcome.rsvps and set(per_rsvp) == {1}
    _rsvp_event_delete()
    return outcome


# --- reminder sweep ----------------------------------------------------------------------------


@dataclass
class SweepOutcome:
    attendees: int
    seconds: float = 0.0
    sent: int = 0
    mails: int = 0
    second_sent: int = 0
    second_mails: int = 0
    skipped: str = ""


def reminder_sweep() -> SweepOutcome:
    """Time events.services.reminders.reminders_send_due on the 10,000-attendee event, twice."""
    from django.test.utils import override_settings
    from django.utils import timezone

    from events.models import RSVP, Event, ReminderDelivery

    event = Event.objects.get(slug=REMINDER_SLUG)
    outcome = SweepOutcome(attendees=event.rsvps.filter(status=RSVP.Status.GOING).count())
    try:
        from events.services.reminders import reminders_send_due
    except ImportError as exc:
        outcome.skipped = f"events.services.reminders is not available yet ({exc})"
        return outcome
    # The 24-hour reminder fell due an hour ago; nothing of an earlier run is remembered.
    starts_at = timezone.now() + timedelta(hours=23)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )
    ReminderDelivery.objects.filter(rsvp__event=event).delete()
    with override_settings(EMAIL_BACKEND="bench.events.CountingEmailBackend"):
        CountingEmailBackend.sent = 0
        started = time.perf_counter()
        outcome.sent = reminders_send_due()
        outcome.seconds = time.perf_counter() - started
        outcome.mails = CountingEmailBackend.sent
        outcome.second_sent = reminders_send_due()
        outcome.second_mails = CountingEmailBackend.sent - outcome.mails
    return outcome


# --- report ------------------------------------------------------------------------------------


def _row(measure: str, value: str, target: str, result: str) -> str:
    return f"{measure:<52} {value:<34} {target:<18} {result:>6}"


def _outage_lines(outage: OutageOutcome) -> list[str]:
    rsvp = outage.rsvp
    lines = [
        _row(
            f"Broker down: {rsvp.people} RSVP POSTs, {rsvp.seats} seats",
            f"{rsvp.result.status_text()}, {rsvp.result.rps:.1f} req/s",
            f"{REDIRECT} each",
            "PASS" if rsvp.errors == 0 and rsvp.result.requests else "FAIL",
        )
    ]
    if outage.skipped:
        return [*lines, _row("  delivery sweep", outage.skipped, "-", "n/a")]
    rate = outage.sent / outage.seconds if outage.seconds else 0.0
    lines += [
        _row(
            "  confirmations waiting, none mailed meanwhile",
            f"{outage.waiting_rows} of {outage.rsvps}, {outage.mailed_before} mailed",
            f"{outage.rsvps}, 0",
            "PASS"
            if outage.waiting_rows == outage.rsvps == rsvp.people and not outage.mailed_before
            else "FAIL",
        ),
        _row(
            "  broker back: delivery sweep sends",
            f"{outage.sent} sent, {outage.mails} mails",
            f"{outage.rsvps}",
            "PASS" if outage.sent == outage.mails == outage.rows_sent == outage.rsvps else "FAIL",
        ),
        _row(
            "  seconds to drain, mails per second",
            f"{outage.seconds:.1f}s, {rate:.0f}/s",
            "-",
            "INFO",
        ),
        _row(
            "  one confirmation per RSVP; second sweep",
            f"{'yes' if outage.once_each else 'no'}; {outage.second_sent} sent",
            "yes; 0",
            "PASS" if outage.once_each and outage.second_sent == 0 else "FAIL",
        ),
    ]
    return lines


def report_lines(
    rsvp: RSVPOutcome | None, sweep: SweepOutcome | None, outage: OutageOutcome | None = None
) -> list[str]:
    header = _row("Measure", "Value", "Target", "Result")
    lines = [
        "",
        "Events: parallel RSVPs, RSVPs with the broker down, and the reminder sweep",
        header,
        "-" * len(header),
    ]
    if rsvp is not None:
        result = rsvp.result
        lines += [
            _row(
                f"RSVP POSTs: {rsvp.people} people, {rsvp.seats} seats",
                f"{result.status_text()}",
                f"{REDIRECT} each",
                "PASS" if rsvp.errors == 0 and result.requests else "FAIL",
            ),
            _row(
                f"  {rsvp.concurrency} at once to {rsvp.path}",
                f"{result.rps:.1f} req/s in {result.elapsed:.1f}s",
                "-",
                "INFO",
            ),
            _row(
                "  latency median / p95",
                f"{result.median_ms:.0f} / {result.p95_ms:.0f} ms",
                "-",
                "INFO",
            ),
            _row(
                "  final going / waitlisted",
                f"{rsvp.going} / {rsvp.waitlisted}",
                f"{rsvp.seats} / {rsvp.people - rsvp.seats}",
                "PASS"
                if (rsvp.going, rsvp.waitlisted) == (rsvp.seats, rsvp.people - rsvp.seats)
                else "FAIL",
            ),
            _row(
                "  waitlist positions 1..n, no gaps or repeats",
                "yes" if rsvp.positions_ok else "no",
                "yes",
                "PASS" if rsvp.positions_ok else "FAIL",
            ),
            _row(
                "  errors (any answer but a redirect)",
                str(rsvp.errors),
                "0",
                "PASS" if rsvp.errors == 0 else "FAIL",
            ),
        ]
        if rsvp.session_check != 200:
            lines.append(f"  note: a signed-in GET of the RSVP form answered {rsvp.session_check}")
        lines += [f"  note: {note}" for note in rsvp.notes]
    if outage is not None:
        lines += _outage_lines(outage)
    if sweep is not None:
        if sweep.skipped:
            lines.append(_row("Reminder sweep", sweep.skipped, "-", "n/a"))
        else:
            rate = sweep.sent / sweep.seconds if sweep.seconds else 0.0
            lines += [
                _row(
                    f"Reminder sweep: {sweep.attendees:,} attendees going",
                    f"{sweep.sent:,} sent, {sweep.mails:,} mails",
                    f"{sweep.attendees:,}",
                    "PASS" if sweep.sent == sweep.mails == sweep.attendees else "FAIL",
                ),
                _row(
                    "  time, mails per second", f"{sweep.seconds:.1f}s, {rate:.0f}/s", "-", "INFO"
                ),
                _row(
                    "  second sweep right after",
                    f"{sweep.second_sent} sent, {sweep.second_mails} mails",
                    "0",
                    "PASS" if sweep.second_sent == sweep.second_mails == 0 else "FAIL",
                ),
            ]
    return lines
