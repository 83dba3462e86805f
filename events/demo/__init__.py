"""Invented events for `seed_demo`, drawn from the demo directory.

Convenings with agendas, facilitators, questions and a follow-up dinner; public trainings and
meetups; a past convening with final attendance; a full training with a waitlist; a cancelled
meetup; a draft; and two event kits. The demo organizer login leads most of them; a few are led
by local leaders given accounts (no usable password: they would claim them by password reset).
One more demo login, a leader from the directory, has invitations waiting, an RSVP and a past
check-in, so the leader's side can be tried too.

Dates are relative to the day of seeding, in each event's own time zone, so the demo always has
upcoming events. People are drawn with a seeded `random.Random`, so one directory gives the same
events every time. RSVPs to open events go through `rsvp_respond`, so seats and the waitlist
obey the site's own rules; the past convening's RSVPs and check-ins, which no service can make
any more, are written directly. Loading is all or nothing: once any demo event exists (matched
by slug), `demo_events_load` creates nothing.
"""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from actlocal.models import Topic, User
from directory.models import Leader, Organization
from directory.services import leaders_ensure_accounts, location_for

from ..models import (
    RSVP,
    Event,
    EventRole,
    Invitation,
    Question,
    ReminderOffset,
    Session,
    SessionSignup,
)
from ..services.events import event_cancel
from ..services.rsvps import RSVPDetails, rsvp_respond
from ..tokens import new_token
from .accounts import demo_leader, demo_leader_login_ensure
from .data import (
    ACCESSIBILITY_NEEDS,
    AGENDAS,
    DEMO_EVENT_SLUGS,
    DIETARY_NEEDS,
    EVENTS,
    QUESTIONS,
    TEXT_ANSWERS,
    TEXTS,
    EventSpec,
)
from .past import past_convening

__all__ = [
    "DEMO_EVENT_SEED",
    "DEMO_EVENT_SLUGS",
    "DemoEventCounts",
    "demo_events_load",
    "demo_leader",
    "demo_leader_login_ensure",
]

DEMO_EVENT_SEED = 2025
# Demo people are invented: their confirmation mails would only fill the outbox.
SILENT_MAIL = "django.core.mail.backends.dummy.EmailBackend"

# Local leaders given accounts to run events with the demo organizer: key -> state.
TEAM_STATES = {
    "ma_cohost": "MA",
    "ma_desk": "MA",
    "pa_lead": "PA",
    "wi_lead": "WI",
    "mi_lead": "MI",
    "ga_lead": "GA",
}
# Team members besides each event's lead organizer.
TEAM_EXTRAS = {
    "greater-boston-convening": (
        ("ma_cohost", EventRole.Role.CO_ORGANIZER),
        ("ma_desk", EventRole.Role.CHECKIN),
    ),
    "central-massachusetts-convening": (
        ("ma_cohost", EventRole.Role.CO_ORGANIZER),
        ("ma_desk", EventRole.Role.CHECKIN),
    ),
    "southeastern-pennsylvania-convening": (("organizer", EventRole.Role.CO_ORGANIZER),),
    "detroit-know-your-rights-trainers": (("organizer", EventRole.Role.CO_ORGANIZER),),
}
HOST_KINDS = (
    Organization.Kind.STATE_ORG,
    Organization.Kind.CHAPTER,
    Organization.Kind.LOCAL_GROUP,
    Organization.Kind.COALITION,
)


@dataclass
class DemoEventCounts:
    events: int = 0
    kits: int = 0
    sessions: int = 0
    invitations: int = 0
    rsvps: int = 0
    waitlisted: int = 0
    checked_in: int = 0

    @property
    def total(self) -> int:
        return self.events + self.kits


def demo_events_load(
    *, organizer: User | None, leader: Leader | None = None, seed: int = DEMO_EVENT_SEED
) -> DemoEventCounts:
    """Create the demo events unless they exist; `leader` (the demo leader login) gets
    invitations, an RSVP and a past check-in. Counts what was created."""
    if Event.objects.filter(slug__in=DEMO_EVENT_SLUGS).exists():
        return DemoEventCounts()
    # The override wraps the commit: confirmations queued on commit run in-process (no broker)
    # and go nowhere. With a broker, a worker would send them to the invented addresses.
    with (
        _quiet("celery.app.trace"),
        override_settings(EMAIL_BACKEND=SILENT_MAIL),
        transaction.atomic(),
    ):
        loader = _Loader(organizer=organizer, leader=leader, seed=seed)
        loader.run()
    return loader.counts


