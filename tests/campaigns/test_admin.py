"""The staff admin of campaigns: pages load for staff, refuse everyone else, and stance reports
are verified or rejected only through the stance service."""

import pytest
from django.contrib import admin
from django.urls import reverse

from campaigns.models import (
    Body,
    CampaignMember,
    CampaignOfficial,
    Meeting,
    MeetingReport,
    Official,
    Opponent,
    PlaybookTemplate,
    PressureAction,
    StanceReport,
)
from campaigns.services.stances import stance_report_create, stance_report_review
from tests.events.test_admin_events import admin_form_data, form_errors

from .factories import CampaignMemberFactory, MeetingFactory, StanceReportFactory

MODELS = [
    "campaign",
    "campaignmember",
    "meeting",
    "stancereport",
    "pressureaction",
    "playbooktemplate",
    "opponent",
]


def changelist(model: str) -> str:
    return reverse(f"admin:campaigns_{model}_changelist")


@pytest.fixture
def filled(campaign, official, constituent_user):
    """One row of every model, so list and change pages render real data."""
    member = CampaignMember.objects.get(campaign=campaign)
    meeting = MeetingFactory(campaign=campaign, official=official, status=Meeting.Status.HELD)
    meeting.attendees.create(member=member, attended=True)
    MeetingReport.objects.create(meeting=meeting, answer="undecided", follow_up_needed=True)
    StanceReportFactory(campaign=campaign, official=official)
    PressureAction.objects.create(campaign=campaign, kind="letter", official=official)
    Opponent.objects.create(campaign=campaign, kind="person", name="Pat Critic")
    CampaignOfficial.objects.get_or_create(campaign=campaign, official=official)
    return {"meeting": meeting, "member": member}


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_every_campaigns_list_and_add_page(staff_client, filled, model):
    assert staff_client.get(changelist(model)).status_code == 200
    assert staff_client.get(reverse(f"admin:campaigns_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_every_change_page(staff_client, filled, campaign, model):
    objects = {
        "campaign": campaign,
        "campaignmember": filled["member"],
        "meeting": filled["meeting"],
        "stancereport": StanceReport.objects.first(),
        "pressureaction": PressureAction.objects.first(),
        "playbooktemplate": PlaybookTemplate.objects.get(name="Local ordinance"),
        "opponent": Opponent.objects.first(),
    }
    response = staff_client.get(
        reverse(f"admin:campaigns_{model}_change", args=[objects[model].pk])
    )
    assert response.status_code == 200


@pytest.mark.parametrize("fixture", ["anon_client", "member_client", "organizer_client"])
@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_are_refused_to_people_who_are_not_staff(request, fixture, model, campaign):
    response = request.getfixturevalue(fixture).get(changelist(model))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_campaign_team_is_refused_the_admin(campaign_team_client, campaign):
    response = campaign_team_client.get(changelist("campaign"))
    assert response.status_code == 302


def test_government_data_admins_are_registered_too():
    for model in (Body, Official):
        assert admin.site.is_registered(model)


def test_the_campaign_page_shows_current_stances_read_only(staff_client, campaign, official):
    CampaignOfficial.objects.create(campaign=campaign, official=official, stance="supports")
    html = staff_client.get(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
    content = html.content.decode()
    assert 'name="targets-0-stance"' not in content
    assert "Supports" in content


def _action(client, action: str, reports) -> None:
    response = client.post(
        changelist("stancereport"),
        {"action": action, "_selected_action": [r.pk for r in reports]},
    )
    assert response.status_code == 302


def test_admin_verify_action_moves_the_current_stance(staff_client, staff_user, campaign, official):
    report = stance_report_create(
        campaign=campaign,
        official=official,
        stance="supports",
        source="statement",
        reporter=staff_user,
    )
    target = CampaignOfficial.objects.get(campaign=campaign, official=official)
    assert target.stance == "no_response"
    _action(staff_client, "verify", [report])
    report.refresh_from_db()
    target.refresh_from_db()
    assert report.review == "verified" and report.reviewed_by == staff_user
    assert target.stance == "supports"
    assert target.stance_report == report


def test_admin_reject_action_leaves_the_stance_and_can_undo_a_verified_one(
    staff_client, staff_user, campaign, official
):
    first = stance_report_create(
        campaign=campaign, official=official, stance="opposes", source="vote", reporter=staff_user
    )
    stance_report_review(report=first, verified=True, actor=staff_user)
    second = stance_report_create(
        campaign=campaign, official=official, stance="supports", source="vote", reporter=staff_user
    )
    _action(staff_client, "reject", [second])
    target = CampaignOfficial.objects.get(campaign=campaign, official=official)
    assert target.stance == "opposes"
    _action(staff_client, "reject", [first])
    target.refresh_from_db()
    assert target.stance == "no_response"


def test_a_verified_report_cannot_be_edited_into_another_stance(
    staff_client, staff_user, campaign, official
):
    report = stance_report_create(
        campaign=campaign, official=official, stance="opposes", source="vote", reporter=staff_user
    )
    stance_report_review(report=report, verified=True, actor=staff_user)
    page = staff_client.get(reverse("admin:campaigns_stancereport_change", args=[report.pk]))
    html = page.content.decode()
    assert 'name="stance"' not in html
    assert 'name="review"' not in html


def test_a_report_added_in_the_admin_waits_for_verification(
    staff_client, campaign, official, staff_user
):
    response = staff_client.post(
        reverse("admin:campaigns_stancereport_add"),
        {
            "campaign": campaign.pk,
            "official": official.pk,
            "stance": "supports",
            "source": "statement",
            "evidence_url": "https://news.example.org/story",
            "notes": "",
            "reported_at_0": "2030-01-02",
            "reported_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    report = StanceReport.objects.get()
    assert report.review == "pending"
    assert report.reporter == staff_user
    assert CampaignOfficial.objects.get(campaign=campaign, official=official).stance == (
        "no_response"
    )


def test_a_report_on_an_official_of_another_body_is_refused_in_the_admin(staff_client, campaign):
    from .factories import BodyFactory, DistrictFactory, OfficialFactory

    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = OfficialFactory(district=DistrictFactory(body=senate, name="Seat of senate"))
    response = staff_client.post(
        reverse("admin:campaigns_stancereport_add"),
        {
            "campaign": campaign.pk,
            "official": senator.pk,
            "stance": "supports",
            "source": "statement",
            "reported_at_0": "2030-01-02",
            "reported_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert not StanceReport.objects.exists()


def test_a_campaign_with_a_two_sentence_ask_is_refused_in_the_admin(staff_client, campaign):
    page = staff_client.get(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "ask" in form.fields
    bound = form.__class__(
        data={"ask": "Vote yes. Please."}, instance=campaign
    )  # only the ask matters here
    bound.is_valid()
    assert "ask" in bound.errors


def test_leadership_members_are_listed_for_staff(staff_client, campaign):
    CampaignMemberFactory(campaign=campaign, role=CampaignMember.Role.LEADERSHIP)
    response = staff_client.get(changelist("campaignmember") + "?role__exact=leadership")
    assert response.status_code == 200
    assert "Campaign leadership" in response.content.decode()


def test_staff_save_a_campaign_unchanged_from_its_change_page(staff_client, campaign, official):
    CampaignOfficial.objects.create(campaign=campaign, official=official, is_sponsor=True)
    change = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    data = admin_form_data(staff_client.get(change))
    response = staff_client.post(change, data)
    assert response.status_code == 302, form_errors(response)
    assert CampaignOfficial.objects.get(campaign=campaign).is_sponsor is True


def test_staff_file_a_meeting_report_in_the_admin_as_themselves(staff_client, staff_user, filled):
    meeting = filled["meeting"]
    MeetingReport.objects.filter(meeting=meeting).delete()
    change = reverse("admin:campaigns_meeting_change", args=[meeting.pk])
    data = admin_form_data(staff_client.get(change))
    data.update(
        {"report-TOTAL_FORMS": "1", "report-0-answer": "supports", "report-0-quotes": "Yes."}
    )
    response = staff_client.post(change, data)
    assert response.status_code == 302, form_errors(response)
    report = MeetingReport.objects.get(meeting=meeting)
    assert (report.answer, report.reporter) == ("supports", staff_user)
