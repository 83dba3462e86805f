"""Every mail, written in (pseudo-)Spanish, holds no English a person would read.

Each delivery channel sends rows the seeded world already holds; the account mails go through
allauth's own pages. Subjects, text bodies and the HTML alternative are all read.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from actlocal.delivery import channels, deliver_claimed

from .pages import users
from .visible import findings, unmarked, visible_texts

pytestmark = pytest.mark.usefixtures("in_world", "spanish")
PER_CHANNEL = 3  # a few rows of each kind: enough to vary, quick to send
# Channels whose mails this test does not read yet, and why. The test fails when one of them
# starts sending (take it off the list) or another one stops.
NOT_READ_YET = {
    "actlocal.mail": "read by test_account_mails_write_no_english",
    "events.invitation": "the seeded invitations' rows are closed by the channel when re-sent",
    "events.reminder": "the seeded reminders are closed by the channel when re-sent",
    "campaigns.meeting_reminder": "the made-up row is closed by the channel",
    "surveys.mail": "the made-up rows are closed by the channel",
}


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


def _row_made(name: str) -> None:
    """One row of a channel the demo seeds none of, written as its service would write it, for
    people and objects the world holds."""
    from django.utils import timezone

    from campaigns.models import MeetingAttendee, MeetingNotice, MeetingReminder
    from directory.models import ContactMessage, Leader
    from events.models import Event, Invitation, LinkAnswer, Nomination
    from events.models_deliveries import InvitationDelivery, NominationNotice
    from events.tokens import new_token
    from surveys.models import Survey, SurveyDelivery

    people = users()
    upcoming = Event.objects.filter(
        status=Event.Status.PUBLISHED, is_template=False, starts_at__gt=timezone.now()
    ).order_by("starts_at")
    if name == "directory.contact":
        recipient = Leader.objects.exclude(email="").exclude(user=people["member"]).first()
        ContactMessage.objects.create(
            sender=people["member"], recipient=recipient, subject="ΔHello", body="ΔA Δnote"
        )
    elif name == "events.link_answer":
        token, selector = new_token()
        LinkAnswer.objects.create(
            event=upcoming.first(),
            email="Δanswer@example.org",
            token=token,
            token_selector=selector,
        )
    elif name == "events.invitation":
        InvitationDelivery.objects.create(invitation=Invitation.objects.order_by("pk").first())
    elif name == "events.nomination":
        nomination = Nomination.objects.create(
            event=upcoming.first(),
            nominated_by=Leader.objects.order_by("pk").first(),
            name="ΔRosa",
            email="Δrosa@example.org",
            reason="ΔShe Δorganizes",
        )
        NominationNotice.objects.create(nomination=nomination)
    elif name == "campaigns.meeting_reminder":
        attendee = MeetingAttendee.objects.filter(meeting__scheduled_at__gt=timezone.now()).first()
        MeetingReminder.objects.create(attendee=attendee, scheduled_for=timezone.now())
    elif name == "campaigns.meeting_notice":
        attendee = MeetingAttendee.objects.filter(meeting__scheduled_at__gt=timezone.now()).first()
        for kind in MeetingNotice.Kind.values:
            MeetingNotice.objects.create(attendee=attendee, kind=kind, change=1)
    elif name == "surveys.mail":
        survey = Survey.objects.filter(status=Survey.Status.OPEN).order_by("pk").first()
        leader = Leader.objects.exclude(email="").order_by("pk").first()
        for kind in SurveyDelivery.Kind.values:
            SurveyDelivery.objects.create(survey=survey, leader=leader, kind=kind)


def _resent(channel) -> list[int]:
    """A few rows of the channel made due again (the seed sent them, in English)."""
    rows = channel.model._default_manager.order_by("pk")
    if not rows.exists():
        _row_made(channel.name)
    pks = list(rows.values_list("pk", flat=True)[:PER_CHANNEL])
    rows.filter(pk__in=pks).update(sent_at=None, cancelled_at=None, claimed_at=None, attempts=0)
    return pks


def test_every_delivery_channel_writes_no_english():
    problems: list[str] = []
    silent: list[str] = []
    for channel in channels():
        mail.outbox = []
        pks = _resent(channel)
        with translation.override("es"):
            deliver_claimed(channel=channel, pks=pks)
        if not mail.outbox:
            silent.append(channel.name)
        problems += _problems(channel.name)
    assert set(silent) == set(NOT_READ_YET), f"Channels that sent nothing: {silent}"
    assert not problems, "English in Spanish mail:\n" + "\n".join(problems)


def test_account_mails_write_no_english():
    """The password reset and the "account already exists" mail (a sign-up with a known
    address), written by allauth through the core outbox."""
    from django.test import TestCase

    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    mail.outbox = []
    member = users()["member"]
    password = "a-long-new-pass-42"
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": member.email})
        client.post(
            "/accounts/signup/",
            {"email": member.email, "password1": password, "password2": password},
        )
    with translation.override("es"):
        deliver_claimed(channel="actlocal.mail")  # whatever still waits in the core outbox
    assert mail.outbox, "allauth sent nothing"
    problems = _problems("account")
    assert not problems, "English in Spanish mail:\n" + "\n".join(problems)
