"""Journey: an organizer schedules a constituent meeting, a constituent files the report, the
organizer verifies it and the public scoreboard moves.

One story, because each step starts where the last one left off: the meeting team made on the
constituents page is the meeting that gets scheduled, reported on and verified.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import (
    CampaignOfficial,
    CampaignRole,
    Meeting,
    MeetingReport,
    Stance,
    StanceReport,
)
from campaigns.services.stances import stance_report_create, stance_report_review
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignMemberFactory,
    CampaignRoleFactory,
    DistrictFactory,
    OfficialFactory,
)
from tests.directory.factories import LeaderFactory

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
QUOTE = "I will vote to make every committee vote public, and you can quote me."


@pytest.fixture
def story(db):
    campaign = CampaignFactory(
        title="Open Committee Votes", slug="open-committee-votes", votes_needed=3
    )
    body = campaign.target_body
    seventh = DistrictFactory(body=body, name="7th Hampden")
    eighth = DistrictFactory(body=body, name="8th Hampden")
    ninth = DistrictFactory(body=body, name="9th Hampden")
    rep = OfficialFactory(
        district=seventh, name="Rosa Delgado", family_name="Delgado", slug="rosa-delgado"
    )
    # Already with us before the story starts: the supporters count goes from one to two.
    ally = OfficialFactory(
        district=eighth, name="Tom Whitcomb", family_name="Whitcomb", slug="tom-whitcomb"
    )
    statement = stance_report_create(
        campaign=campaign,
        official=ally,
        stance=Stance.SUPPORTS,
        source=StanceReport.Source.STATEMENT,
        reporter=None,
        evidence_url="https://news.example.org/whitcomb-backs-open-votes",
    )
    # Someone nobody has met yet stays under "no response" throughout.
    OfficialFactory(district=ninth, name="Sam Ortiz", family_name="Ortiz", slug="sam-ortiz")
    organizer = UserFactory(email="olu@example.org", name="Olu Organizer", organizer=True)
    CampaignRoleFactory(campaign=campaign, user=organizer, role=CampaignRole.Role.LEAD)
    stance_report_review(report=statement, verified=True, actor=organizer)
    constituent = UserFactory(email="connie@example.org", name="Connie Alvarez")
    leader = LeaderFactory(user=constituent, name="Connie Alvarez", email=constituent.email)
    member = CampaignMemberFactory(
        campaign=campaign,
        leader=leader,
        municipality="Springfield",
        ward="1",
        precinct="2",
        districts=[seventh],
    )
    return {
        "campaign": campaign,
        "rep": rep,
        "organizer": organizer,
        "constituent": constituent,
        "member": member,
    }


def official_row(page, name: str):
    """The scoreboard's one row for this official (each official is listed once)."""
    return page.get_by_role("row").filter(has_text=name)


def votes_counted(page):
    """The scoreboard's headline: supporters against the votes needed."""
    return page.get_by_role("listitem").filter(has_text="votes needed")


