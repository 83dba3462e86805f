"""The /me/ data download includes a person's RSVPs and campaign memberships."""

import json

from django.urls import reverse

from tests.campaigns.factories import CampaignMemberFactory, MeetingFactory
from tests.events.factories import EventFactory, RSVPFactory


def test_data_download_includes_my_rsvps_and_campaign_memberships(member_client, member_user):
    leader = member_user.leader
    event = EventFactory(title="Springfield Convening")
    RSVPFactory(event=event, leader=leader, dietary_needs="vegetarian", answers={"1": "yes"})
    member = CampaignMemberFactory(leader=leader, municipality="Brockton", precinct="6A")
    meeting = MeetingFactory(campaign=member.campaign)
    meeting.attendees.create(member=member, attended=True)

    response = member_client.get(reverse("me_data"))

    data = json.loads(response.content)
    assert data["event_rsvps"][0]["event"] == "Springfield Convening"
    assert data["event_rsvps"][0]["dietary_needs"] == "vegetarian"
    assert data["event_rsvps"][0]["answers"] == {"1": "yes"}
    membership = data["campaign_memberships"][0]
    assert membership["municipality"] == "Brockton" and membership["precinct"] == "6A"
    assert membership["meetings"][0]["attended"] is True
