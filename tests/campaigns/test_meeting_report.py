"""The report after a meeting: attendance, the answer as an unverified stance report, once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from campaigns.models import (
    CampaignMember,
    CampaignOfficial,
    Meeting,
    MeetingReport,
    StanceReport,
)
from campaigns.services.stances import stance_report_review

from .meetings_setup import (
    MEETING_PAGE_STATUS,
    constituent_of,
    meeting_with,
    other_official,
    role_client,
    signed_in,
)

pytestmark = pytest.mark.django_db


def url(meeting) -> str:
    return reverse(
        "campaigns:meeting_report", kwargs={"slug": meeting.campaign.slug, "pk": meeting.pk}
    )


@pytest.fixture
def connie(campaign, constituent_user):
    return CampaignMember.objects.get(campaign=campaign, leader__user=constituent_user)


@pytest.fixture
def ana(campaign, district):
    return constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")


@pytest.fixture
def past(campaign, official, connie, ana):
    """A scheduled meeting that took place an hour ago."""
    return meeting_with(
        campaign,
        official,
        [connie, ana],
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(hours=1),
    )


def report(**values) -> dict:
    data = {"answer": "leaning_yes", "quotes": "", "follow_up": ""}
    data.update(values)
    return data


@pytest.mark.parametrize("role", list(MEETING_PAGE_STATUS))
def test_only_attendees_and_the_team_reach_the_report(
    request, role, campaign, past, constituent_user
):
    other_official(campaign)
    client = role_client(request, role, campaign=campaign, attendee_user=constituent_user)
    assert client.get(url(past)).status_code == MEETING_PAGE_STATUS[role]
    client.post(url(past), report())
    if MEETING_PAGE_STATUS[role] != 200:
        assert not MeetingReport.objects.exists()
        assert not StanceReport.objects.exists()


def test_an_attendee_files_the_report_and_the_scoreboard_waits_for_verification(
    constituent_client, constituent_user, campaign, official, past, connie, ana
):
    response = constituent_client.post(
        url(past),
        report(
            attended=[str(connie.pk)],
            answer="supports",
            quotes="“You can count on me.”",
            follow_up_needed="on",
            follow_up="Send the bill summary.",
        ),
    )
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.status == Meeting.Status.HELD
    filed = MeetingReport.objects.get(meeting=past)
    assert (filed.answer, filed.follow_up_needed, filed.reporter) == (
        "supports",
        True,
        constituent_user,
    )
    attendance = dict(past.attendees.values_list("member_id", "attended"))
    assert attendance == {connie.pk: True, ana.pk: False}
    stance = StanceReport.objects.get()
    assert (stance.source, stance.meeting, stance.stance, stance.review) == (
        "meeting",
        past,
        "supports",
        "pending",
    )
    assert stance.reported_at == past.scheduled_at
    target = CampaignOfficial.objects.get(campaign=campaign, official=official)
    assert target.stance == "no_response"  # unverified: the public scoreboard has not moved
    assert AuditEntry.objects.filter(action="meeting.report").exists()
    assert AuditEntry.objects.filter(action="meeting.held").exists()


def test_once_verified_the_officials_stance_moves(
    constituent_client, campaign_lead_user, campaign, official, past
):
    constituent_client.post(url(past), report(answer="supports"))
    stance_report_review(report=StanceReport.objects.get(), verified=True, actor=campaign_lead_user)
    assert CampaignOfficial.objects.get(campaign=campaign, official=official).stance == "supports"


def test_the_form_offers_attendees_by_first_name_to_constituents(constituent_client, past):
    page = constituent_client.get(url(past)).content.decode()
    assert "Ana" in page and "Ana Alvarez" not in page


def test_the_team_sees_full_names_in_the_form(campaign_team_client, past):
    assert "Ana Alvarez" in campaign_team_client.get(url(past)).content.decode()


def test_a_second_attempt_by_a_constituent_is_refused_with_a_message(
    constituent_client, campaign, district, past, ana
):
    constituent_client.post(url(past), report(answer="supports", quotes="First."))
    second = signed_in(ana.leader.user)
    page = second.get(url(past)).content.decode()
    assert "A report on this meeting has already been filed" in page
    response = second.post(url(past), report(answer="opposes", quotes="Second."))
    assert response.status_code == 400
    assert "A report on this meeting has already been filed" in response.content.decode()
    assert MeetingReport.objects.get().quotes == "First."
    assert StanceReport.objects.get().stance == "supports"


def test_the_team_edits_the_report_and_the_pending_stance_follows(
    constituent_client, campaign_team_client, past, connie, ana
):
    constituent_client.post(url(past), report(answer="supports", attended=[str(connie.pk)]))
    response = campaign_team_client.post(
        url(past), report(answer="leaning_yes", attended=[str(connie.pk), str(ana.pk)])
    )
    assert response.status_code == 302
    assert MeetingReport.objects.get().answer == "leaning_yes"
    assert StanceReport.objects.get().stance == "leaning_yes"  # corrected in place, still pending
    assert set(past.attendees.filter(attended=True).values_list("member_id", flat=True)) == {
        connie.pk,
        ana.pk,
    }
    assert AuditEntry.objects.filter(action="meeting.report_edit").exists()


def test_editing_a_verified_answer_sends_a_new_report_for_verification(
    constituent_client, campaign_team_client, campaign_lead_user, campaign, official, past
):
    constituent_client.post(url(past), report(answer="supports"))
    stance_report_review(report=StanceReport.objects.get(), verified=True, actor=campaign_lead_user)
    campaign_team_client.post(url(past), report(answer="leaning_yes"))
    reviews = list(StanceReport.objects.order_by("pk").values_list("stance", "review"))
    assert reviews == [("supports", "verified"), ("leaning_yes", "pending")]
    assert CampaignOfficial.objects.get(campaign=campaign, official=official).stance == "supports"


def test_staff_can_file_a_report(staff_client, past):
    assert staff_client.post(url(past), report()).status_code == 302
    assert MeetingReport.objects.exists()


@pytest.mark.parametrize(
    ("when", "status", "message"),
    [
        (timedelta(hours=5), "scheduled", "once the meeting has taken place"),
        (None, "requested", "has not been scheduled yet"),
        (timedelta(hours=-5), "cancelled", "was cancelled, so there is nothing to report"),
        (timedelta(hours=-5), "refused", "The office refused this meeting"),
    ],
)
def test_no_report_before_the_meeting_or_on_one_that_did_not_happen(
    constituent_client, campaign, official, connie, when, status, message
):
    meeting = meeting_with(
        campaign,
        official,
        [connie],
        status=status,
        scheduled_at=timezone.now() + when if when is not None else None,
    )
    assert message in constituent_client.get(url(meeting)).content.decode()
    response = constituent_client.post(url(meeting), report())
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == status
    assert not MeetingReport.objects.exists() and not StanceReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": ""}, "Choose the official’s answer to the ask."),
        ({"answer": "maybe"}, "Select a valid choice"),
        ({"attended": ["999999"]}, "Select a valid choice"),
        ({"follow_up_needed": "on", "follow_up": ""}, "Say what follow-up is needed."),
        ({"quotes": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_bad_reports_are_refused_and_nothing_changes(constituent_client, past, data, message):
    response = constituent_client.post(url(past), report(**data))
    assert response.status_code == 400
    assert message in response.content.decode()
    past.refresh_from_db()
    assert past.status == "scheduled"
    assert not MeetingReport.objects.exists() and not StanceReport.objects.exists()
    assert not past.attendees.filter(attended__isnull=False).exists()


def test_someone_from_another_meeting_cannot_be_marked_present(
    campaign_team_client, campaign, district, past
):
    outsider = constituent_of(campaign, district, name="Out Sider", email="out@example.org")
    response = campaign_team_client.post(url(past), report(attended=[str(outsider.pk)]))
    assert response.status_code == 400
    assert not MeetingReport.objects.exists()
