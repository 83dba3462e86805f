"""Survey mail: the invitation a set time after the event ends (or when a network survey opens)
and one reminder some days later, each at most once per person, through the platform outbox.

A periodic sweep (`survey_mail_schedule`, see the beat schedule) writes a SurveyDelivery row per
person when a mail is due; the unique (survey, leader, kind) row is what makes it once, however
many sweeps run at the same moment (inserts ignore conflicts). The rows are sent by the one
delivery loop (actlocal.delivery.deliver_claimed), which claims them under SKIP LOCKED and
takes over a dead worker's claim after the lease: the same rules as every other mail.

Sending re-checks what the row announced: a survey that closed, a person who left the
audience (their RSVP was cancelled, they were never checked in) or, for the reminder, someone
who already answered, closes the row without mail.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from actlocal.delivery import Cancelled, Channel, channel_register

from ..audiences import survey_audience
from ..links import survey_link_path
from ..models import Response, Survey, SurveyDelivery

CHANNEL = "surveys.mail"
# A mail this late is dropped rather than sent (a survey reopened months after its event).
LATEST_AFTER = timedelta(days=14)


def invitation_due_at(survey: Survey) -> datetime:
    """When the survey's invitation is due: after its event ends, else when it opens."""
    if survey.event_id is not None and survey.event is not None:
        return survey.event.ends_at + timedelta(hours=survey.send_after_hours)
    return survey.opens_at


def _open_surveys(now: datetime):
    return Survey.objects.select_related("event").filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        status=Survey.Status.OPEN,
        opens_at__lte=now,
    )


def survey_mail_schedule(*, now: datetime | None = None) -> int:
    """Write the delivery rows of every survey mail now due; returns how many were new."""
    now = now or timezone.now()
    created = 0
    for survey in _open_surveys(now):
        if survey.event is not None and survey.event.is_template:
            continue  # a kit's survey is a pattern, never mailed
        invite_at = invitation_due_at(survey)
        if invite_at > now or now - invite_at > LATEST_AFTER + timedelta(
            days=survey.reminder_after_days
        ):
            continue
        already = SurveyDelivery.objects.filter(survey=survey, leader_id=OuterRef("pk"))
        audience = survey_audience(survey=survey).exclude(email="")
        rows: list[SurveyDelivery] = []
        if now - invite_at <= LATEST_AFTER:
            invite = audience.filter(
                ~Exists(already.filter(kind=SurveyDelivery.Kind.INVITATION))
            ).values_list("pk", flat=True)
            rows += [
                SurveyDelivery(survey=survey, leader_id=pk, kind=SurveyDelivery.Kind.INVITATION)
                for pk in invite
            ]
        if now >= invite_at + timedelta(days=survey.reminder_after_days):
            answered = Response.objects.filter(
                survey=survey, leader_id=OuterRef("pk"), submitted_at__isnull=False
            )
            # Only people whose invitation went out are reminded, once.
            invited = already.filter(kind=SurveyDelivery.Kind.INVITATION, sent_at__isnull=False)
            remind = (
                audience.filter(Exists(invited))
                .filter(~Exists(answered))
                .filter(~Exists(already.filter(kind=SurveyDelivery.Kind.REMINDER)))
                .values_list("pk", flat=True)
            )
            rows += [
                SurveyDelivery(survey=survey, leader_id=pk, kind=SurveyDelivery.Kind.REMINDER)
                for pk in remind
            ]
        made = SurveyDelivery.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        created += len(made)
    return created


def survey_mail_sweep(*, now: datetime | None = None) -> int:
    """Schedule what is due and send it (the beat entry); returns how many were sent."""
    from actlocal.delivery import deliver_claimed

    survey_mail_schedule(now=now)
    return deliver_claimed(channel=CHANNEL, now=now).sent


def _send(row: SurveyDelivery, connection) -> None:
    from actlocal.mail import send_templated_mail

    survey, leader = row.survey, row.leader
    if not survey.is_open():
        raise Cancelled("the survey is no longer open")
    if not leader.email:
        raise Cancelled("no address")
    if not survey_audience(survey=survey).filter(pk=leader.pk).exists():
        raise Cancelled("no longer in the survey's audience")
    if (
        row.kind == SurveyDelivery.Kind.REMINDER
        and Response.objects.filter(
            survey=survey, leader=leader, submitted_at__isnull=False
        ).exists()
    ):
        raise Cancelled("already answered")
    send_templated_mail(
        template="survey_invitation",
        to=[leader.email],
        context={
            "survey": survey,
            "recipient_name": leader.name,
            "is_reminder": row.kind == SurveyDelivery.Kind.REMINDER,
            "link_path": survey_link_path(
                survey_slug=survey.slug, survey_pk=survey.pk, leader_pk=leader.pk
            ),
        },
        connection=connection,
    )


def register() -> None:
    channel_register(
        Channel(
            name=CHANNEL,
            model=SurveyDelivery,
            send=_send,
            select_related=("survey__event", "leader__user"),
            recipient_language=lambda row: row.leader.mail_language(),
        )
    )
