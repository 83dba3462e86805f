"""Creating a campaign: who may, what the form checks, local bodies and playbooks."""

import pytest
from django.urls import reverse

from actlocal.models import AuditEntry
from campaigns.models import (
    Body,
    Campaign,
    CampaignRole,
    CampaignStep,
    PlaybookTemplate,
    PlaybookTemplateStep,
)
from campaigns.services.campaigns import ask_problem
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import OrganizationFactory, ResourceFactory

from .factories import BodyFactory
from .manage_roles import constituent, local_body, signed_in

CREATE = "campaigns:create"


def payload(body, **overrides) -> dict:
    data = {
        "kind": "legislative",
        "title": "Open Committee Votes",
        "summary": "Make every committee vote public.",
        "target_body": str(body.pk) if body else "",
        "ask": "Will you vote to publish every committee vote?",
        "reference": "H.1234",
        "draft_text_url": "",
        "meeting_goal": "100",
        "votes_needed": "81",
        "starts_on": "2031-01-10",
        "ends_on": "2031-06-30",
        "status": "active",
        "stale_after_weeks": "4",
        "playbook": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def state_house(db):
    return BodyFactory()


# --- who may create -------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in_to_create_a_campaign(anon_client):
    response = anon_client.get(reverse(CREATE))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_member_cannot_create_a_campaign(member_client, state_house):
    assert member_client.get(reverse(CREATE)).status_code == 403
    assert member_client.post(reverse(CREATE), payload(state_house)).status_code == 403
    assert not Campaign.objects.exists()


def test_constituent_of_another_campaign_cannot_create_one(campaign, state_house):
    client = signed_in(constituent(campaign))
    assert client.post(reverse(CREATE), payload(state_house)).status_code == 403
    assert Campaign.objects.count() == 1


def test_campaign_team_member_who_is_not_a_network_organizer_cannot_create(campaign, state_house):
    from .manage_roles import team_user

    client = signed_in(team_user(campaign))
    assert client.get(reverse(CREATE)).status_code == 403


@pytest.mark.parametrize("fixture", ["organizer_client", "staff_client"])
def test_network_organizers_and_staff_open_the_create_form(request, fixture, state_house):
    response = request.getfixturevalue(fixture).get(reverse(CREATE))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Local ordinance" in html  # the default playbook template is offered


# --- creating -------------------------------------------------------------------------------------


def test_organizer_creates_a_legislative_campaign_and_leads_its_team(
    organizer_client, organizer_user, state_house
):
    topic = TopicFactory(slug="transparency", name="Transparency")
    partner = OrganizationFactory()
    resource = ResourceFactory()
    data = payload(
        state_house,
        topics=[topic.pk],
        coalition_partners=[partner.pk],
        resources=[resource.pk],
    )
    response = organizer_client.post(reverse(CREATE), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:manage", kwargs={"slug": campaign.slug})
    assert campaign.slug == "open-committee-votes"
    assert campaign.target_body == state_house
    assert campaign.created_by == organizer_user
    assert list(campaign.topics.all()) == [topic]
    assert list(campaign.coalition_partners.all()) == [partner]
    assert list(campaign.resources.all()) == [resource]
    assert CampaignRole.objects.get(campaign=campaign).role == CampaignRole.Role.LEAD
    assert CampaignRole.objects.get(campaign=campaign).user == organizer_user
    assert AuditEntry.objects.filter(action="campaign.create", object_id=str(campaign.pk)).exists()
    assert not campaign.steps.exists()


def test_two_campaigns_with_one_title_get_different_slugs(organizer_client, state_house):
    organizer_client.post(reverse(CREATE), payload(state_house))
    organizer_client.post(reverse(CREATE), payload(state_house))
    assert sorted(Campaign.objects.values_list("slug", flat=True)) == [
        "open-committee-votes",
        "open-committee-votes-2",
    ]


def test_ordinance_campaign_created_from_the_playbook_copies_its_steps_in_order(
    organizer_client,
):
    body = local_body()
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    expected = list(template.steps.order_by("position").values_list("title", flat=True))
    data = payload(body, kind="ordinance", playbook=str(template.pk), votes_needed="5")
    response = organizer_client.post(reverse(CREATE), data)
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    steps = list(CampaignStep.objects.filter(campaign=campaign).order_by("position"))
    assert [s.title for s in steps] == expected
    assert [s.position for s in steps] == list(range(1, len(expected) + 1))
    assert all(s.status == CampaignStep.Status.TODO for s in steps)
    assert steps[0].guidance


def test_steps_follow_the_templates_positions_not_its_creation_order(organizer_client):
    template = PlaybookTemplate.objects.create(name="Short")
    PlaybookTemplateStep.objects.create(template=template, position=2, title="Second")
    PlaybookTemplateStep.objects.create(template=template, position=1, title="First")
    data = payload(local_body(), kind="ordinance", playbook=str(template.pk))
    organizer_client.post(reverse(CREATE), data)
    titles = list(Campaign.objects.get().steps.order_by("position").values_list("title", flat=True))
    assert titles == ["First", "Second"]


def test_a_legislative_campaign_ignores_the_playbook(organizer_client, state_house):
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    organizer_client.post(reverse(CREATE), payload(state_house, playbook=str(template.pk)))
    assert Campaign.objects.get().steps.count() == 0


def test_an_ordinance_campaign_can_name_a_new_local_body(organizer_client):
    data = payload(
        None,
        kind="ordinance",
        new_body_name="Amherst Town Council",
        new_body_municipality="Amherst",
        new_body_state="MA",
        new_body_kind="city_council",
        new_body_form_of_government="council_manager",
    )
    response = organizer_client.post(reverse(CREATE), data)
    assert response.status_code == 302
    body = Campaign.objects.get().target_body
    assert (body.name, body.municipality, body.state) == ("Amherst Town Council", "Amherst", "MA")
    assert body.form_of_government == Body.Government.COUNCIL_MANAGER


def test_the_form_lists_local_bodies_with_their_place_and_form_of_government(organizer_client):
    local_body()
    html = organizer_client.get(reverse(CREATE)).content.decode()
    assert "Northampton City Council — Northampton, MA (Mayor–council)" in html


# --- bad input: 400, nothing created --------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ask": "Will you vote yes? Please commit today."}, "ask"),
        ({"ask": "Will you vote yes.\nThank you"}, "ask"),
        ({"ask": "Will you " + "really " * 60 + "vote yes?"}, "ask"),
        ({"ask": ""}, "ask"),
        ({"title": "   "}, "title"),
        ({"ends_on": "2031-01-01"}, "ends_on"),
        ({"ends_on": "2031-01-10"}, "ends_on"),
        ({"meeting_goal": "-3"}, "meeting_goal"),
        ({"kind": "referendum"}, "kind"),
        ({"target_body": ""}, "target_body"),
        ({"target_body": "999999"}, "target_body"),
        ({"draft_text_url": "not a link"}, "draft_text_url"),
        ({"stale_after_weeks": "0"}, "stale_after_weeks"),
        ({"new_body_name": "Also this one"}, "new_body_name"),
        ({"kind": "ordinance"}, "target_body"),  # the state House is not a local body
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_created(
    organizer_client, state_house, overrides, field
):
    response = organizer_client.post(reverse(CREATE), payload(state_house, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not Campaign.objects.exists()
    assert not CampaignRole.objects.exists()


def test_a_new_body_needs_its_place_and_kind(organizer_client):
    data = payload(None, kind="ordinance", new_body_name="Somewhere Council")
    response = organizer_client.post(reverse(CREATE), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"new_body_municipality", "new_body_state", "new_body_kind"} <= set(errors)
    assert not Body.objects.filter(name="Somewhere Council").exists()


def test_a_new_body_that_already_exists_is_refused_and_nothing_is_created(organizer_client):
    local_body()
    data = payload(
        None,
        kind="ordinance",
        new_body_name="Council of Northampton",
        new_body_municipality="northampton",
        new_body_state="MA",
        new_body_kind="city_council",
    )
    response = organizer_client.post(reverse(CREATE), data)
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Body.objects.count() == 1
    assert not Campaign.objects.exists()


def test_garbage_post_never_causes_a_server_error(organizer_client):
    response = organizer_client.post(reverse(CREATE), {"kind": ["x", "y"], "topics": "abc"})
    assert response.status_code == 400


# --- the one-sentence rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ask",
    [
        "Will you co-sponsor H.1234 to make committee votes public?",
        "Will you ask Rep. Diaz to bring S. 12 to a vote by Jan. 5?",
        "Will you vote for the U.S. Route 5 safety ordinance?",
        "Will you support the ordinance as written!",
    ],
)
def test_one_sentence_asks_pass(ask):
    assert ask_problem(ask) is None


@pytest.mark.parametrize(
    "ask",
    [
        "Will you vote yes? We need you.",
        "Vote yes. It matters.",
        "Support it!  Please.",
        "One line\nand another",
    ],
)
def test_asks_of_more_than_one_sentence_or_line_are_refused(ask):
    assert ask_problem(ask)
