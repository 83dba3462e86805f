"""Data for the events benchmark, made once in the benchmark database (see bench/events.py).

Told apart from the directory's data by slug and by the e-mail domain BENCH_DOMAIN: about 360
events for the list (bench-event-*), one convening with a full agenda for the detail page, 500
people with accounts for the RSVP load, and an event whose 10,000 attendees are leaders of the
seeded directory.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

BENCH_DOMAIN = "bench-events.example.org"
LIST_PREFIX = "bench-event-"
DETAIL_SLUG = "bench-convening"
RSVP_SLUG = "bench-rsvp-load"
REMINDER_SLUG = "bench-reminder-sweep"
SEED = 11
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # events.services.rsvps.CODE_ALPHABET


def checkin_code(index: int) -> str:
    """A distinct six-character check-in code per index (bulk inserts need no retry loop)."""
    code = ""
    for _ in range(6):
        index, digit = divmod(index, len(ALPHABET))
        code += ALPHABET[digit]
    return code


def event_build(index: int, rng: random.Random, now, **fields):
    from directory.demo.data import CITIES
    from directory.services import location_for
    from events.models import Event

    city = rng.choices(CITIES, weights=[c.weight for c in CITIES])[0]
    zip_code = rng.choice(city.zips)
    latitude, longitude = location_for(zip_code=zip_code)
    starts_at = (now + timedelta(days=rng.randint(1, 180), hours=rng.randint(0, 23))).replace(
        minute=0, second=0, microsecond=0
    )
    kind = rng.choice(Event.Kind.values)
    values = {
        "kind": kind,
        "title": f"{city.name} {Event.Kind(kind).label.lower()} no. {index}",
        "slug": f"{LIST_PREFIX}{index:04d}",
        "description": "A benchmark event with a realistic amount of text. " * 6,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=rng.choice((2, 3, 8))),
        "venue": f"{city.name} Community Hall",
        "address": f"{rng.randint(1, 999)} Main Street",
        "city": city.name,
        "state": city.state,
        "zip_code": zip_code,
        "latitude": latitude,
        "longitude": longitude,
        "capacity": rng.choice((None, 20, 40, 80, 150)),
        "visibility": Event.Visibility.PUBLIC,
        "status": Event.Status.PUBLISHED,
    }
    values.update(fields)
    return Event(**values)


def _list_events_ensure(*, count: int, rng: random.Random, now) -> int:
    """`count` public upcoming events plus a tenth as many past, invite-only and draft ones."""
    from actlocal.models import Topic
    from directory.models import Leader, Organization
    from events.models import RSVP, Event

    if Event.objects.filter(slug__startswith=LIST_PREFIX).exists():
        return 0
    events = [event_build(i, rng, now) for i in range(count)]
    extra = max(count // 10, 1)
    for i in range(count, count + extra):
        past = event_build(i, rng, now, status=Event.Status.COMPLETED)
        past.starts_at -= timedelta(days=200)
        past.ends_at -= timedelta(days=200)
        events += [
            past,
            event_build(i + extra, rng, now, visibility=Event.Visibility.INVITE_ONLY),
            event_build(i + 2 * extra, rng, now, status=Event.Status.DRAFT),
        ]
    orgs = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    for event in events:
        event.host_organization_id = rng.choice(orgs) if orgs and rng.random() < 0.8 else None
    Event.objects.bulk_create(events, batch_size=1000)
    topics = list(Topic.objects.values_list("pk", flat=True))
    EventTopic = Event.topics.through
    EventTopic.objects.bulk_create(
        [
            EventTopic(event_id=event.pk, topic_id=topic)
            for event in events
            for topic in rng.sample(topics, min(len(topics), rng.randint(1, 2)))
        ]
    )
    leaders = list(Leader.objects.order_by("pk").values_list("pk", flat=True)[:20000])
    RSVP.objects.bulk_create(
        [
            RSVP(
                event_id=event.pk,
                leader_id=leader,
                status=RSVP.Status.GOING,
                checkin_code=checkin_code(n),
            )
            for event in events
            for n, leader in enumerate(rng.sample(leaders, min(len(leaders), rng.randint(0, 12))))
        ],
        batch_size=5000,
    )
    return len(events)


def _detail_event_ensure(*, rng: random.Random, now) -> int:
    """A public convening with a full agenda, facilitators, questions, hosts and 80 going."""
    from directory.models import Leader, Organization
    from events.demo.data import AGENDAS, QUESTIONS
    from events.models import RSVP, Event, Question, Session

    if Event.objects.filter(slug=DETAIL_SLUG).exists():
        return 0
    event = event_build(0, rng, now, slug=DETAIL_SLUG, kind=Event.Kind.CONVENING, capacity=120)
    event.title = "Benchmark regional convening"
    event.starts_at = (now + timedelta(days=365)).replace(hour=13, minute=0, second=0)
    event.ends_at = event.starts_at + timedelta(hours=8)
    event.host_organization = Organization.objects.order_by("pk").first()
    event.save()
    event.co_hosts.set(Organization.objects.order_by("pk")[1:3])
    lines = AGENDAS["convening"]
    sessions = Session.objects.bulk_create(
        [
            Session(
                event=event,
                kind=line.kind,
                title=line.title,
                description=line.description,
                starts_at=event.starts_at + timedelta(minutes=line.offset),
                ends_at=event.starts_at + timedelta(minutes=line.offset + line.minutes),
                room=line.room,
                capacity=line.capacity,
                signup_required=line.signup_required,
            )
            for line in lines
        ]
    )
    public = list(
        Leader.objects.filter(visibility=Leader.Visibility.PUBLIC)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    Facilitator = Session.facilitators.through
    Facilitator.objects.bulk_create(
        [
            Facilitator(session_id=session.pk, leader_id=leader)
            for session, line in zip(sessions, lines, strict=True)
            for leader in rng.sample(public, min(len(public), line.facilitators))
        ]
    )
    Question.objects.bulk_create(
        [
            Question(event=event, label=q.label, kind=q.kind, choices="\n".join(q.choices))
            for q in QUESTIONS["convening"]
        ]
    )
    attendees = rng.sample(public, min(len(public), 80))
    RSVP.objects.bulk_create(
        [
            RSVP(event=event, leader_id=pk, status=RSVP.Status.GOING, checkin_code=checkin_code(n))
            for n, pk in enumerate(attendees)
        ]
    )
    return 1


def _people_ensure(*, count: int) -> int:
    """`count` accounts with a verified address and a leader profile (kept out of listings)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from actlocal.models import User
    from directory.models import Leader

    emails = [f"rsvp{i:05d}@{BENCH_DOMAIN}" for i in range(count)]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    todo = [email for email in emails if email not in have]
    if not todo:
        return 0
    password = make_password(None)  # unusable: these accounts sign in by session only
    users = User.objects.bulk_create(
        [User(email=email, name=f"Bench Person {email[4:9]}", password=password) for email in todo]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    Leader.objects.bulk_create(
        [
            Leader(
                user=u,
                name=u.name,
                slug=f"bench-rsvp-{u.email[4:9]}",
                email=u.email,
                city="Boston",
                state="MA",
                zip_code="02118",
                visibility=Leader.Visibility.ORGANIZERS,
                source=Leader.Source.SELF,
            )
            for u in users
        ]
    )
    return len(users)


def _reminder_event_ensure(*, attendees: int, rng: random.Random, now) -> int:
    """An event with `attendees` people going, drawn from the seeded directory's leaders."""
    from directory.models import Leader
    from events.models import RSVP, Event, ReminderOffset

    # Invite-only: kept off the public list, whose cost is measured on its ~300 events.
    Event.objects.filter(slug=REMINDER_SLUG).update(visibility=Event.Visibility.INVITE_ONLY)
    event = Event.objects.filter(slug=REMINDER_SLUG).first()
    if event is not None and event.rsvps.count() >= attendees:
        return 0
    if event is None:
        event = event_build(
            1, rng, now, slug=REMINDER_SLUG, capacity=None, visibility=Event.Visibility.INVITE_ONLY
        )
        event.title = "Benchmark reminder sweep"
        event.save()
        ReminderOffset.objects.create(event=event, hours_before=24)
    taken = set(event.rsvps.values_list("leader_id", flat=True))
    leaders = Leader.objects.exclude(email="").exclude(email__endswith=f"@{BENCH_DOMAIN}")
    pks = list(leaders.order_by("pk").values_list("pk", flat=True)[:attendees])
    todo = [pk for pk in pks if pk not in taken][: attendees - len(taken)]
    # Answered well before the reminder's moment: the sweep skips later RSVPs by design.
    answered = now - timedelta(days=10)
    RSVP.objects.bulk_create(
        [
            RSVP(
                event=event,
                leader_id=pk,
                status=RSVP.Status.GOING,
                checkin_code=checkin_code(len(taken) + n),
                created_at=answered,
            )
            for n, pk in enumerate(todo)
        ],
        batch_size=5000,
    )
    return len(todo)


def events_prepare(*, list_events: int, attendees: int, people: int) -> str:
    """Seed what is missing; returns a one-line summary."""
    from django.db import connection, transaction
    from django.utils import timezone

    from events.models import Event

    rng, now = random.Random(SEED), timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        created = _list_events_ensure(count=list_events, rng=rng, now=now)
        created += _detail_event_ensure(rng=rng, now=now)
        people_created = _people_ensure(count=people)
        attendees_created = _reminder_event_ensure(attendees=attendees, rng=rng, now=now)
    if created or people_created or attendees_created:
        with connection.cursor() as cursor:
            for table in ("events_event", "events_rsvp", "directory_leader", "actlocal_user"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    total = Event.objects.count()
    what = f"{total:,} events, {people:,} RSVP accounts, {attendees:,} reminder attendees"
    if created or people_created or attendees_created:
        return f"seeded in {time.monotonic() - started:.1f}s: {what}"
    return f"already seeded: {what}"
