"""Constituent meetings: meeting teams per official, the scheduling rules, and the report after.

Rules kept here (the views only translate errors into messages):
- a meeting's constituents are members whose districts include the official's district;
- scheduled needs a date and time, held needs a time that has passed;
- a meeting with a filed report stays held;
- one report per meeting: the team may edit it, a constituent may not file a second one;
- the report's answer becomes a stance report with source "meeting", waiting for verification,
  so the public scoreboard moves only when an organizer verifies it.

The reminder sweep lives in meeting_reminders.py; it is re-exported here for campaigns.tasks.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from directory.cache import public_cache_bump

from ..models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    Meeting,
    MeetingAttendee,
    MeetingReport,
    Official,
    Stance,
    StanceReport,
)
from ..page_cache import SCOPE
from .meeting_notices import meeting_notice_kind, meeting_notice_record
from .meeting_reminders import meeting_reminders_send_due  # noqa: F401  (campaigns.tasks)
from .stances import StanceError, stance_report_create

# Meetings a constituent can still be added to or removed from without rewriting history.
OPEN_STATUSES = (Meeting.Status.REQUESTED, Meeting.Status.SCHEDULED)


class MeetingError(ServiceError):
    """A request that cannot be honoured; the message is safe to show."""


@dataclass
class MeetingDetails:
    """What the team sets on a meeting besides its official and its constituents."""

    status: str = Meeting.Status.REQUESTED
    scheduled_at: dt.datetime | None = None
    time_zone: str = "America/New_York"
    format: str = Meeting.Format.IN_PERSON
    place: str = ""
    notes: str = ""


# --- Reads ------------------------------------------------------------------------------------


def campaign_officials(*, campaign: Campaign) -> QuerySet[Official]:
    """The target body's current officials (the people meetings can be with)."""
    return (
        Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .select_related("district")
        .order_by("district__name", "family_name", "name", "pk")
    )


def official_constituents(*, campaign: Campaign, official: Official) -> QuerySet[CampaignMember]:
    """Members of the campaign who live in the official's district."""
    if official.district_id is None or official.body_id != campaign.target_body_id:
        return CampaignMember.objects.none()
    return (
        CampaignMember.objects.filter(campaign=campaign, districts=official.district_id)
        .select_related("leader")
        .order_by("leader__name", "pk")
    )


def meetings_for_team(*, campaign: Campaign) -> QuerySet[Meeting]:
    """Every meeting of the campaign with what the team's list shows, in a constant number of
    queries: the official and district, the report, and the attendees with their leaders."""
    return (
        Meeting.objects.filter(campaign=campaign)
        .select_related("official__district", "report")
        .prefetch_related("attendees__member__leader")
        .order_by("-scheduled_at", "-pk")
    )


def meeting_attendee_for(*, meeting: Meeting, member: CampaignMember | None):
    """The member's place on the meeting's team, or None."""
    if member is None:
        return None
    return MeetingAttendee.objects.filter(meeting=meeting, member=member).first()


