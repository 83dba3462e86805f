"""Every mail, written in (pseudo-)Spanish because its recipient prefers Spanish, holds no
English a person would read.

Every delivery channel sends a few rows: the ones the seeded world holds, made due again, and
for the channels the demo seeds none of (or none that would still send), rows written as their
service writes them. The account mails go through allauth's own pages. The loop runs with
English active: the language comes from each recipient's saved preference (`User.language`),
as it does in production. Subjects, text bodies and the HTML alternative are all read.
"""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import Q
from django.test import Client, TestCase
from django.utils import timezone, translation

from actlocal.delivery import channels, deliver_claimed
from actlocal.models import User

from .pages import users
from .visible import findings, unmarked, visible_texts

pytestmark = pytest.mark.usefixtures("in_world", "spanish")
PER_CHANNEL = 3  # a few rows of each kind: enough to vary, quick to send
# Who receives each channel's mail: the leader behind the row (their account's language
# decides). Channels missing here say who their recipient is elsewhere in this module.
RECIPIENT = {
    "events.rsvp": "rsvp__leader",
    "events.reminder": "rsvp__leader",
    "events.message": "rsvp__leader",
    "events.invitation": "invitation__leader",
    "campaigns.meeting_reminder": "attendee__member__leader",
    "campaigns.meeting_notice": "attendee__member__leader",
    "surveys.mail": "leader",
    "directory.contact": "recipient",
}
# The event's team (every account prefers Spanish here), a person known only by the address
# they answered from in Spanish, and allauth's mails (rendered when asked for).
OTHER_RECIPIENTS = {"events.nomination", "events.link_answer", "actlocal.mail"}


def _problems(where: str) -> list[str]:
    problems = []
    for message in mail.outbox:
        # Markers are removed from the whole body first: a translated paragraph spans lines.
        pieces = [message.subject, *unmarked(message.body).splitlines()]
        for content, kind in getattr(message, "alternatives", []):
            if kind == "text/html":
                pieces += visible_texts(content)
        problems += [f"{where} “{message.subject[:60]}”: {line}" for line in findings(pieces)]
    return problems


def _spanish_accounts(leader_ids) -> None:
    """The leaders get an account that prefers Spanish (those without one get one)."""
    from directory.models import Leader

    for leader in Leader.objects.filter(pk__in=set(leader_ids) - {None}):
        if leader.user_id is None:
            user = User.objects.filter(email__iexact=leader.email).first()
            leader.user = user or User.objects.create_user(email=leader.email, name=leader.name)
            leader.save(update_fields=["user"])
        User.objects.filter(pk=leader.user_id).update(language="es")


def _upcoming_events():
    from events.models import Event

    return Event.objects.filter(
        status=Event.Status.PUBLISHED, is_template=False, starts_at__gt=timezone.now()
    ).order_by("starts_at")


def _going(leader=None):
    from events.models import RSVP

    rsvps = RSVP.objects.filter(
        status=RSVP.Status.GOING, removed_at=None, event__in=_upcoming_events()
    ).exclude(leader__email="")
    if leader is not None:
        rsvps = rsvps.filter(leader=leader)
    return rsvps.order_by("pk")


def _invitations_made() -> None:
    """Invitations to an upcoming event, through the service the team's invite form uses."""
    from directory.models import Leader
    from events.models import Invitation
    from events.services.invitations import invitations_create

    event = _upcoming_events().first()
    invited = Invitation.objects.filter(event=event).values("email")
    leaders = Leader.objects.exclude(email="").exclude(email__in=invited).order_by("pk")
    recipients = [(leader.email, leader.name, leader) for leader in leaders[:PER_CHANNEL]]
    invitations_create(event=event, recipients=recipients, actor=users()["organizer"])


def _reminders_made() -> None:
    """A reminder due now for people going to an upcoming event (as the scheduler writes one
    when the event's reminder offset has come)."""
    from events.models import ReminderDelivery

    for rsvp in _going()[:PER_CHANNEL]:
        hours = math.ceil((rsvp.event.starts_at - timezone.now()) / timedelta(hours=1)) + 1
        ReminderDelivery.objects.get_or_create(rsvp=rsvp, hours_before=hours)


def _meeting_reminders_made() -> None:
    from campaigns.models import Campaign, Meeting, MeetingAttendee, MeetingReminder

    attendees = MeetingAttendee.objects.filter(
        meeting__status=Meeting.Status.SCHEDULED, meeting__scheduled_at__gt=timezone.now()
    ).exclude(member__leader__email="")
    attendees = attendees.exclude(meeting__campaign__status=Campaign.Status.DRAFT)
    for attendee in attendees.select_related("meeting").order_by("pk")[:PER_CHANNEL]:
        MeetingReminder.objects.get_or_create(
            attendee=attendee, scheduled_for=attendee.meeting.scheduled_at
        )