@pytest.mark.django_db(transaction=True)
def test_organizer_schedules_a_meeting_constituent_reports_and_verified_stance_moves_scoreboard(
    page, live_server, assert_accessible, sign_in, story
):
    campaign, rep, member = story["campaign"], story["rep"], story["member"]
    slug = campaign.slug

    # 1. The organizer groups the constituent into a meeting team for their representative.
    sign_in(story["organizer"])
    page.goto(live_server.url + f"/campaigns/{slug}/manage/constituents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Constituents per official")
    assert_accessible("constituents page")
    group = page.get_by_role(
        "region", name=re.compile(rf"^{re.escape(rep.name)} \(1 constituent\)")
    )
    group.get_by_role("group", name=f"Constituents of {rep.name}").get_by_label(
        member.leader.name
    ).check()
    group.get_by_role("button", name="Form a meeting team with the selected").click()
    expect(page.get_by_role("status")).to_contain_text(f"Meeting team formed for {rep.name}.")
    expect(page).to_have_url(re.compile(rf"/campaigns/{slug}/manage/meetings/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting with {rep.name}")
    meeting = Meeting.objects.get(campaign=campaign, official=rep)
    assert list(meeting.attendees.values_list("member_id", flat=True)) == [member.pk]
    assert meeting.status == Meeting.Status.REQUESTED
    assert_accessible("new meeting team")

    # 2. The office said yes: scheduled, with a date, a time and a place.
    page.get_by_label("Status", exact=True).select_option(Meeting.Status.SCHEDULED)
    when = (timezone.now().astimezone(NEW_YORK) + dt.timedelta(days=7)).replace(
        hour=10, minute=30, second=0, microsecond=0
    )
    page.get_by_label(re.compile(r"^Date and time")).fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("At the district office").check()
    page.get_by_label(re.compile(r"^Place")).fill("District office, 1 Main St, Springfield")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("The meeting is saved.")
    assert_accessible("scheduled meeting")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert meeting.scheduled_at == when
    assert meeting.place == "District office, 1 Main St, Springfield"

    # The constituent finds the meeting on their page in the campaign: when, where, what to say.
    sign_in(story["constituent"])
    page.goto(live_server.url + f"/campaigns/{slug}/join/")
    page.get_by_role("region", name="Your meetings").get_by_role(
        "link", name=f"Meeting with {rep.name}"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting with {rep.name}")
    details = page.get_by_role("main")
    expect(details).to_contain_text("District office, 1 Main St, Springfield")
    expect(details).to_contain_text(when.strftime("%B %-d, %Y, %-I:%M"))
    expect(page.get_by_role("region", name="What to say")).to_be_visible()
    expect(page.get_by_role("link", name="File the meeting report")).to_have_count(0)
    assert_accessible("meeting page before the meeting")

    # The meeting day comes and goes (a report can only be filed once the meeting took place).
    Meeting.objects.filter(pk=meeting.pk).update(
        scheduled_at=timezone.now() - dt.timedelta(hours=2)
    )

    # 3. The constituent files the report: who came, the answer "supports", a quote.
    page.reload()
    assert_accessible("meeting page after the meeting")
    page.get_by_role("link", name="File the meeting report").click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{slug}/meetings/{meeting.pk}/report/$"))
    assert_accessible("report form")
    page.get_by_role("group", name=re.compile(r"^Who came")).get_by_label("Connie").check()
    page.get_by_role("group", name=re.compile(r"^Their answer to the ask")).get_by_label(
        "Supports", exact=True
    ).check()
    page.get_by_label(re.compile(r"^What they said")).fill(QUOTE)
    page.get_by_role("button", name="File the report").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you! The report is filed")
    expect(page).to_have_url(re.compile(rf"/campaigns/{slug}/meetings/{meeting.pk}/$"))
    expect(page.get_by_role("region", name="The report")).to_contain_text("Supports")
    assert_accessible("meeting page after filing the report")
    report = MeetingReport.objects.get(meeting=meeting)
    assert (report.answer, report.quotes, report.reporter) == (
        Stance.SUPPORTS,
        QUOTE,
        story["constituent"],
    )
    assert meeting.attendees.get().attended is True
    pending = StanceReport.objects.get(campaign=campaign, official=rep)
    assert pending.review == StanceReport.Review.PENDING

    # Not verified yet: the public scoreboard still has the representative under no response.
    page.context.clear_cookies()
    page.goto(live_server.url + f"/campaigns/{slug}/scoreboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(campaign.title)
    expect(official_row(page, rep.name)).to_have_count(1)
    expect(official_row(page, rep.name)).to_contain_text("No response")
    expect(official_row(page, "Tom Whitcomb")).to_contain_text("Supports")
    expect(votes_counted(page)).to_have_text("1 of 3 votes needed")
    expect(page.get_by_role("main")).not_to_contain_text(member.leader.name)
    assert_accessible("scoreboard before verification")

    # 4. The organizer verifies the report ...
    sign_in(story["organizer"])
    page.goto(live_server.url + f"/campaigns/{slug}/manage/stances/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stances")
    assert_accessible("stances page")
    waiting = page.get_by_role("region", name="1 report waiting for verification")
    card = waiting.get_by_role("listitem").filter(has_text=rep.name)
    expect(card).to_contain_text("Constituent meeting")
    expect(card).to_contain_text(QUOTE)
    card.get_by_role("button", name=f"Verify {rep.name}: Supports").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Verified: {rep.name} — Supports. The scoreboard shows it now."
    )
    expect(page.get_by_role("region", name="0 reports waiting for verification")).to_be_visible()
    assert_accessible("stances page after verifying")
    pending.refresh_from_db()
    assert pending.review == StanceReport.Review.VERIFIED
    assert CampaignOfficial.objects.get(campaign=campaign, official=rep).stance == Stance.SUPPORTS

    # ... and the public scoreboard moves: she is with us, and the supporters count rose.
    page.context.clear_cookies()
    page.goto(live_server.url + f"/campaigns/{slug}/scoreboard/")
    expect(official_row(page, rep.name)).to_contain_text("Supports")
    expect(official_row(page, rep.name)).not_to_contain_text("No response")
    expect(votes_counted(page)).to_have_text("2 of 3 votes needed")
    expect(page.get_by_role("main")).not_to_contain_text(member.leader.name)
    assert_accessible("scoreboard after verification")