def meeting_zone(meeting: Meeting) -> zoneinfo.ZoneInfo:
    """The meeting's own time zone (UTC if the stored name is unknown)."""
    try:
        return zoneinfo.ZoneInfo(meeting.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def meeting_place(meeting: Meeting) -> str:
    """Where to go: the place the team wrote, else the district office's address."""
    if meeting.place.strip():
        return meeting.place.strip()
    if meeting.format == Meeting.Format.DISTRICT_OFFICE:
        return meeting.official.district_address
    return ""


def meeting_stance(meeting: Meeting) -> str:
    """The official's current (verified) stance in the meeting's campaign."""
    stance = (
        CampaignOfficial.objects.filter(
            campaign_id=meeting.campaign_id, official_id=meeting.official_id
        )
        .values_list("stance", flat=True)
        .first()
    )
    return stance or Stance.NO_RESPONSE


def first_name(name: str) -> str:
    """What other attendees see of a constituent: the first word of their name."""
    return (name or "").strip().split(" ")[0] if name else ""


# --- Checks ------------------------------------------------------------------------------------


def _check_official(*, campaign: Campaign, official: Official) -> None:
    if official.body_id != campaign.target_body_id:
        raise MeetingError(_("This official does not sit on the campaign's target body."))
    if official.district_id is None:
        raise MeetingError(_("This official has no district, so they have no constituents."))


def _check_members(
    *, campaign: Campaign, official: Official, members: Iterable[CampaignMember]
) -> list[CampaignMember]:
    members = list(members)
    allowed = set(
        official_constituents(campaign=campaign, official=official).values_list("pk", flat=True)
    )
    outsiders = [m for m in members if m.pk not in allowed]
    if outsiders:
        raise MeetingError(
            _("Only constituents of %(official)s can be on this meeting’s team.")
            % {"official": official.name}
        )
    return members


def _check_details(*, details: MeetingDetails, now: dt.datetime) -> None:
    if details.status not in Meeting.Status.values:
        raise MeetingError(_("Choose a valid status."))
    if details.format not in Meeting.Format.values:
        raise MeetingError(_("Choose a valid format."))
    if details.status == Meeting.Status.SCHEDULED and details.scheduled_at is None:
        raise MeetingError(_("A scheduled meeting needs a date and time."))
    if details.status == Meeting.Status.HELD:
        if details.scheduled_at is None:
            raise MeetingError(_("A held meeting needs the date and time it took place."))
        if details.scheduled_at > now:
            raise MeetingError(_("A meeting can only be marked held once its time has passed."))


# --- Writes ------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    campaign: Campaign,
    official: Official,
    actor,
    members: Iterable[CampaignMember] = (),
    details: MeetingDetails | None = None,
) -> Meeting:
    """Start a meeting team for an official (status requested unless the team says otherwise)."""
    details = details or MeetingDetails()
    _check_official(campaign=campaign, official=official)
    _check_details(details=details, now=timezone.now())
    members = _check_members(campaign=campaign, official=official, members=members)
    meeting = Meeting.objects.create(
        campaign=campaign,
        official=official,
        status=details.status,
        scheduled_at=details.scheduled_at,
        time_zone=details.time_zone,
        format=details.format,
        place=details.place,
        notes=details.notes,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    MeetingAttendee.objects.bulk_create(
        [MeetingAttendee(meeting=meeting, member=m) for m in members]
    )
    public_cache_bump(SCOPE)  # bulk writes send no signals
    audit_log(
        actor=actor,
        obj=meeting,
        action="meeting.create",
        data={
            "official": official.pk,
            "status": meeting.status,
            "attendees": sorted(m.pk for m in members),
        },
    )
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting_notice_record(meeting=meeting, kind="scheduled", member_pks=[m.pk for m in members])
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor,
    details: MeetingDetails,
    members: Iterable[CampaignMember],
) -> Meeting:
    """Change a meeting's status, time, place, format, notes and team; state changes audited."""
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("campaign", "official")
        .get(pk=meeting.pk)
    )
    _check_details(details=details, now=timezone.now())
    if MeetingReport.objects.filter(meeting=meeting).exists() and (
        details.status != Meeting.Status.HELD
    ):
        raise MeetingError(_("This meeting has a report, so it stays held."))
    members = _check_members(campaign=meeting.campaign, official=meeting.official, members=members)
    previous_status = meeting.status
    changed = {}
    for name in ("status", "scheduled_at", "time_zone", "format", "place", "notes"):
        value = getattr(details, name)
        if getattr(meeting, name) != value:
            changed[name] = value
            setattr(meeting, name, value)
    if changed:
        meeting.save(update_fields=[*changed, "updated_at"])
    wanted = {m.pk for m in members}
    current = set(meeting.attendees.values_list("member_id", flat=True))
    removed, added = current - wanted, wanted - current
    if removed:
        MeetingAttendee.objects.filter(meeting=meeting, member_id__in=removed).delete()
    if added:
        MeetingAttendee.objects.bulk_create(
            [MeetingAttendee(meeting=meeting, member_id=pk) for pk in sorted(added)]
        )
        public_cache_bump(SCOPE)  # bulk writes send no signals
    if changed or removed or added:
        data = {
            name: (value.isoformat() if isinstance(value, dt.datetime) else value)
            for name, value in changed.items()
            if name != "notes"
        }
        if "notes" in changed:
            data["notes_changed"] = True
        data.update(added=sorted(added), removed=sorted(removed))
        audit_log(actor=actor, obj=meeting, action="meeting.update", data=data)
    if "status" in changed:
        audit_log(actor=actor, obj=meeting, action=f"meeting.{meeting.status}")
    kind = meeting_notice_kind(previous_status=previous_status, meeting=meeting, changed=changed)
    if kind:
        meeting_notice_record(meeting=meeting, kind=kind, member_pks=wanted)
    elif added and meeting.status == Meeting.Status.SCHEDULED:
        meeting_notice_record(meeting=meeting, kind="scheduled", member_pks=added)
    return meeting


