"""Organizer stance pages: the review queue, verify/reject, recording a stance, history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, CampaignOfficial, StanceReport

from .factories import (
    BodyFactory,
    CampaignFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
)
from .scoreboard_seed import report, seed_constituents

pytestmark = pytest.mark.django_db

MANAGE_STATUS = [
    ("anon_client", 302),
    ("member_client", 403),
    ("constituent_client", 403),
    ("other_campaign_team_client", 403),
    ("campaign_team_client", 200),
    ("staff_client", 200),
]


def stances_url(campaign) -> str:
    return reverse("campaigns:stances", args=[campaign.slug])


def create_url(campaign) -> str:
    return reverse("campaigns:stance_create", args=[campaign.slug])


def review_url(campaign, report, decision: str) -> str:
    return reverse("campaigns:stance_review", args=[campaign.slug, report.pk, decision])


def stance_now(campaign, official) -> str:
    target = CampaignOfficial.objects.filter(campaign=campaign, official=official).first()
    return target.stance if target else "no_response"


# --- Who may use them --------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), MANAGE_STATUS)
def test_stance_pages_are_for_the_team_and_staff(request, campaign, official, role, status):
    client = request.getfixturevalue(role)

    assert client.get(stances_url(campaign)).status_code == status
    assert client.get(create_url(campaign)).status_code == status


@pytest.mark.parametrize(
    ("role", "status", "verified"),
    [
        ("anon_client", 302, False),  # sent to sign in
        ("member_client", 403, False),
        ("constituent_client", 403, False),
        ("other_campaign_team_client", 403, False),
        ("campaign_team_client", 302, True),  # back to the queue
        ("staff_client", 302, True),
    ],
)
def test_only_the_team_and_staff_may_review(
    request, campaign, official, campaign_lead_user, role, status, verified
):
    pending = report(campaign, official, "supports", verify=None, actor=campaign_lead_user)
    client = request.getfixturevalue(role)

    response = client.post(review_url(campaign, pending, "verify"))

    assert response.status_code == status
    assert stance_now(campaign, official) == ("supports" if verified else "no_response")


@pytest.mark.parametrize(
    ("role", "status"),
    [("member_client", 404), ("other_campaign_team_client", 404), ("campaign_team_client", 200)],
)
def test_draft_campaign_stance_pages_are_404_to_outsiders(request, campaign, role, status):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)

    assert request.getfixturevalue(role).get(stances_url(campaign)).status_code == status


# --- The review queue --------------------------------------------------------------------------


def test_queue_lists_unverified_reports_first_with_reporter_source_evidence_and_meeting(
    campaign_team_client, campaign, official, campaign_lead_user
):
    seed_constituents(campaign, official)
    meeting = official.meetings.first()
    pending = official.stance_reports.get()
    pending.meeting = meeting
    pending.evidence_url = "https://news.example.com/said-yes"
    pending.save(update_fields=["meeting", "evidence_url"])
    done = report(campaign, official, "undecided", days_ago=3, actor=campaign_lead_user)

    response = campaign_team_client.get(stances_url(campaign))
    content = response.content.decode()

    assert response.context["pending"] == [pending]
    assert response.context["reviewed"] == [done]
    assert content.index("Zebulon Quillfeather") < content.index('id="reviewed-heading"')
    assert "Constituent meeting" in content
    assert "https://news.example.com/said-yes" in content
    assert reverse("campaigns:meeting_edit", args=[campaign.slug, meeting.pk]) in content
    assert review_url(campaign, pending, "verify") in content
    assert review_url(campaign, pending, "reject") in content


def test_verify_moves_the_stance_and_reject_leaves_it(
    campaign_team_client, campaign, official, campaign_lead_user
):
    first = report(campaign, official, "opposes", verify=None, actor=campaign_lead_user)
    second = report(campaign, official, "supports", verify=None, actor=campaign_lead_user)

    response = campaign_team_client.post(review_url(campaign, second, "reject"), follow=True)
    assert stance_now(campaign, official) == "no_response"
    assert "Rejected" in response.content.decode()

    campaign_team_client.post(review_url(campaign, first, "verify"))
    assert stance_now(campaign, official) == "opposes"
    first.refresh_from_db()
    assert first.review == StanceReport.Review.VERIFIED
    assert first.reviewed_by.email == "campaign-lead@example.org"


def test_rejecting_the_current_report_falls_back_to_the_previous_one(
    campaign_team_client, campaign, official, campaign_lead_user
):
    report(campaign, official, "leaning_yes", days_ago=5, actor=campaign_lead_user)
    current = report(campaign, official, "supports", days_ago=1, actor=campaign_lead_user)

    campaign_team_client.post(review_url(campaign, current, "reject"))

    assert stance_now(campaign, official) == "leaning_yes"


@pytest.mark.parametrize("decision", ["approve", "VERIFY", "delete"])
def test_unknown_decision_is_404_and_changes_nothing(
    campaign_team_client, campaign, official, campaign_lead_user, decision
):
    pending = report(campaign, official, "supports", verify=None, actor=campaign_lead_user)

    assert campaign_team_client.post(review_url(campaign, pending, decision)).status_code == 404
    pending.refresh_from_db()
    assert pending.review == StanceReport.Review.PENDING


def test_report_of_another_campaign_is_404(
    campaign_team_client, campaign, official, campaign_lead_user
):
    other = CampaignFactory(target_body=campaign.target_body)
    foreign = report(other, official, "supports", verify=None, actor=campaign_lead_user)

    assert campaign_team_client.post(review_url(campaign, foreign, "verify")).status_code == 404


def test_review_needs_post(campaign_team_client, campaign, official, campaign_lead_user):
    pending = report(campaign, official, "supports", verify=None, actor=campaign_lead_user)

    assert campaign_team_client.get(review_url(campaign, pending, "verify")).status_code == 405


def test_stale_stances_are_listed(campaign_team_client, campaign, official, campaign_lead_user):
    fresh = OfficialFactory(district=DistrictFactory(body=campaign.target_body), name="Fresh Face")
    report(campaign, fresh, "supports", actor=campaign_lead_user)
    old = OfficialFactory(district=DistrictFactory(body=campaign.target_body), name="Old News")
    report(campaign, old, "undecided", actor=campaign_lead_user)
    CampaignOfficial.objects.filter(official=old).update(
        stance_changed_at=timezone.now() - timedelta(weeks=campaign.stale_after_weeks, days=1)
    )

    stale = campaign_team_client.get(stances_url(campaign)).context["stale"]

    assert [row["name"] for row in stale] == [official.name, "Old News"]


def test_history_of_one_official_lists_every_report(
    campaign_team_client, campaign, official, campaign_lead_user
):
    report(campaign, official, "undecided", days_ago=9, actor=campaign_lead_user)
    report(campaign, official, "supports", verify=False, days_ago=4, actor=campaign_lead_user)
    report(campaign, official, "opposes", verify=None, days_ago=1, actor=campaign_lead_user)

    response = campaign_team_client.get(stances_url(campaign) + f"?official={official.slug}")

    assert [r.stance for r in response.context["history"]] == ["opposes", "supports", "undecided"]


def test_history_of_an_unknown_official_is_400(campaign_team_client, campaign, official):
    response = campaign_team_client.get(stances_url(campaign) + "?official=nobody")

    assert response.status_code == 400
    assert b"Choose one of the current officials" in response.content


# --- Recording a stance ------------------------------------------------------------------------


def form_data(official, **extra) -> dict:
    return {"official": official.slug, "stance": "supports", "source": "statement", **extra}


def test_team_records_a_stance_that_waits_for_verification(
    campaign_team_client, campaign, official
):
    response = campaign_team_client.post(
        create_url(campaign),
        form_data(official, evidence_url="https://news.example.com/x", notes="On the radio"),
    )

    assert response.status_code == 302
    made = StanceReport.objects.get()
    assert (made.review, made.evidence_url, made.reporter.email) == (
        "pending",
        "https://news.example.com/x",
        "campaign-lead@example.org",
    )
    assert stance_now(campaign, official) == "no_response"


def test_team_may_verify_while_recording(campaign_team_client, campaign, official):
    campaign_team_client.post(create_url(campaign), form_data(official, verify_now="on"))

    assert stance_now(campaign, official) == "supports"


def test_a_past_date_orders_the_report_by_that_date(
    campaign_team_client, campaign, official, campaign_lead_user
):
    report(campaign, official, "opposes", days_ago=2, actor=campaign_lead_user)
    last_month = (timezone.localdate() - timedelta(days=30)).isoformat()

    campaign_team_client.post(
        create_url(campaign), form_data(official, reported_on=last_month, verify_now="on")
    )

    assert stance_now(campaign, official) == "opposes"


def test_a_meeting_report_ties_to_the_campaigns_meeting_with_that_official(
    campaign_team_client, campaign, official
):
    meeting = MeetingFactory(campaign=campaign, official=official, status="held")

    campaign_team_client.post(
        create_url(campaign), form_data(official, source="meeting", meeting=str(meeting.pk))
    )

    assert StanceReport.objects.get().meeting == meeting


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"evidence_url": "not a url at all"}, b"Enter a valid URL"),
        ({"stance": "maybe"}, b"Select a valid choice"),
        ({"source": "meeting"}, b"Give the meeting"),
        ({"meeting": "999999"}, b"no meeting number"),
        ({"reported_on": "2999-01-01"}, b"cannot be in the future"),
    ],
)
def test_bad_stance_input_is_400_and_records_nothing(
    campaign_team_client, campaign, official, extra, message
):
    response = campaign_team_client.post(create_url(campaign), form_data(official, **extra))

    assert response.status_code == 400
    assert message in response.content
    assert not StanceReport.objects.exists()


def test_an_official_of_another_body_is_refused(campaign_team_client, campaign):
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = OfficialFactory(district=DistrictFactory(body=senate))

    response = campaign_team_client.post(create_url(campaign), form_data(senator))

    assert response.status_code == 400
    assert b"Choose one of the current officials" in response.content
    assert not StanceReport.objects.exists()


def test_a_meeting_with_another_official_is_refused(campaign_team_client, campaign, official):
    other = OfficialFactory(district=DistrictFactory(body=campaign.target_body))
    meeting = MeetingFactory(campaign=campaign, official=other, status="held")

    response = campaign_team_client.post(
        create_url(campaign), form_data(official, source="meeting", meeting=str(meeting.pk))
    )

    assert response.status_code == 400
    assert not StanceReport.objects.exists()


def test_outsiders_cannot_record_stances(
    member_client, other_campaign_team_client, campaign, official
):
    for client in (member_client, other_campaign_team_client):
        assert client.post(create_url(campaign), form_data(official)).status_code == 403
    assert not StanceReport.objects.exists()
