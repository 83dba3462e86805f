"""A campaign's team creates surveys of the campaign's members from its dashboard, with the
same question editor as an event's survey."""

import pytest
from django.test import Client
from django.urls import reverse

from surveys.audiences import survey_audience
from surveys.models import Question, Survey
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignFactory, CampaignMemberFactory, CampaignRoleFactory
from tests.directory.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def campaign():
    return CampaignFactory()


@pytest.fixture
def team_client(campaign):
    return _client(CampaignRoleFactory(campaign=campaign).user)


def _new_url(campaign):
    return reverse("campaign_survey:new", kwargs={"campaign_slug": campaign.slug})


def _create(client, campaign, title="What should we do next?"):
    return client.post(
        _new_url(campaign),
        {"action": "settings", "title": title, "intro": "", "reminder_after_days": 3},
    )


def test_the_dashboard_offers_a_new_survey_to_the_team_only(campaign, team_client, staff_client):
    dashboard = reverse("campaigns:manage", kwargs={"slug": campaign.slug})
    html = team_client.get(dashboard).content.decode()
    assert "New survey" in html and _new_url(campaign) in html
    assert _new_url(campaign) in staff_client.get(dashboard).content.decode()


def test_new_survey_per_role(campaign, anon_client, member_client, team_client, staff_client):
    url = _new_url(campaign)
    other_team = _client(CampaignRoleFactory(campaign=CampaignFactory()).user)
    assert anon_client.get(url).status_code == 302
    assert member_client.get(url).status_code == 403
    assert other_team.get(url).status_code == 403
    assert team_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    for client in (anon_client, member_client, other_team):
        _create(client, campaign)
    assert not Survey.objects.exists()
    assert _create(staff_client, campaign, "Staff asks").status_code == 302
    assert Survey.objects.get().campaign == campaign


def test_the_team_creates_a_survey_of_the_members_and_adds_questions(campaign, team_client):
    members = [CampaignMemberFactory(campaign=campaign).leader for _ in range(3)]
    LeaderFactory()  # not a member: not asked
    response = _create(team_client, campaign)
    survey = Survey.objects.get()
    manage = reverse(
        "campaign_survey:manage", kwargs={"campaign_slug": campaign.slug, "slug": survey.slug}
    )
    assert response.status_code == 302 and response["Location"] == manage
    assert survey.audience == Survey.Audience.CAMPAIGN_MEMBERS and survey.campaign == campaign
    assert survey.status == Survey.Status.DRAFT
    assert set(survey_audience(survey=survey)) == set(members)
    added = team_client.post(
        manage,
        {"action": "question", "kind": "single", "label": "Next step?", "page": 1,
         "choices_text": "Rally\nLetters"},
    )  # fmt: skip
    assert added.status_code == 302
    question = Question.objects.get(survey=survey)
    assert [c["value"] for c in question.choices] == ["rally", "letters"]
    assert team_client.post(manage, {"action": "open"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    listed = team_client.get(reverse("surveys:index")).content.decode()
    assert survey.title in listed and manage in listed
    results = reverse("surveys:results", kwargs={"slug": survey.slug})
    assert team_client.get(results).status_code == 200


def test_bad_input_changes_nothing(campaign, team_client):
    page = team_client.post(_new_url(campaign), {"action": "settings", "title": ""})
    assert page.status_code == 400 and not Survey.objects.exists()
    _create(team_client, campaign)
    survey = Survey.objects.get()
    manage = reverse(
        "campaign_survey:manage", kwargs={"campaign_slug": campaign.slug, "slug": survey.slug}
    )
    one_choice = team_client.post(
        manage, {"action": "question", "kind": "single", "label": "Q", "page": 1,
                 "choices_text": "Only one"},
    )  # fmt: skip
    assert one_choice.status_code == 400 and not Question.objects.exists()
    assert team_client.post(manage, {"action": "open"}).status_code == 400  # no question yet


def test_a_survey_is_managed_only_under_its_own_campaign(campaign, team_client, staff_client):
    _create(staff_client, campaign)
    survey = Survey.objects.get()
    other = CampaignFactory()
    CampaignRoleFactory(campaign=other, user=UserFactory())
    wrong = reverse(
        "campaign_survey:manage", kwargs={"campaign_slug": other.slug, "slug": survey.slug}
    )
    assert staff_client.get(wrong).status_code == 404
    right = reverse(
        "campaign_survey:manage", kwargs={"campaign_slug": campaign.slug, "slug": survey.slug}
    )
    other_team = _client(CampaignRoleFactory(campaign=other).user)
    assert other_team.get(right).status_code == 403
    assert team_client.get(right).status_code == 200
