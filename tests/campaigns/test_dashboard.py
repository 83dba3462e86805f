"""The organizer dashboard: the numbers on a small known campaign, and a constant query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.dashboard import dashboard_get
from campaigns.models import CampaignMember, CampaignOfficial, CampaignStep, Meeting, MeetingReport
from tests.directory.factories import LeaderFactory

from .factories import (
    CampaignFactory,
    CampaignMemberFactory,
    CampaignOfficialFactory,
    MeetingFactory,
    StanceReportFactory,
)
from .manage_roles import ordinance_campaign, seat_official, signed_in, team_user


def manage_url(campaign) -> str:
    return reverse("campaigns:manage", kwargs={"slug": campaign.slug})


@pytest.fixture
def known(campaign, constituent_user):
    """Four targeted officials with meetings, stances, pressure and reports of known numbers."""
    body = campaign.target_body
    a, b, c, d = (
        seat_official(body, name=name, family_name=name.split()[-1])
        for name in ("Ada Able", "Ben Baker", "Cy Cole", "Di Dunn")
    )
    now = timezone.now()
    for official in (a, b, c, d):
        CampaignOfficialFactory(campaign=campaign, official=official)
    CampaignOfficial.objects.filter(official=a).update(stance="supports", stance_changed_at=now)
    CampaignOfficial.objects.filter(official=b).update(
        stance="leaning_yes", stance_changed_at=now - dt.timedelta(weeks=10), is_sponsor=True
    )
    held = MeetingFactory(campaign=campaign, official=a, status=Meeting.Status.HELD)
    MeetingFactory(campaign=campaign, official=a, status=Meeting.Status.HELD)
    MeetingFactory(campaign=campaign, official=b, status=Meeting.Status.SCHEDULED)
    MeetingFactory(campaign=campaign, official=c, status=Meeting.Status.REQUESTED)
    MeetingFactory(campaign=campaign, official=d, status=Meeting.Status.CANCELLED)
    other = CampaignFactory()
    MeetingFactory(campaign=other, official=c, status=Meeting.Status.HELD)
    MeetingReport.objects.create(
        meeting=held, answer="supports", follow_up_needed=True, follow_up="Send the fiscal note"
    )
    second = Meeting.objects.filter(official=a, campaign=campaign).exclude(pk=held.pk).get()
    MeetingReport.objects.create(meeting=second, answer="supports")
    pressure = campaign.actions
    pressure.create(kind="letter", official=a, outlet="Gazette")
    pressure.create(kind="calls", official=a, count=25)
    pressure.create(kind="rally", district=b.district)
    other.actions.create(kind="calls", official=a, count=100)
    StanceReportFactory(campaign=campaign, official=c, stance="opposes")
    StanceReportFactory(campaign=campaign, official=d, stance="undecided")
    StanceReportFactory(campaign=campaign, official=d, stance="supports", review="rejected")
    StanceReportFactory(campaign=other, official=d, stance="supports")
    leadership = LeaderFactory()
    CampaignMemberFactory(campaign=campaign, leader=leadership, role=CampaignMember.Role.LEADERSHIP)
    return {"a": a, "b": b, "c": c, "d": d}


def test_dashboard_numbers_on_a_known_campaign(campaign, known):
    data = dashboard_get(campaign=campaign)
    meetings = data.meetings
    assert (meetings.held, meetings.scheduled, meetings.requested) == (2, 1, 1)
    assert (meetings.cancelled, meetings.goal, meetings.percent, meetings.to_go) == (1, 100, 2, 98)
    assert (data.supporters, data.votes_needed, data.votes_to_go) == (1, 81, 80)
    assert {t.official.name for t in data.no_meeting} == {"Cy Cole", "Di Dunn"}
    assert {t.official.name for t in data.stale} == {"Ben Baker", "Cy Cole", "Di Dunn"}
    assert data.pending_reports == 2
    assert [r.follow_up for r in data.follow_ups] == ["Send the fiscal note"]
    assert data.follow_up_total == 1
    assert data.constituents == 1
    by_name = {t.official.name: t for t in data.targets}
    assert by_name["Ada Able"].held_meetings == 2
    assert by_name["Ada Able"].pressure == 26
    assert by_name["Ben Baker"].pressure == 1  # a rally in his district
    assert by_name["Cy Cole"].held_meetings == 0  # the other campaign's meeting does not count
    assert {v: n for v, _label, n in data.stance_counts}["no_response"] == 2
    assert data.playbook is None


def test_dashboard_page_shows_the_numbers_and_links_to_the_stance_reviews(
    campaign_team_client, campaign, known
):
    response = campaign_team_client.get(manage_url(campaign))
    assert response.status_code == 200
    html = response.content.decode()
    assert "meetings held of a goal of 100" in html
    assert "supporters of 81 votes needed" in html
    assert reverse("campaigns:stances", kwargs={"slug": campaign.slug}) in html
    assert "2 unverified stance reports" in html
    assert "Send the fiscal note" in html
    assert "Stances not updated in 4 weeks" in html
    assert "never updated" in html
    assert html.count("<h1") == 1


def test_stale_weeks_follow_the_campaign_setting(campaign, known):
    campaign.stale_after_weeks = 12
    data = dashboard_get(campaign=campaign)
    assert {t.official.name for t in data.stale} == {"Cy Cole", "Di Dunn"}


def test_ordinance_dashboard_shows_playbook_progress_overdue_steps_sponsors_and_champions(db):
    campaign = ordinance_campaign()
    lead = team_user(campaign, "lead")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    campaign.steps.create(position=1, title="Learn", status=CampaignStep.Status.DONE)
    campaign.steps.create(position=2, title="Skip me", status=CampaignStep.Status.SKIPPED)
    campaign.steps.create(position=3, title="Find sponsors", due_on=yesterday, owner=lead)
    campaign.steps.create(position=4, title="Later", due_on=yesterday + dt.timedelta(days=30))
    councillor = seat_official(campaign.target_body, name="Cllr Rivera")
    CampaignOfficialFactory(campaign=campaign, official=councillor, is_champion=True)
    data = dashboard_get(campaign=campaign)
    assert (data.playbook.done, data.playbook.total, data.playbook.percent) == (2, 4, 50)
    assert [s.title for s in data.playbook.overdue] == ["Find sponsors"]
    assert [t.official.name for t in data.champions] == ["Cllr Rivera"]
    assert data.sponsors == []
    html = signed_in(lead).get(manage_url(campaign)).content.decode()
    assert "2 of 4 steps done" in html
    assert "Find sponsors" in html
    assert "Cllr Rivera" in html


def _queries_for(client, campaign) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(manage_url(campaign))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _populate(campaign, count: int) -> None:
    for _ in range(count):
        official = seat_official(campaign.target_body)
        CampaignOfficialFactory(campaign=campaign, official=official, is_sponsor=True)
        meeting = MeetingFactory(campaign=campaign, official=official, status="held")
        MeetingReport.objects.create(meeting=meeting, answer="undecided", follow_up_needed=True)
        campaign.actions.create(kind="calls", official=official)
        StanceReportFactory(campaign=campaign, official=official)


@pytest.mark.parametrize("kind", ["legislative", "ordinance"])
def test_dashboard_query_count_is_the_same_with_1_and_50_officials(db, kind):
    small = CampaignFactory() if kind == "legislative" else ordinance_campaign()
    big = (
        CampaignFactory()
        if kind == "legislative"
        else ordinance_campaign(title="Other", target_body=small.target_body)
    )
    _populate(small, 1)
    _populate(big, 50)
    for campaign in (small, big):
        for position in range(3):
            campaign.steps.create(position=position, title=f"Step {position}")
    small_client = signed_in(team_user(small, "lead"))
    big_client = signed_in(team_user(big, "lead"))
    _queries_for(small_client, small)  # warm the session
    _queries_for(big_client, big)
    small_count, big_count = _queries_for(small_client, small), _queries_for(big_client, big)
    # The same small number whatever the size; an ordinance campaign adds its playbook's steps.
    assert small_count == big_count == {"legislative": 10, "ordinance": 11}[kind]
