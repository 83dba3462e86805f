"""Shared set-up of the join and meeting tests (helper C2's pages): places, constituents of two
officials, meetings with attendees, and a client per role."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from campaigns.models import Body, CampaignMember, Meeting, MeetingAttendee, ZipDistrict
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import (
    BodyFactory,
    CampaignMemberFactory,
    DistrictAreaFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
)

# Refusals of the member-facing meeting pages: anonymous people sign in first; anyone who is
# neither on the meeting nor on the team gets a 404, as if the meeting did not exist.
MEETING_PAGE_STATUS = {
    "anonymous": 302,
    "member": 404,
    "other_constituent": 404,
    "other_team": 404,
    "attendee": 200,
    "team": 200,
    "staff": 200,
}
# Team pages of an active campaign: 302 to sign in, 403 for everyone else who sees it.
TEAM_PAGE_STATUS = {
    "anonymous": 302,
    "member": 403,
    "attendee": 403,
    "other_constituent": 403,
    "other_team": 403,
    "team": 200,
    "staff": 200,
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def constituent_of(campaign, district, *, name: str, email: str) -> CampaignMember:
    user = UserFactory(email=email, name=name)
    leader = LeaderFactory(user=user, name=name, email=email)
    return CampaignMemberFactory(campaign=campaign, leader=leader, districts=[district])


def other_official(campaign):
    """A second district of the target body with its own official."""
    district = DistrictFactory(body=campaign.target_body, name="8th Hampden")
    return OfficialFactory(district=district, name="Rep. Olive Other", slug="olive-other")


def meeting_with(campaign, official, members=(), **values) -> Meeting:
    meeting = MeetingFactory(campaign=campaign, official=official, **values)
    for member in members:
        MeetingAttendee.objects.create(meeting=meeting, member=member)
    return meeting


def scheduled(campaign, official, members=(), *, hours: float = 30, **values) -> Meeting:
    return meeting_with(
        campaign,
        official,
        members,
        status=Meeting.Status.SCHEDULED,
        scheduled_at=timezone.now() + timedelta(hours=hours),
        **values,
    )


def springfield(campaign, district):
    """Springfield is split: ward 1 is `district` (7th Hampden), ward 2 the 8th Hampden.
    Ludlow (no wards) lies whole in `district`. One Senate district covers both towns.
    ZIP 01109 lies in the 8th only; 01104 is split between the two."""
    eighth = DistrictFactory(body=campaign.target_body, name="8th Hampden")
    senate = BodyFactory(
        name="Massachusetts Senate", slug="ma-senate", kind=Body.Kind.STATE_UPPER, state="MA"
    )
    senate_district = DistrictFactory(body=senate, name="Hampden")
    for ward, precinct, target in [
        ("1", "1", district),
        ("1", "2", district),
        ("2", "1", eighth),
        ("2", "2A", eighth),
    ]:
        for where in (target, senate_district):
            DistrictAreaFactory(
                district=where, municipality="Springfield", ward=ward, precinct=precinct
            )
    for where in (district, senate_district):
        DistrictAreaFactory(district=where, municipality="Ludlow", ward="", precinct="1")
    ZipDistrict.objects.create(district=eighth, zip_code="01109")
    ZipDistrict.objects.create(district=district, zip_code="01104", share=0.6)
    ZipDistrict.objects.create(district=eighth, zip_code="01104", share=0.4)
    return eighth, senate_district


def role_client(request, role: str, *, campaign, attendee_user=None) -> Client:
    """A client for `role` with respect to a meeting whose attendee is `attendee_user`."""
    from campaigns.models import CampaignRole

    from .factories import CampaignRoleFactory

    if role == "anonymous":
        return Client()
    if role == "member":
        return request.getfixturevalue("member_client")
    if role == "attendee":
        return signed_in(attendee_user)
    if role == "other_constituent":
        official = campaign.target_body.officials.get(slug="olive-other")
        member = constituent_of(
            campaign, official.district, name="Otto Elsewhere", email="otto@example.org"
        )
        return signed_in(member.leader.user)
    if role == "other_team":
        return request.getfixturevalue("other_campaign_team_client")
    if role == "team":
        user = UserFactory(email="team-organizer@example.org", name="Tess Team")
        CampaignRoleFactory(campaign=campaign, user=user, role=CampaignRole.Role.ORGANIZER)
        return signed_in(user)
    if role == "staff":
        return request.getfixturevalue("staff_client")
    raise ValueError(role)