def _survey_mails_made() -> None:
    """An invitation and a reminder of an open survey to people in its audience who have not
    answered (the schedule writes these rows when they are due)."""
    from surveys.audiences import survey_audience
    from surveys.models import Response, Survey, SurveyDelivery

    open_surveys = Survey.objects.filter(status=Survey.Status.OPEN).order_by("pk")
    survey = next(s for s in open_surveys if s.is_open() and survey_audience(survey=s).exists())
    answered = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    audience = (
        survey_audience(survey=survey)
        .exclude(email="")
        .exclude(pk__in=answered.values("leader_id"))
    )
    for leader in audience.order_by("pk")[:2]:
        for kind in SurveyDelivery.Kind.values:
            SurveyDelivery.objects.get_or_create(survey=survey, leader=leader, kind=kind)


def _other_rows_made(name: str) -> None:
    """One row of a channel the demo seeds none of, written as its service would write it."""
    from campaigns.models import MeetingAttendee, MeetingNotice
    from directory.models import ContactMessage, Leader
    from events.models import LinkAnswer, Nomination
    from events.models_deliveries import NominationNotice
    from events.tokens import new_token

    people = users()
    if name == "directory.contact":
        recipient = Leader.objects.exclude(email="").exclude(user=people["member"]).first()
        ContactMessage.objects.create(
            sender=people["member"], recipient=recipient, subject="ΔHello", body="ΔA Δnote"
        )
    elif name == "events.link_answer":
        token, selector = new_token()
        # The person answered the event's link on a Spanish page: the service stamps that.
        LinkAnswer.objects.create(
            event=_upcoming_events().first(),
            email="Δanswer@example.org",
            token=token,
            token_selector=selector,
            language="es",
        )
    elif name == "events.nomination":
        nomination = Nomination.objects.create(
            event=_upcoming_events().first(),
            nominated_by=Leader.objects.order_by("pk").first(),
            name="ΔRosa",
            email="Δrosa@example.org",
            reason="ΔShe Δorganizes",
        )
        NominationNotice.objects.create(nomination=nomination)
    elif name == "campaigns.meeting_notice":
        attendee = MeetingAttendee.objects.filter(meeting__scheduled_at__gt=timezone.now()).first()
        for kind in MeetingNotice.Kind.values:
            MeetingNotice.objects.create(attendee=attendee, kind=kind, change=1)


def _account_mails_asked() -> None:
    """allauth's mails through its own pages, asked for from an English browser: the password
    reset and the "account already exists" mail (a sign-up with a known address) follow the
    account's saved Spanish; the confirmation of a new sign-up made in Spanish follows the
    language it was made in."""
    member = users()["member"]
    password = "a-long-new-pass-42"
    english, spanish = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="es")
    with TestCase.captureOnCommitCallbacks(execute=False):
        english.post("/accounts/password/reset/", {"email": member.email})
        english.post(
            "/accounts/signup/",
            {"name": "ΔAna", "email": member.email, "password1": password, "password2": password},
        )
        spanish.post(
            "/accounts/signup/",
            {
                "name": "ΔAna",
                "email": "nueva@example.org",
                "password1": password,
                "password2": password,
            },
        )


MADE = {
    "events.invitation": _invitations_made,
    "events.reminder": _reminders_made,
    "campaigns.meeting_reminder": _meeting_reminders_made,
    "surveys.mail": _survey_mails_made,
    "actlocal.mail": _account_mails_asked,
}


def _due(channel) -> list[int]:
    """A few rows of the channel due now: made for the channels whose seeded rows would not
    send, else the seeded ones made due again (the seed sent them, in English)."""
    rows = channel.model._default_manager.order_by("pk")
    if channel.name in MADE:
        before = set(rows.values_list("pk", flat=True))
        MADE[channel.name]()
        rows = rows.exclude(pk__in=before)
    elif not rows.exists():
        _other_rows_made(channel.name)
    pks = list(rows.values_list("pk", flat=True)[:PER_CHANNEL])
    rows.filter(pk__in=pks).update(sent_at=None, cancelled_at=None, claimed_at=None, attempts=0)
    if channel.name in RECIPIENT:
        path = RECIPIENT[channel.name]
        _spanish_accounts(rows.filter(pk__in=pks).values_list(path, flat=True))
    return pks


def test_every_delivery_channel_writes_no_english():
    User.objects.filter(~Q(language="es")).update(language="es")  # teams, staff, the member
    problems: list[str] = []
    sent: dict[str, int] = {}
    for channel in channels():
        assert channel.name in RECIPIENT or channel.name in OTHER_RECIPIENTS, (
            f"say who receives {channel.name}'s mail in this test"
        )
        mail.outbox = []
        pks = _due(channel)
        # English is active, as in a worker: only the recipients' preference makes it Spanish.
        with translation.override("en"):
            deliver_claimed(channel=channel, pks=pks)
        sent[channel.name] = len(mail.outbox)
        problems += _problems(channel.name)
    silent = [name for name, count in sent.items() if not count]
    assert silent == [], f"Channels that sent nothing: {silent}"
    assert sent["actlocal.mail"] == 3, "the reset, the known address and the confirmation"
    assert not problems, "English in Spanish mail:\n" + "\n".join(problems)