@contextmanager
def _quiet(name: str):
    """Hide one logger's INFO lines: a "task succeeded" line per in-process confirmation."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Loader:
    def __init__(self, *, organizer: User | None, leader: Leader | None, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.organizer = organizer
        self.leader = leader
        self.counts = DemoEventCounts()
        self.events: dict[str, Event] = {}
        self.questions: dict[str, tuple[str, list[Question]]] = {}
        self.topic_ids = dict(Topic.objects.values_list("slug", "pk"))
        self.by_state: dict[str, list[Leader]] = defaultdict(list)
        for person in Leader.objects.exclude(email="").order_by("slug"):
            self.by_state[person.state].append(person)
        self.taken: set[int] = {leader.pk} if leader else set()
        self.team: dict[str, User | None] = {"organizer": organizer}

    def run(self) -> None:
        self.team_accounts()
        for spec in EVENTS:
            self.event_create(spec)
        self.invitations_and_rsvps()
        past_convening(self)
        self.cancel("buffalo-west-side-tenants-meetup")

    # --- people -------------------------------------------------------------------------------
    def pick(self, state: str, n: int, *, exclude: set[int] = frozenset()) -> list[Leader]:
        """Up to `n` leaders from `state` (topped up from elsewhere), never a team member."""
        skip = self.taken | exclude
        pool = [p for p in self.by_state.get(state, []) if p.pk not in skip]
        chosen = self.rng.sample(pool, min(n, len(pool)))
        if len(chosen) < n:
            seen = skip | {p.pk for p in chosen}
            rest = [p for people in self.by_state.values() for p in people if p.pk not in seen]
            chosen += self.rng.sample(rest, min(n - len(chosen), len(rest)))
        return chosen

    def team_accounts(self) -> None:
        public = {
            state: [p for p in people if p.visibility == Leader.Visibility.PUBLIC]
            for state, people in self.by_state.items()
        }
        chosen: dict[str, Leader] = {}
        for key, state in TEAM_STATES.items():
            pool = [p for p in public.get(state, []) if p.pk not in self.taken]
            if pool:
                chosen[key] = self.rng.choice(pool)
                self.taken.add(chosen[key].pk)
        leaders_ensure_accounts(leaders=list(chosen.values()), actor=self.organizer)
        for key in TEAM_STATES:
            person = chosen.get(key)
            self.team[key] = person.user if person and person.user_id else self.organizer

    def details(self, event: Event) -> RSVPDetails:
        rng = self.rng
        answers: dict[str, str] = {}
        kind, questions = self.questions.get(event.slug, ("", []))
        for question in questions:
            if question.kind == Question.Kind.CHOICE:
                answers[question.answer_key] = rng.choice(question.choice_list)
            elif question.kind == Question.Kind.YES_NO:
                answers[question.answer_key] = "yes" if rng.random() < 0.3 else "no"
            elif rng.random() < 0.6:
                pool = TEXT_ANSWERS.get(kind)
                if pool:
                    answers[question.answer_key] = rng.choice(pool)
        return RSVPDetails(
            accessibility_needs=rng.choice(ACCESSIBILITY_NEEDS) if rng.random() < 0.2 else "",
            dietary_needs=rng.choice(DIETARY_NEEDS) if rng.random() < 0.35 else "",
            answers=answers,
        )

    # --- events -------------------------------------------------------------------------------
    def at(self, days: int, hhmm: str, zone: str) -> datetime:
        tz = ZoneInfo(zone)
        day = (self.now.astimezone(tz) + timedelta(days=days)).date()
        hour, minute = (int(part) for part in hhmm.split(":"))
        return datetime.combine(day, time(hour, minute), tzinfo=tz)

    def host(self, state: str) -> tuple[Organization | None, Organization | None]:
        local = list(
            Organization.objects.filter(state=state, kind__in=HOST_KINDS).order_by("slug")[:20]
        )
        national = list(
            Organization.objects.filter(
                kind__in=(Organization.Kind.ANCHOR, Organization.Kind.NATIONAL)
            ).order_by("slug")[:10]
        )
        return (
            self.rng.choice(local) if local else None,
            self.rng.choice(national) if national else None,
        )

    def event_create(self, spec: EventSpec) -> None:
        starts_at = self.at(spec.days, spec.start, spec.time_zone)
        latitude, longitude = location_for(zip_code=spec.zip_code, city=spec.city, state=spec.state)
        host, co_host = self.host(spec.state) if spec.state else (None, None)
        texts = TEXTS[spec.kind]
        event = Event.objects.create(
            kind=spec.kind,
            title=spec.title,
            slug=spec.slug,
            description=spec.description,
            kit_contents=spec.kit_contents,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=spec.minutes),
            time_zone=spec.time_zone,
            venue=spec.venue,
            address=spec.address,
            city=spec.city,
            state=spec.state,
            zip_code=spec.zip_code,
            latitude=latitude,
            longitude=longitude,
            capacity=spec.capacity,
            visibility=spec.visibility,
            # Cancelled after its RSVPs are in: nobody can answer a cancelled event.
            status=Event.Status.PUBLISHED if spec.status == Event.Status.CANCELLED else spec.status,
            host_organization=host,
            parent=self.events.get(spec.parent),
            is_template=spec.is_template,
            invitation_text=texts.invitation,
            confirmation_text=texts.confirmation,
            reminder_text=texts.reminder,
            created_by=self.organizer,
            created_at=min(self.now, starts_at) - timedelta(days=30 + self.rng.randint(0, 20)),
            finalized_at=(
                starts_at + timedelta(minutes=spec.minutes, hours=3)
                if spec.status == Event.Status.COMPLETED
                else None
            ),
        )
        self.events[spec.slug] = event
        if spec.is_template:
            self.counts.kits += 1
        else:
            self.counts.events += 1
        event.topics.set([self.topic_ids[t] for t in spec.topics if t in self.topic_ids])
        if co_host is not None and spec.kind == Event.Kind.CONVENING:
            event.co_hosts.add(co_host)
        self.team_create(event, spec)
        ReminderOffset.objects.bulk_create(
            [ReminderOffset(event=event, hours_before=hours) for hours in spec.reminders]
        )
        self.agenda_create(event, spec)
        lines = QUESTIONS.get(spec.questions, ())
        questions = Question.objects.bulk_create(
            [
                Question(
                    event=event,
                    label=line.label,
                    kind=line.kind,
                    choices="\n".join(line.choices),
                    required=line.required,
                    position=position,
                )
                for position, line in enumerate(lines)
            ]
        )
        self.questions[event.slug] = (spec.questions, questions)

    def team_create(self, event: Event, spec: EventSpec) -> None:
        members: dict[int, str] = {}
        lead = self.team.get(spec.lead)
        if lead is not None:
            members[lead.pk] = EventRole.Role.LEAD
        for key, role in TEAM_EXTRAS.get(spec.slug, ()):
            user = self.team.get(key)
            if user is not None:
                members.setdefault(user.pk, role)
        EventRole.objects.bulk_create(
            [EventRole(event=event, user_id=pk, role=role) for pk, role in members.items()]
        )

    def agenda_create(self, event: Event, spec: EventSpec) -> None:
        lines = AGENDAS.get(spec.agenda, ())
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
        self.counts.sessions += len(sessions)
        if spec.is_template:
            return  # a kit travels to other cities; facilitators are chosen there
        # Facilitators are named on public agendas: only leaders whose profile is public.
        public = [
            p
            for p in self.by_state.get(spec.state, [])
            if p.visibility == Leader.Visibility.PUBLIC and p.pk not in self.taken
        ]
        Facilitator = Session.facilitators.through
        rows = []
        for session, line in zip(sessions, lines, strict=True):
            for person in self.rng.sample(public, min(line.facilitators, len(public))):
                rows.append(Facilitator(session_id=session.pk, leader_id=person.pk))
        Facilitator.objects.bulk_create(rows)

    def cancel(self, slug: str) -> None:
        event_cancel(event=self.events[slug], actor=self.organizer)

    # --- invitations and RSVPs ----------------------------------------------------------------
    def invite(self, event: Event, people: list[Leader], status: str) -> list[Invitation]:
        rows = []
        for person in people:
            token, selector = new_token()
            sent_at = None
            if status != Invitation.Status.PENDING:
                sent_at = self.now - timedelta(
                    days=self.rng.randint(2, 12), hours=self.rng.random()
                )
            answered = status in (Invitation.Status.ACCEPTED, Invitation.Status.DECLINED)
            rows.append(
                Invitation(
                    event=event,
                    email=person.email,
                    name=person.name,
                    leader=person,
                    token=token,
                    token_selector=selector,
                    status=status,
                    invited_by=self.organizer,
                    created_at=(sent_at or self.now) - timedelta(minutes=5),
                    sent_at=sent_at,
                    responded_at=sent_at + timedelta(hours=self.rng.randint(1, 40))
                    if answered and sent_at
                    else None,
                )
            )
        self.counts.invitations += len(rows)
        return Invitation.objects.bulk_create(rows)

    def respond(
        self, event: Event, people: list[Leader], *, going: bool = True, invitations=None
    ) -> list[RSVP]:
        """Answer through the service, in order: seats first, then the waitlist."""
        rsvps = []
        for index, person in enumerate(people):
            rsvp = rsvp_respond(
                event=event,
                leader=person,
                actor=person.user if person.user_id else None,
                going=going,
                details=self.details(event) if going else None,
                invitation=invitations[index] if invitations else None,
            )
            rsvps.append(rsvp)
        self.counts.rsvps += len(rsvps)
        self.counts.waitlisted += sum(r.status == RSVP.Status.WAITLISTED for r in rsvps)
        return rsvps

    def invite_and_answer(
        self, slug: str, *, accepted: list, declined: list = (), sent: list = (), pending=()
    ) -> list[RSVP]:
        event = self.events[slug]
        ACCEPTED, DECLINED = Invitation.Status.ACCEPTED, Invitation.Status.DECLINED
        yes = self.invite(event, accepted, ACCEPTED)
        no = self.invite(event, list(declined), DECLINED)
        self.invite(event, list(sent), Invitation.Status.SENT)
        self.invite(event, list(pending), Invitation.Status.PENDING)
        going = self.respond(event, accepted, invitations=yes)
        self.respond(event, list(declined), going=False, invitations=no)
        return going

    def invitations_and_rsvps(self) -> None:
        me = [self.leader] if self.leader else []
        people = self.pick("MA", 36)
        boston = self.invite_and_answer(
            "greater-boston-convening",
            accepted=people[:18],
            declined=people[18:22],
            sent=people[22:32] + me,
            pending=people[32:],
        )
        self.workshop_signups("greater-boston-convening", boston)
        guests = self.rng.sample([r.leader for r in boston], min(8, len(boston)))
        self.invite_and_answer(
            "greater-boston-convening-dinner", accepted=guests[:5], sent=guests[5:]
        )
        people = self.pick("PA", 20)
        self.invite_and_answer(
            "southeastern-pennsylvania-convening",
            accepted=people[:9],
            declined=people[9:11],
            sent=people[11:],
        )
        self.invite_and_answer("northeast-ohio-convening", accepted=[], sent=self.pick("OH", 12))
        self.respond(self.events["pittsburgh-public-testimony-training"], self.pick("PA", 14))
        self.respond(self.events["madison-city-budget-training"], self.pick("WI", 9))
        # Twelve seats, sixteen answers: the last four wait in line.
        self.respond(self.events["detroit-know-your-rights-trainers"], self.pick("MI", 16))
        self.respond(self.events["atlanta-voter-registration-kickoff"], self.pick("GA", 11))
        self.respond(self.events["cambridge-organizers-coffee"], self.pick("MA", 7) + me)
        self.respond(self.events["buffalo-west-side-tenants-meetup"], self.pick("NY", 5))

    def workshop_signups(self, slug: str, rsvps: list[RSVP]) -> None:
        """Seat people in the morning workshop they chose on the RSVP form."""
        event = self.events[slug]
        kind, questions = self.questions[slug]
        choice = next((q for q in questions if q.kind == Question.Kind.CHOICE), None)
        sessions = {s.title: s for s in event.sessions.filter(signup_required=True)}
        if choice is None:
            return
        seats: dict[int, int] = defaultdict(int)
        rows = []
        for rsvp in rsvps:
            session = sessions.get(rsvp.answers.get(choice.answer_key, ""))
            if rsvp.status != RSVP.Status.GOING or session is None:
                continue
            if session.capacity is None or seats[session.pk] < session.capacity:
                seats[session.pk] += 1
                rows.append(SessionSignup(session=session, rsvp=rsvp))
        SessionSignup.objects.bulk_create(rows)
