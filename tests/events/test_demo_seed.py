"""The demo events `seed_demo` loads: every kind of event, real rules kept, nothing twice."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from actlocal.geo import zip_place
from actlocal.models import User
from directory.demo.accounts import ORGANIZER_EMAIL
from directory.models import Leader
from events.demo import DEMO_EVENT_SLUGS, demo_events_load, demo_leader
from events.models import (
    RSVP,
    Event,
    EventRole,
    Invitation,
    Question,
    ReminderOffset,
    Session,
    SessionSignup,
)

pytestmark = pytest.mark.django_db

LEADER_LOGIN_RE = re.compile(r"^\s*leader\s+email: (\S+)\s+password: (\S+)", re.MULTILINE)


def seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (about five seconds), inside a transaction rolled back at the
    end; each test runs in its own savepoint within it, so what a test changes is undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


def demo_events():
    return Event.objects.filter(slug__in=DEMO_EVENT_SLUGS)


def test_seeding_creates_convenings_trainings_meetups_dinners_and_two_kits(seeded):
    output = seeded
    events = demo_events().filter(is_template=False)
    assert 10 <= events.count() <= 15
    kinds = set(events.values_list("kind", flat=True))
    assert kinds == set(Event.Kind.values)
    statuses = set(events.values_list("status", flat=True))
    assert statuses == set(Event.Status.values)
    assert len(set(events.values_list("state", flat=True))) >= 6
    kits = demo_events().filter(is_template=True)
    assert kits.count() == 2
    assert set(kits.values_list("kind", flat=True)) == {Event.Kind.CONVENING, Event.Kind.DINNER}
    assert "Demo events loaded" in output


def test_convenings_have_agendas_facilitators_questions_and_the_default_reminders(seeded):
    convenings = demo_events().filter(kind=Event.Kind.CONVENING, is_template=False)
    assert convenings.count() >= 3
    for event in convenings:
        assert event.visibility == Event.Visibility.INVITE_ONLY
        kinds = set(event.sessions.values_list("kind", flat=True))
        assert {"workshop", "training", "networking", "meal", "plenary"} <= kinds
        assert Session.facilitators.through.objects.filter(session__event=event).exists()
        for session in event.sessions.all():
            assert event.starts_at <= session.starts_at <= session.ends_at <= event.ends_at
        assert set(event.questions.values_list("kind", flat=True)) == set(Question.Kind.values)
        assert list(event.reminder_offsets.values_list("hours_before", flat=True)) == [168, 24]
        assert event.roles.filter(role=EventRole.Role.LEAD).exists()
    # Facilitators appear on public agendas: never someone who keeps their profile private.
    visibilities = Leader.objects.filter(facilitated_sessions__isnull=False).values_list(
        "visibility", flat=True
    )
    assert set(visibilities) == {Leader.Visibility.PUBLIC}


def test_follow_up_dinners_belong_to_a_convening_and_invite_its_attendees(seeded):
    dinners = demo_events().filter(kind=Event.Kind.DINNER, is_template=False)
    assert dinners.count() == 2
    for dinner in dinners:
        assert dinner.parent.kind == Event.Kind.CONVENING
        assert dinner.capacity and dinner.capacity < dinner.parent.capacity
        guests = set(dinner.invitations.values_list("leader", flat=True))
        came = set(
            dinner.parent.rsvps.filter(status=RSVP.Status.GOING).values_list("leader", flat=True)
        )
        assert guests and guests <= came
    kit_dinner = Event.objects.get(slug="kit-follow-up-dinner")
    assert kit_dinner.parent.slug == "kit-one-day-convening"
    assert kit_dinner.sessions.exists()


def test_public_listing_excludes_invite_only_events_drafts_and_kits(seeded):
    listed = set(Event.objects.listed().values_list("slug", flat=True))
    assert listed
    hidden = demo_events().filter(
        Q(visibility=Event.Visibility.INVITE_ONLY)
        | Q(status=Event.Status.DRAFT)
        | Q(is_template=True)
    )
    assert hidden.count() >= 7
    assert not listed & set(hidden.values_list("slug", flat=True))
    page = Client().get("/events/")
    assert page.status_code == 200
    body = page.content.decode()
    for event in hidden:
        assert escape(event.title) not in body
    for event in Event.objects.listed().upcoming():
        assert escape(event.title) in body


def test_capacity_is_never_exceeded_and_the_full_training_has_a_waitlist(seeded):
    for event in demo_events().exclude(capacity=None):
        going = event.rsvps.filter(status=RSVP.Status.GOING).count()
        assert going <= event.capacity, event.slug
    full = Event.objects.get(slug="detroit-know-your-rights-trainers")
    assert full.rsvps.filter(status=RSVP.Status.GOING).count() == full.capacity
    positions = list(
        full.rsvps.filter(status=RSVP.Status.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    )
    assert positions == [1, 2, 3, 4]
    for session in Session.objects.filter(event__in=demo_events()).exclude(capacity=None):
        assert session.signups.count() <= session.capacity
    assert SessionSignup.objects.filter(session__event__slug="greater-boston-convening").exists()


def test_rsvps_carry_needs_and_answers_to_the_events_own_questions(seeded):
    rsvps = RSVP.objects.filter(event__in=demo_events(), status=RSVP.Status.GOING)
    assert rsvps.exclude(accessibility_needs="").exists()
    assert rsvps.exclude(dietary_needs="").exists()
    for rsvp in rsvps.exclude(answers={}).select_related("event"):
        questions = {q.answer_key: q for q in rsvp.event.questions.all()}
        assert set(rsvp.answers) <= set(questions)
        for key, value in rsvp.answers.items():
            question = questions[key]
            if question.kind == Question.Kind.CHOICE:
                assert value in question.choice_list
            if question.kind == Question.Kind.YES_NO:
                assert value in {"yes", "no"}


def test_invitations_are_sent_accepted_and_declined_and_match_the_rsvps(seeded):
    invitations = Invitation.objects.filter(event__in=demo_events())
    statuses = set(invitations.values_list("status", flat=True))
    assert {"pending", "sent", "accepted", "declined"} <= statuses
    assert invitations.filter(status="pending", sent_at__isnull=False).count() == 0
    assert len(set(invitations.values_list("token", flat=True))) == invitations.count()
    for invitation in invitations.filter(status="accepted"):
        assert invitation.rsvps.get().status == RSVP.Status.GOING
    # Nobody is going to an invite-only event without an invitation, except walk-ins.
    uninvited = RSVP.objects.filter(
        event__visibility=Event.Visibility.INVITE_ONLY, invitation=None, is_walk_in=False
    )
    assert not uninvited.exists()


def test_the_past_convening_has_final_attendance_check_ins_and_walk_ins(seeded):
    past = Event.objects.get(status=Event.Status.COMPLETED, slug__in=DEMO_EVENT_SLUGS)
    assert past.is_past and past.finalized_at is not None
    going = past.rsvps.filter(status=RSVP.Status.GOING)
    attended = going.filter(attendance=RSVP.Attendance.ATTENDED)
    no_show = going.filter(attendance=RSVP.Attendance.NO_SHOW)
    assert attended.count() > no_show.count() > 0
    assert attended.count() + no_show.count() == going.count()
    assert not attended.filter(checked_in_at=None).exists()
    assert not no_show.filter(checked_in_at__isnull=False).exists()
    assert going.filter(is_walk_in=True).exists()
    assert going.count() <= past.capacity
    codes = list(past.rsvps.values_list("checkin_code", flat=True))
    assert len(set(codes)) == len(codes)
    # Its reminders are recorded as sent, so no sweep sends them now.
    assert past.reminder_offsets.exists()
    for rsvp in going.filter(is_walk_in=False):
        assert rsvp.reminder_deliveries.filter(sent_at__isnull=False).count() == 2


def test_the_cancelled_meetup_keeps_the_record_of_who_was_going(seeded):
    cancelled = demo_events().get(status=Event.Status.CANCELLED)
    assert cancelled.rsvps.filter(status=RSVP.Status.GOING).exists()
    assert Client().get(cancelled.get_absolute_url()).status_code in (200, 404)


def test_the_demo_organizer_leads_several_events_and_local_leaders_lead_others(seeded):
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    led = EventRole.objects.filter(user=organizer, role=EventRole.Role.LEAD)
    assert led.filter(event__is_template=False).count() >= 5
    assert led.filter(event__is_template=True).count() == 2
    others = EventRole.objects.filter(event__in=demo_events(), role=EventRole.Role.LEAD).exclude(
        user=organizer
    )
    assert others.count() >= 3
    for role in others.select_related("user"):
        assert role.user.leader is not None
        assert not role.user.has_usable_password()
    assert EventRole.objects.filter(event__in=demo_events(), role=EventRole.Role.CHECKIN).exists()
    # Every event has exactly one lead.
    counts = demo_events().annotate(leads=Count("roles", filter=Q(roles__role=EventRole.Role.LEAD)))
    assert {event.leads for event in counts} == {1}


def test_the_demo_leader_login_has_invitations_waiting_a_seat_and_a_past_check_in(seeded):
    output = seeded
    email, password = LEADER_LOGIN_RE.search(output).groups()
    user = User.objects.get(email=email)
    assert user.check_password(password)
    assert user.leader == demo_leader()
    invitations = Invitation.objects.filter(leader=user.leader, status=Invitation.Status.SENT)
    assert invitations.count() >= 2
    rsvps = RSVP.objects.filter(leader=user.leader)
    assert rsvps.filter(status=RSVP.Status.GOING, event__status=Event.Status.PUBLISHED).exists()
    assert rsvps.filter(attendance=RSVP.Attendance.ATTENDED).exists()
    client = Client()
    assert client.login(email=email, password=password)
    invited = invitations.filter(event__kind=Event.Kind.CONVENING).get().event
    assert client.get(invited.get_absolute_url()).status_code == 200


def test_events_are_placed_on_their_zip_code_in_their_own_time_zone(seeded):
    for event in demo_events().filter(is_template=False):
        place = zip_place(event.zip_code)
        assert place is not None and place.state == event.state
        assert (event.latitude, event.longitude) == (place.lat, place.lng)
    madison = Event.objects.get(slug="madison-city-budget-training")
    assert madison.time_zone == "America/Chicago"
    assert madison.local_start.hour == 18 and madison.local_start.minute == 30


def test_public_event_pages_show_no_private_email_or_phone(seeded):
    needles = []
    for email, phone in Leader.objects.filter(user__isnull=True).values_list("email", "phone"):
        needles += [value for value in (email, phone) if value]
    client = Client()
    urls = ["/events/"] + [event.get_absolute_url() for event in Event.objects.listed()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        leaked = [needle for needle in needles if needle in body]
        assert not leaked, f"{url} shows {leaked[:3]}"


def test_a_second_run_creates_nothing(seeded):
    counts = {
        model.__name__: model.objects.count()
        for model in (Event, Session, Invitation, RSVP, EventRole, ReminderOffset, User)
    }
    output = seed_demo()
    assert "Demo events already loaded; nothing to create." in output
    assert counts == {
        model.__name__: model.objects.count()
        for model in (Event, Session, Invitation, RSVP, EventRole, ReminderOffset, User)
    }


def test_the_same_seed_draws_the_same_people_again(seeded):

    def snapshot() -> set[tuple[str, str, str]]:
        return set(
            RSVP.objects.filter(event__in=demo_events()).values_list(
                "event__slug", "leader__email", "status"
            )
        )

    first = snapshot()
    demo_events().filter(parent__isnull=False).delete()
    demo_events().delete()
    # The same directory as at the first draw: the survey demo, seeded after events, adds its
    # invented respondents to it.
    Leader.objects.filter(slug__startswith="demo-respondent-").delete()
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    counts = demo_events_load(organizer=organizer, leader=demo_leader())
    assert counts.events and snapshot() == first


EVENT_PAGES = (
    "detail",
    "event_ics",
    "rsvp",
    "manage",
    "attendees_csv",
    "message",
    "edit",
    "team",
    "agenda",
    "questions",
    "reminders",
    "followup_create",
    "kit_save",
    "invite_leaders",
    "invite_emails",
    "invite_parent_attendees",
    "invite_links",
    "invitation_list",
    "checkin",
)
PUBLIC_PAGES = ("detail", "event_ics", "rsvp")


def test_every_page_of_every_demo_event_answers_without_a_server_error(seeded):
    organizer, leader = Client(), Client()
    organizer.force_login(User.objects.get(email=ORGANIZER_EMAIL))
    leader.force_login(demo_leader().user)
    # The team sees every page; the others the pages people outside it reach.
    roles = ((organizer, EVENT_PAGES), (leader, PUBLIC_PAGES), (Client(), PUBLIC_PAGES))
    team_pages_seen = 0
    for client, names in roles:
        for path in ("/events/", "/events/feed.ics", "/events/kits/", "/me/"):
            assert client.get(path).status_code < 500, path
        for event in demo_events():
            for name in names:
                path = reverse(f"events:{name}", kwargs={"slug": event.slug})
                status = client.get(path).status_code
                assert status < 500, (path, status)
                team_pages_seen += client is organizer and status == 200
    assert team_pages_seen > 100
