"""Seeding helpers for the scoreboard, public page, stance and action tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from campaigns.models import Meeting, MeetingAttendee, StanceReport
from campaigns.services.stances import stance_report_create, stance_report_review
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import CampaignMemberFactory, DistrictFactory, MeetingFactory, OfficialFactory

# Distinctive enough that finding them anywhere in a public page is a real leak.
SECRET_NAMES = ("Zebulon Quillfeather", "Marisol Thistlewood")
SECRET_EMAILS = ("zebulon.quill@private.example.org", "marisol.thistle@private.example.org")
SECRET_ADDRESS = "77 Hidden Lane"


def seed_officials(campaign, n: int, *, party: str = "Democratic", region: str = ""):
    """`n` current officials of the campaign's body, one per new district."""
    officials = []
    for _i in range(n):
        district = DistrictFactory(body=campaign.target_body, region=region)
        officials.append(OfficialFactory(district=district, party=party))
    return officials


def report(campaign, official, stance, *, verify: bool | None = True, days_ago: float = 0, actor):
    """A stance report, verified (True), rejected (False) or left pending (None)."""
    made = stance_report_create(
        campaign=campaign,
        official=official,
        stance=stance,
        source=StanceReport.Source.STATEMENT,
        reporter=actor,
        notes=f"Told by {SECRET_NAMES[0]}",
        reported_at=timezone.now() - timedelta(days=days_ago),
    )
    if verify is not None:
        stance_report_review(report=made, verified=verify, actor=actor)
    made.refresh_from_db()
    return made


def seed_constituents(campaign, official, *, held: int = 1):
    """Members with distinctive names who met `official` (held meetings) and filed a report."""
    members = []
    for name, email in zip(SECRET_NAMES, SECRET_EMAILS, strict=True):
        user = UserFactory(email=email, name=name)
        leader = LeaderFactory(user=user, name=name, email=email, phone="617-555-0199")
        members.append(
            CampaignMemberFactory(
                campaign=campaign,
                leader=leader,
                municipality=SECRET_ADDRESS,
                districts=[official.district],
            )
        )
    for _i in range(held):
        meeting = MeetingFactory(
            campaign=campaign,
            official=official,
            status=Meeting.Status.HELD,
            place=SECRET_ADDRESS,
            notes=f"{SECRET_NAMES[1]} led",
            scheduled_at=timezone.now() - timedelta(days=2),
        )
        for member in members:
            MeetingAttendee.objects.create(meeting=meeting, member=member, attended=True)
    reporter = members[0].leader.user
    stance_report_create(
        campaign=campaign,
        official=official,
        stance="supports",
        source=StanceReport.Source.MEETING,
        reporter=reporter,
        notes=f"{SECRET_NAMES[1]} heard it, reach me at {SECRET_EMAILS[1]}",
    )
    return members


def assert_no_constituent_data(content: bytes | str) -> None:
    text = content.decode() if isinstance(content, bytes) else content
    for secret in (*SECRET_NAMES, *SECRET_EMAILS, SECRET_ADDRESS, "617-555-0199"):
        assert secret not in text, f"{secret!r} leaked"
