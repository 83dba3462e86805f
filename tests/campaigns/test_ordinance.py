"""Ordinance pages: the playbook of steps, the opposition and the campaign's leadership."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from actlocal.permissions import ORGANIZERS_GROUP
from campaigns.models import CampaignMember, CampaignStep, Opponent, PlaybookTemplate
from campaigns.services.ordinance import OrdinanceError, leadership_add, steps_from_template
from tests.actlocal.factories import TopicFactory, UserFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import BodyFactory, CampaignMemberFactory, MeetingFactory
from .manage_roles import (
    MANAGE_STATUS,
    ROLES,
    ordinance_campaign,
    role_client,
    seat_official,
    signed_in,
    team_user,
)

PAGES = ["steps", "opposition", "leadership"]


@pytest.fixture
def ordinance(db):
    campaign = ordinance_campaign()
    campaign.topics.add(TopicFactory(slug="policing-surveillance", name="Policing & surveillance"))
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    steps_from_template(campaign=campaign, template=template, actor=None)
    return campaign


@pytest.fixture
def lead(ordinance):
    return team_user(ordinance, "lead", name="Lee Lead")


@pytest.fixture
def lead_client(lead):
    return signed_in(lead)


def url(name: str, campaign, **kwargs) -> str:
    return reverse(f"campaigns:{name}", kwargs={"slug": campaign.slug, **kwargs})


def step_payload(step: CampaignStep, **overrides) -> dict:
    data = {
        "action": "save",
        "title": step.title,
        "guidance": step.guidance,
        "status": step.status,
        "owner": str(step.owner_id or ""),
        "due_on": step.due_on.isoformat() if step.due_on else "",
        "notes": step.notes,
    }
    data.update(overrides)
    return data


def titles(campaign) -> list[str]:
    return list(campaign.steps.order_by("position", "id").values_list("title", flat=True))


# --- who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", [*PAGES, "step_edit"])
def test_ordinance_pages_answer_each_role_as_expected(request, ordinance, role, page):
    client = role_client(request, role, ordinance)
    kwargs = {"pk": ordinance.steps.first().pk} if page == "step_edit" else {}
    response = client.get(url(page, ordinance, **kwargs))
    assert response.status_code == MANAGE_STATUS[role]


@pytest.mark.parametrize("page", PAGES)
def test_a_legislative_campaign_has_no_ordinance_pages(campaign_team_client, campaign, page):
    assert campaign_team_client.get(url(page, campaign)).status_code == 404
    assert campaign_team_client.post(url(page, campaign), {"title": "x"}).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_outsiders_cannot_post_to_ordinance_pages(request, ordinance, page):
    for role in ["member", "constituent", "other_team", "network_organizer"]:
        client = role_client(request, role, ordinance)
        response = client.post(url(page, ordinance), {"action": "add", "title": "Sneaky"})
        assert response.status_code == 403
    assert not ordinance.steps.filter(title="Sneaky").exists()
    assert not Opponent.objects.exists()


@pytest.mark.parametrize("page", PAGES)
def test_each_ordinance_page_has_one_heading_and_unique_ids(lead_client, ordinance, page):
    html = lead_client.get(url(page, ordinance)).content.decode()
    assert html.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_step_of_another_campaign_is_not_found(lead_client, ordinance):
    other = ordinance_campaign(title="Other", target_body=ordinance.target_body)
    foreign = other.steps.create(position=1, title="Theirs")
    assert lead_client.get(url("step_edit", ordinance, pk=foreign.pk)).status_code == 404
    response = lead_client.post(url("steps", ordinance), {"action": "up", "pk": foreign.pk})
    assert response.status_code == 404


# --- the playbook --------------------------------------------------------------------------------


def test_playbook_lists_the_template_steps_in_order(lead_client, ordinance):
    html = lead_client.get(url("steps", ordinance)).content.decode()
    expected = titles(ordinance)
    positions = [html.index(title) for title in expected]
    assert positions == sorted(positions)
    assert f"0 of {len(expected)} steps done" in html


def test_find_who_already_works_step_links_to_near_me_with_the_campaign_topic(
    lead_client, ordinance
):
    near = reverse("directory:near") + "?topic=policing-surveillance"
    assert near in lead_client.get(url("steps", ordinance)).content.decode()
    step = ordinance.steps.get(title__icontains="already works")
    assert near in lead_client.get(url("step_edit", ordinance, pk=step.pk)).content.decode()
    other = ordinance.steps.get(title__icontains="Map the opposition")
    assert near not in lead_client.get(url("step_edit", ordinance, pk=other.pk)).content.decode()


def test_team_organizer_adds_a_step_at_the_end_with_an_owner_from_the_team(ordinance, lead):
    organizer = team_user(ordinance, "organizer")
    client = signed_in(organizer)
    response = client.post(
        url("steps", ordinance),
        {
            "action": "add",
            "title": "Hold a teach-in",
            "status": "todo",
            "owner": lead.pk,
            "due_on": "2031-03-01",
        },
    )
    assert response.status_code == 302
    step = ordinance.steps.order_by("position").last()
    assert (step.title, step.owner, step.due_on.isoformat()) == (
        "Hold a teach-in",
        lead,
        "2031-03-01",
    )


@pytest.mark.parametrize(
    "overrides",
    [{"title": " "}, {"due_on": "2031-02-30"}, {"status": "someday"}, {"owner": "outsider"}],
)
def test_bad_steps_are_refused_and_nothing_is_added(lead_client, ordinance, overrides):
    outsider = UserFactory(email="outsider@example.org")
    data = {"action": "add", "title": "Good title", "status": "todo", **overrides}
    if data.get("owner") == "outsider":
        data["owner"] = outsider.pk
    before = titles(ordinance)
    response = lead_client.post(url("steps", ordinance), data)
    assert response.status_code == 400
    assert titles(ordinance) == before


def test_steps_move_up_and_down(lead_client, ordinance):
    first, second, third = titles(ordinance)[:3]
    step = ordinance.steps.get(title=second)
    lead_client.post(url("steps", ordinance), {"action": "up", "pk": step.pk})
    assert titles(ordinance)[:3] == [second, first, third]
    lead_client.post(url("steps", ordinance), {"action": "down", "pk": step.pk})
    lead_client.post(url("steps", ordinance), {"action": "down", "pk": step.pk})
    assert titles(ordinance)[:3] == [first, third, second]
    last = ordinance.steps.order_by("position").last()
    lead_client.post(url("steps", ordinance), {"action": "down", "pk": last.pk})
    assert titles(ordinance)[-1] == last.title


def test_team_updates_a_steps_status_owner_due_date_and_notes(lead_client, ordinance, lead):
    step = ordinance.steps.order_by("position").first()
    data = step_payload(
        step, status="done", owner=str(lead.pk), due_on="2031-01-15", notes="Read both briefs."
    )
    response = lead_client.post(url("step_edit", ordinance, pk=step.pk), data)
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.owner, step.notes) == ("done", lead, "Read both briefs.")
    assert "1 of" in lead_client.get(url("steps", ordinance)).content.decode()


def test_a_bad_step_edit_is_refused_and_changes_nothing(lead_client, ordinance):
    step = ordinance.steps.order_by("position").first()
    data = step_payload(step, status="done", due_on="not a date")
    response = lead_client.post(url("step_edit", ordinance, pk=step.pk), data)
    assert response.status_code == 400
    step.refresh_from_db()
    assert step.status == "todo"


def test_a_step_can_be_removed(lead_client, ordinance):
    step = ordinance.steps.order_by("position").first()
    lead_client.post(url("step_edit", ordinance, pk=step.pk), {"action": "delete"})
    assert not CampaignStep.objects.filter(pk=step.pk).exists()


def test_a_template_can_be_added_to_a_campaign_without_steps(db):
    campaign = ordinance_campaign(title="Fresh")
    client = signed_in(team_user(campaign, "lead"))
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    client.post(url("steps", campaign), {"action": "template", "template": template.pk})
    assert titles(campaign) == list(
        template.steps.order_by("position").values_list("title", flat=True)
    )
    response = client.post(url("steps", campaign), {"action": "template", "template": "nope"})
    assert response.status_code == 400


def test_playbook_service_refuses_legislative_campaigns(campaign):
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    with pytest.raises(OrdinanceError):
        steps_from_template(campaign=campaign, template=template, actor=None)


# --- the opposition ------------------------------------------------------------------------------


def test_team_adds_edits_and_deletes_an_opponent(lead_client, ordinance):
    response = lead_client.post(
        url("opposition", ordinance),
        {
            "kind": "person",
            "name": "Pat Critic",
            "arguments": "It costs too much.",
            "responses": "It costs less than one lawsuit.",
        },
    )
    assert response.status_code == 302
    opponent = Opponent.objects.get()
    html = lead_client.get(url("opposition", ordinance)).content.decode()
    assert "It costs less than one lawsuit." in html
    assert lead_client.get(url("opposition", ordinance) + f"?edit={opponent.pk}").status_code == 200
    lead_client.post(
        url("opposition", ordinance),
        {"pk": opponent.pk, "kind": "person", "name": "Pat Critic", "arguments": "Too slow."},
    )
    opponent.refresh_from_db()
    assert opponent.arguments == "Too slow."
    lead_client.post(url("opposition", ordinance), {"action": "delete", "pk": opponent.pk})
    assert not Opponent.objects.exists()


def test_an_organization_from_the_directory_names_the_opponent(lead_client, ordinance):
    org = OrganizationFactory(name="Taxpayers for Less")
    lead_client.post(url("opposition", ordinance), {"kind": "organization", "organization": org.pk})
    assert Opponent.objects.get().name == "Taxpayers for Less"


def test_an_official_on_the_body_may_be_an_opponent_but_not_one_from_elsewhere(
    lead_client, ordinance
):
    councillor = seat_official(ordinance.target_body, name="Cllr Stone")
    lead_client.post(url("opposition", ordinance), {"kind": "person", "official": councillor.pk})
    assert Opponent.objects.get().name == "Cllr Stone"
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = seat_official(senate)
    response = lead_client.post(
        url("opposition", ordinance), {"kind": "person", "official": senator.pk}
    )
    assert response.status_code == 400
    assert Opponent.objects.count() == 1


@pytest.mark.parametrize("data", [{"kind": "person"}, {"kind": "alien", "name": "X"}, {}])
def test_a_bad_opponent_is_refused_and_nothing_saved(lead_client, ordinance, data):
    response = lead_client.post(url("opposition", ordinance), data)
    assert response.status_code == 400
    assert not Opponent.objects.exists()


# --- the leadership ------------------------------------------------------------------------------


def test_team_adds_a_directory_leader_to_the_leadership_as_affected(lead_client, ordinance):
    leader = LeaderFactory(name="Rosa Affected", state="MA", visibility="members")
    page = lead_client.get(url("leadership", ordinance) + "?find=Rosa").content.decode()
    assert "Rosa Affected" in page
    response = lead_client.post(
        url("leadership", ordinance),
        {"action": "add", "leader": leader.pk, "affected_community": "on"},
    )
    assert response.status_code == 302
    member = CampaignMember.objects.get(campaign=ordinance, leader=leader)
    assert (member.role, member.affected_community) == ("leadership", True)
    assert "Rosa Affected" in lead_client.get(url("leadership", ordinance)).content.decode()


def test_the_affected_flag_can_be_changed_and_a_leader_removed(lead_client, ordinance):
    leader = LeaderFactory(name="Sam Steady")
    member = leadership_add(campaign=ordinance, actor=None, leader=leader, affected_community=False)
    lead_client.post(
        url("leadership", ordinance),
        {"action": "flag", "pk": member.pk, "affected_community": "on"},
    )
    member.refresh_from_db()
    assert member.affected_community is True
    lead_client.post(url("leadership", ordinance), {"action": "remove", "pk": member.pk})
    assert not CampaignMember.objects.filter(pk=member.pk).exists()


def test_a_constituent_brought_into_the_leadership_stays_a_constituent_when_removed(
    lead_client, ordinance
):
    leader = LeaderFactory(name="Cole Constituent")
    member = CampaignMemberFactory(campaign=ordinance, leader=leader, municipality="Northampton")
    MeetingFactory(campaign=ordinance)  # unrelated meeting
    lead_client.post(url("leadership", ordinance), {"action": "add", "leader": leader.pk})
    member.refresh_from_db()
    assert member.role == "leadership"
    lead_client.post(url("leadership", ordinance), {"action": "remove", "pk": member.pk})
    member.refresh_from_db()
    assert member.role == "constituent"


def test_adding_someone_already_in_the_leadership_is_refused(lead_client, ordinance):
    leader = LeaderFactory()
    leadership_add(campaign=ordinance, actor=None, leader=leader, affected_community=False)
    response = lead_client.post(
        url("leadership", ordinance), {"action": "add", "leader": leader.pk}
    )
    assert response.status_code == 400
    assert CampaignMember.objects.filter(campaign=ordinance).count() == 1


def test_the_team_only_chooses_among_leaders_it_may_see(lead, lead_client, ordinance):
    hidden = LeaderFactory(name="Hana Hidden", visibility="organizers")
    assert "Hana Hidden" not in lead_client.get(url("leadership", ordinance)).content.decode()
    response = lead_client.post(
        url("leadership", ordinance), {"action": "add", "leader": hidden.pk}
    )
    assert response.status_code == 400
    lead.groups.add(Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0])
    organizer_client = signed_in(lead)
    assert "Hana Hidden" in organizer_client.get(url("leadership", ordinance)).content.decode()
    organizer_client.post(url("leadership", ordinance), {"action": "add", "leader": hidden.pk})
    assert CampaignMember.objects.filter(leader=hidden, role="leadership").exists()


@pytest.mark.parametrize("leader", ["", "abc", "999999"])
def test_a_bad_leader_choice_is_refused(lead_client, ordinance, leader):
    response = lead_client.post(url("leadership", ordinance), {"action": "add", "leader": leader})
    assert response.status_code == 400
    assert not CampaignMember.objects.filter(campaign=ordinance).exists()


def test_a_constituent_cannot_be_removed_through_the_leadership_page(lead_client, ordinance):
    member = CampaignMemberFactory(campaign=ordinance)
    response = lead_client.post(url("leadership", ordinance), {"action": "remove", "pk": member.pk})
    assert response.status_code == 404
    assert CampaignMember.objects.filter(pk=member.pk).exists()


def test_the_leadership_is_never_on_the_public_campaign_pages(anon_client, ordinance):
    leader = LeaderFactory(name="Quinn Quietly", visibility="public")
    leadership_add(campaign=ordinance, actor=None, leader=leader, affected_community=True)
    Opponent.objects.create(campaign=ordinance, kind="person", name="Oscar Opposed")
    for name in ("detail", "scoreboard"):
        response = anon_client.get(url(name, ordinance))
        html = response.content.decode()
        assert "Quinn Quietly" not in html
        assert "Oscar Opposed" not in html