@dataclass
class ReportInput:
    """What an attendee or the team says about a meeting that took place."""

    answer: str
    attended: Iterable[int] = ()
    quotes: str = ""
    follow_up_needed: bool = False
    follow_up: str = ""


def report_can_be_filed(meeting: Meeting, *, now: dt.datetime | None = None) -> str:
    """'' when a report can be filed on the meeting now, else the reason it cannot."""
    now = now or timezone.now()
    if meeting.status == Meeting.Status.CANCELLED:
        return _("This meeting was cancelled, so there is nothing to report.")
    if meeting.status == Meeting.Status.REFUSED:
        return _("The office refused this meeting, so there is nothing to report.")
    if meeting.status == Meeting.Status.REQUESTED or meeting.scheduled_at is None:
        return _("This meeting has not been scheduled yet.")
    if meeting.scheduled_at > now:
        return _("You can file the report once the meeting has taken place.")
    return ""


@transaction.atomic
def meeting_report_file(
    *, meeting: Meeting, actor, report: ReportInput, as_team: bool
) -> MeetingReport:
    """File (or, for the team, edit) the one report of a meeting that took place.

    Marks the meeting held, records who came, and sends the official's answer to the
    organizers as an unverified stance report.
    """
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("campaign", "official")
        .get(pk=meeting.pk)
    )
    if reason := report_can_be_filed(meeting):
        raise MeetingError(reason)
    if report.answer not in Stance.values:
        raise MeetingError(_("Choose the official’s answer to the ask."))
    existing = MeetingReport.objects.filter(meeting=meeting).first()
    if existing is not None and not as_team:
        raise MeetingError(
            _(
                "A report on this meeting has already been filed. If something in it is wrong, "
                "please tell the organizing team."
            )
        )
    attendee_ids = set(meeting.attendees.values_list("member_id", flat=True))
    attended = {int(pk) for pk in report.attended}
    if not attended <= attendee_ids:
        raise MeetingError(_("Only people on this meeting’s team can be marked as present."))
    values = {
        "answer": report.answer,
        "quotes": report.quotes,
        "follow_up_needed": report.follow_up_needed,
        "follow_up": report.follow_up,
    }
    if existing is None:
        saved = MeetingReport.objects.create(meeting=meeting, reporter=_user(actor), **values)
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save(update_fields=list(values))
        saved = existing
    meeting.attendees.filter(member_id__in=attended).update(attended=True)
    meeting.attendees.exclude(member_id__in=attended).update(attended=False)
    public_cache_bump(SCOPE)  # bulk writes send no signals
    if meeting.status != Meeting.Status.HELD:
        previous = meeting.status
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
        audit_log(actor=actor, obj=meeting, action="meeting.held", data={"from": previous})
    _stance_from_report(meeting=meeting, actor=actor, saved=saved)
    audit_log(
        actor=actor,
        obj=saved,
        action="meeting.report" if existing is None else "meeting.report_edit",
        data={
            "meeting": meeting.pk,
            "answer": saved.answer,
            "attended": sorted(attended),
            "follow_up_needed": saved.follow_up_needed,
        },
    )
    return saved


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _stance_from_report(*, meeting: Meeting, actor, saved: MeetingReport) -> None:
    """The answer as a stance report: a pending one is corrected in place; once reviewed, a
    changed answer becomes a new pending report (the reviewed one is history)."""
    latest = (
        StanceReport.objects.filter(meeting=meeting, source=StanceReport.Source.MEETING)
        .order_by("-pk")
        .first()
    )
    if latest is not None and latest.review == StanceReport.Review.PENDING:
        if latest.stance != saved.answer or latest.notes != saved.quotes:
            latest.stance = saved.answer
            latest.notes = saved.quotes
            latest.save(update_fields=["stance", "notes"])
            audit_log(actor=actor, obj=latest, action="stance.report_edit")
        return
    if latest is not None and latest.stance == saved.answer:
        return
    try:
        stance_report_create(
            campaign=meeting.campaign,
            official=meeting.official,
            stance=saved.answer,
            source=StanceReport.Source.MEETING,
            reporter=actor,
            notes=saved.quotes,
            meeting=meeting,
            # The stance is what the official said at the meeting, not when it was typed up.
            reported_at=meeting.scheduled_at,
        )
    except StanceError as exc:
        raise MeetingError(str(exc)) from exc
