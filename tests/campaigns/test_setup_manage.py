"""The set-up pages of a campaign: details, team, scripts and targeted officials."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from campaigns.models import (
    Campaign,
    CampaignOfficial,
    CampaignRole,
    CampaignScript,
    Stance,
    StanceReport,
)
from campaigns.scripts import DEFAULT_SCRIPTS, script_for, scripts_for
from campaigns.services.stances import stance_report_create, stance_report_review
from tests.actlocal.factories import UserFactory

from .factories import BodyFactory, CampaignFactory
from .manage_roles import MANAGE_STATUS, ROLES, role_client, seat_official, signed_in, team_user

PAGES = ["manage", "edit", "team", "scripts", "targets"]


def url(name: str, campaign: Campaign) -> str:
    return reverse(f"campaigns:{name}", kwargs={"slug": campaign.slug})


def edit_payload(campaign: Campaign, **overrides) -> dict:
    data = {
        "kind": campaign.kind,
        "title": campaign.title,
        "summary": campaign.summary,
        "target_body": str(campaign.target_body_id),
        "ask": campaign.ask,
        "reference": campaign.reference,
        "draft_text_url": campaign.draft_text_url,
        "meeting_goal": str(campaign.meeting_goal),
        "votes_needed": str(campaign.votes_needed),
        "starts_on": "",
        "ends_on": "",
        "status": campaign.status,
        "stale_after_weeks": str(campaign.stale_after_weeks),
    }
    data.update(overrides)
    return data


# --- who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_team_pages_answer_each_role_as_expected(request, campaign, role, page):
    client = role_client(request, role, campaign)
    response = client.get(url(page, campaign))
    assert response.status_code == MANAGE_STATUS[role]
    if role == "anonymous":
        assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("page", PAGES)
def test_team_pages_of_a_draft_campaign_are_not_found_for_outsiders(
    member_client, organizer_client, page
):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    assert member_client.get(url(page, draft)).status_code == 404
    assert organizer_client.get(url(page, draft)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_each_team_page_has_one_heading_and_unique_ids(campaign_team_client, campaign, page):
    html = campaign_team_client.get(url(page, campaign)).content.decode()
    assert html.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("page", ["edit", "scripts", "targets"])
def test_outsiders_cannot_post_to_team_pages(request, campaign, page):
    for role in ["member", "constituent", "other_team", "network_organizer"]:
        client = role_client(request, role, campaign)
        response = client.post(url(page, campaign), edit_payload(campaign, title="Hijacked"))
        assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.title == "Open Committee Votes"
    assert not CampaignScript.objects.exists()


# --- details -------------------------------------------------------------------------------


def test_team_organizer_edits_the_details(request, campaign):
    client = role_client(request, "team_organizer", campaign)
    data = edit_payload(
        campaign, title="Public Committee Votes", votes_needed="90", ends_on="2031-12-31"
    )
    response = client.post(url("edit", campaign), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.title, campaign.votes_needed) == ("Public Committee Votes", 90)
    assert campaign.ends_on == dt.date(2031, 12, 31)
    assert AuditEntry.objects.filter(action="campaign.update").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"ask": "Vote yes. Then tell a friend."},
        {"starts_on": "2031-05-01", "ends_on": "2031-04-01"},
        {"votes_needed": "many"},
        {"status": "finished"},
        {"kind": "ordinance"},
    ],
)
def test_bad_edits_are_refused_and_change_nothing(campaign_team_client, campaign, overrides):
    before = Campaign.objects.values().get(pk=campaign.pk)
    response = campaign_team_client.post(url("edit", campaign), edit_payload(campaign, **overrides))
    assert response.status_code == 400
    assert Campaign.objects.values().get(pk=campaign.pk) == before


# --- the team -------------------------------------------------------------------------------


def test_lead_adds_an_existing_account_by_email(campaign_team_client, campaign):
    UserFactory(email="new.organizer@example.org", name="Nia New")
    response = campaign_team_client.post(
        url("team", campaign),
        {"action": "add", "email": "New.Organizer@example.org", "role": "organizer"},
    )
    assert response.status_code == 302
    assert campaign.roles.get(user__email="new.organizer@example.org").role == "organizer"


def test_adding_an_unknown_email_is_refused(campaign_team_client, campaign):
    response = campaign_team_client.post(
        url("team", campaign), {"action": "add", "email": "nobody@example.org", "role": "lead"}
    )
    assert response.status_code == 400
    assert "No account uses nobody@example.org" in response.content.decode()
    assert campaign.roles.count() == 1


def test_adding_someone_already_on_the_team_is_refused(campaign_team_client, campaign):
    member = team_user(campaign)
    response = campaign_team_client.post(
        url("team", campaign), {"action": "add", "email": member.email, "role": "lead"}
    )
    assert response.status_code == 400
    assert campaign.roles.get(user=member).role == "organizer"


def test_team_organizer_sees_the_team_but_cannot_change_it(campaign, campaign_lead_user):
    organizer = team_user(campaign)
    client = signed_in(organizer)
    page = client.get(url("team", campaign))
    assert page.status_code == 200
    assert campaign_lead_user.email in page.content.decode()
    assert "Only lead organizers can change the team." in page.content.decode()
    lead_role = campaign.roles.get(user=campaign_lead_user)
    for data in [
        {"action": "add", "email": "x@example.org", "role": "lead"},
        {"action": "remove", "pk": lead_role.pk},
        {"action": "role", "pk": lead_role.pk, "role": "organizer"},
    ]:
        assert client.post(url("team", campaign), data).status_code == 403
    assert campaign.roles.get(user=campaign_lead_user).role == "lead"


def test_the_last_lead_can_neither_be_removed_nor_step_down(campaign_team_client, campaign):
    lead_role = campaign.roles.get()
    response = campaign_team_client.post(
        url("team", campaign), {"action": "remove", "pk": lead_role.pk}
    )
    assert response.status_code == 400
    assert "only lead organizer" in response.content.decode()
    response = campaign_team_client.post(
        url("team", campaign), {"action": "role", "pk": lead_role.pk, "role": "organizer"}
    )
    assert response.status_code == 400
    assert campaign.roles.get().role == "lead"


def test_lead_changes_a_role_and_removes_a_member(campaign_team_client, campaign):
    other = team_user(campaign)
    role = campaign.roles.get(user=other)
    campaign_team_client.post(
        url("team", campaign), {"action": "role", "pk": role.pk, "role": "lead"}
    )
    assert campaign.roles.get(user=other).role == "lead"
    campaign_team_client.post(url("team", campaign), {"action": "remove", "pk": role.pk})
    assert not campaign.roles.filter(user=other).exists()


def test_a_team_member_of_another_campaign_cannot_be_removed_through_this_one(
    campaign_team_client, campaign
):
    elsewhere = CampaignFactory()
    stranger = team_user(elsewhere)
    role = elsewhere.roles.get(user=stranger)
    response = campaign_team_client.post(url("team", campaign), {"action": "remove", "pk": role.pk})
    assert response.status_code == 404
    assert CampaignRole.objects.filter(pk=role.pk).exists()


def test_staff_may_change_the_team(staff_client, campaign, campaign_lead_user):
    other = UserFactory(email="helper@example.org")
    staff_client.post(
        url("team", campaign), {"action": "add", "email": other.email, "role": "organizer"}
    )
    assert campaign.roles.filter(user=other).exists()


# --- scripts -------------------------------------------------------------------------------


def test_scripts_page_shows_the_default_text_used_when_empty(campaign_team_client, campaign):
    html = campaign_team_client.get(url("scripts", campaign)).content.decode()
    expected = str(DEFAULT_SCRIPTS[Stance.UNDECIDED]) % {"ask": campaign.ask}
    assert expected.split("%")[0][:40] in html
    assert campaign.ask in html
    assert html.count("<textarea") == 2 * len(Stance.values)  # each with its Spanish version


def test_team_saves_a_script_per_stance_and_empty_text_goes_back_to_the_default(
    campaign_team_client, campaign
):
    data = dict.fromkeys(Stance.values, "")
    data[Stance.SUPPORTS] = "Thank you, truly."
    response = campaign_team_client.post(url("scripts", campaign), data)
    assert response.status_code == 302
    assert script_for(campaign=campaign, stance=Stance.SUPPORTS) == "Thank you, truly."
    assert campaign.ask in script_for(campaign=campaign, stance=Stance.UNDECIDED)
    assert scripts_for(campaign=campaign)[Stance.SUPPORTS] == "Thank you, truly."
    data[Stance.SUPPORTS] = "  "
    campaign_team_client.post(url("scripts", campaign), data)
    assert not CampaignScript.objects.filter(campaign=campaign).exists()
    assert campaign.ask in script_for(campaign=campaign, stance=Stance.SUPPORTS)


def test_a_script_too_long_is_refused_and_nothing_saved(campaign_team_client, campaign):
    data = dict.fromkeys(Stance.values, "")
    data[Stance.OPPOSES] = "x" * 4001
    response = campaign_team_client.post(url("scripts", campaign), data)
    assert response.status_code == 400
    assert not CampaignScript.objects.exists()


# --- targeted officials --------------------------------------------------------------------------


@pytest.fixture
def house_members(campaign):
    body = campaign.target_body
    current = [seat_official(body) for _ in range(3)]
    seat_official(body, term_end=timezone.localdate() - dt.timedelta(days=1))
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    seat_official(senate)
    return current


def test_add_all_targets_every_current_official_of_the_body_once(
    campaign_team_client, campaign, house_members
):
    page = campaign_team_client.get(url("targets", campaign))
    assert "Add all 3 current officials" in page.content.decode()
    response = campaign_team_client.post(url("targets", campaign), {"action": "add_all"})
    assert response.status_code == 302
    assert set(campaign.targets.values_list("official_id", flat=True)) == {
        o.pk for o in house_members
    }
    campaign_team_client.post(url("targets", campaign), {"action": "add_all"})
    assert campaign.targets.count() == 3


def test_adding_an_official_of_another_body_is_refused(campaign_team_client, campaign):
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = seat_official(senate)
    response = campaign_team_client.post(
        url("targets", campaign), {"action": "add", "official": senator.pk}
    )
    assert response.status_code == 400
    assert not campaign.targets.exists()


def test_team_adds_one_marks_sponsor_and_champion_and_removes(
    campaign_team_client, campaign, official
):
    campaign_team_client.post(url("targets", campaign), {"action": "add", "official": official.pk})
    target = campaign.targets.get(official=official)
    campaign_team_client.post(
        url("targets", campaign),
        {"action": "roles", "pk": target.pk, "is_sponsor": "on", "is_champion": "on"},
    )
    target.refresh_from_db()
    assert (target.is_sponsor, target.is_champion) == (True, True)
    campaign_team_client.post(url("targets", campaign), {"action": "roles", "pk": target.pk})
    target.refresh_from_db()
    assert (target.is_sponsor, target.is_champion) == (False, False)
    campaign_team_client.post(url("targets", campaign), {"action": "remove", "pk": target.pk})
    assert not campaign.targets.exists()


def test_targets_page_shows_the_current_stance(
    campaign_team_client, campaign, official, staff_user
):
    report = stance_report_create(
        campaign=campaign, official=official, stance="supports", source="vote", reporter=staff_user
    )
    stance_report_review(report=report, verified=True, actor=staff_user)
    html = campaign_team_client.get(url("targets", campaign)).content.decode()
    assert official.name in html
    assert "Supports" in html


def test_an_official_targeted_again_gets_back_their_verified_stance(
    campaign_team_client, campaign, official, staff_user
):
    report = stance_report_create(
        campaign=campaign, official=official, stance="opposes", source="vote", reporter=staff_user
    )
    stance_report_review(report=report, verified=True, actor=staff_user)
    target = campaign.targets.get(official=official)
    campaign_team_client.post(url("targets", campaign), {"action": "remove", "pk": target.pk})
    campaign_team_client.post(url("targets", campaign), {"action": "add", "official": official.pk})
    assert campaign.targets.get(official=official).stance == "opposes"
    assert StanceReport.objects.count() == 1


def test_unknown_target_actions_are_refused(campaign_team_client, campaign):
    response = campaign_team_client.post(url("targets", campaign), {"action": "explode"})
    assert response.status_code == 400
    response = campaign_team_client.post(url("targets", campaign), {"action": "remove", "pk": "x"})
    assert response.status_code == 404
    assert not CampaignOfficial.objects.exists()
