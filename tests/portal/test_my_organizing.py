"""My organizing: what a person runs, with the next action for each, per role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventRole, Nomination
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignFactory, CampaignRoleFactory, StanceReportFactory
from tests.directory.factories import AffiliationFactory, LeaderFactory, OrganizationFactory
from tests.events.factories import EventFactory, EventRoleFactory, InvitationFactory

pytestmark = pytest.mark.django_db

URL = reverse("my_organizing")
HEADER_LINK = f'href="{URL}"'


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def co_organizer():
    """On an event's team, but not a network organizer."""
    return UserFactory(email="co@example.org", name="Cora Co")


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(anon_client):
    response = anon_client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_member_on_no_team_has_no_header_link_and_an_empty_page(member_client):
    assert HEADER_LINK not in member_client.get(reverse("me")).content.decode()
    content = _page(member_client)
    assert "You are not on any organizing team yet." in content
    assert reverse("events:create") not in content


def test_a_network_organizer_gets_the_link_and_the_new_buttons(organizer_client):
    content = organizer_client.get(reverse("home")).content.decode()
    assert HEADER_LINK in content

    content = _page(organizer_client)
    for name in ("events:create", "events:kit_list", "campaigns:create"):
        assert f'href="{reverse(name)}"' in content


def test_a_team_member_sees_the_link_from_sign_in_and_on_me(co_organizer):
    EventRoleFactory(user=co_organizer, role=EventRole.Role.CO_ORGANIZER)
    client = _signed_in(co_organizer)

    assert HEADER_LINK in client.get(reverse("home")).content.decode()
    assert "Go to My organizing" in client.get(reverse("me")).content.decode()


def test_a_role_given_after_sign_in_shows_the_link_once_the_page_is_visited(co_organizer):
    client = _signed_in(co_organizer)
    assert HEADER_LINK not in client.get(reverse("home")).content.decode()
    EventRoleFactory(user=co_organizer, role=EventRole.Role.CO_ORGANIZER)

    _page(client)

    assert HEADER_LINK in client.get(reverse("home")).content.decode()


def test_a_draft_invite_only_event_is_listed_with_publish_as_its_next_action(co_organizer):
    draft = EventFactory(
        title="Quiet Draft", status=Event.Status.DRAFT, visibility=Event.Visibility.INVITE_ONLY
    )
    EventRoleFactory(event=draft, user=co_organizer)

    content = _page(_signed_in(co_organizer))

    assert "Drafts" in content and "Quiet Draft" in content
    assert "Review and publish" in content
    assert f'href="{reverse("events:publish", kwargs={"slug": draft.slug})}"' in content


@pytest.mark.parametrize(
    ("setup", "action", "url_name"),
    [
        ("invite_only_uninvited", "Invite people", "events:invite_leaders"),
        ("nominated", "Answer 1 nomination", "events:invitation_list"),
        ("starting_soon", "Check people in", "events:checkin"),
        ("over", "See who came", "events:manage"),
        ("invited", "Open the dashboard", "events:manage"),
    ],
)
def test_each_event_shows_the_action_that_waits(co_organizer, setup, action, url_name):
    now = timezone.now()
    fields = {"visibility": Event.Visibility.INVITE_ONLY, "title": "The Event"}
    if setup == "starting_soon":
        fields.update(starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=4))
    if setup == "over":
        fields.update(starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-3))
    event = EventFactory(**fields)
    EventRoleFactory(event=event, user=co_organizer)
    if setup in ("nominated", "starting_soon", "over", "invited"):
        InvitationFactory(event=event)
    if setup == "nominated":
        Nomination.objects.create(event=event, name="Nia", email="nia@example.org")

    content = _page(_signed_in(co_organizer))

    assert action in content
    assert f'href="{reverse(url_name, kwargs={"slug": event.slug})}"' in content


def test_a_check_in_volunteer_is_offered_the_desk_only(co_organizer):
    event = EventFactory(title="Door Duty")
    EventRoleFactory(event=event, user=co_organizer, role=EventRole.Role.CHECKIN)

    content = _page(_signed_in(co_organizer))

    assert "Open the check-in desk" in content
    assert "Check-in volunteer" in content


def test_kits_are_listed_apart_with_new_event_from_kit_for_organizers(organizer_user):
    kit = EventFactory(title="Dinner Kit", is_template=True, status=Event.Status.DRAFT)
    EventRoleFactory(event=kit, user=organizer_user)

    content = _page(_signed_in(organizer_user))

    assert "Event kits" in content and "Dinner Kit" in content
    assert f'href="{reverse("events:kit_use", kwargs={"slug": kit.slug})}"' in content


def test_a_campaign_with_reports_waiting_asks_to_verify_them(co_organizer):
    campaign = CampaignFactory(title="Open Votes")
    CampaignRoleFactory(campaign=campaign, user=co_organizer)
    StanceReportFactory.create_batch(2, campaign=campaign)

    content = _page(_signed_in(co_organizer))

    assert "Open Votes" in content
    assert "Verify 2 reports" in content
    assert f'href="{reverse("campaigns:stances", kwargs={"slug": campaign.slug})}"' in content


def test_nobody_sees_what_other_teams_run(co_organizer, organizer_client):
    EventRoleFactory(event=EventFactory(title="Someone Else's Event"))
    CampaignRoleFactory(campaign=CampaignFactory(title="Someone Else's Campaign"))

    for client in (_signed_in(co_organizer), organizer_client):
        content = _page(client)
        assert "Someone Else" not in content


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_costs_the_same_queries_for_1_or_10_of_each(
    co_organizer, django_assert_num_queries, count
):
    leader = LeaderFactory(user=co_organizer, email=co_organizer.email)
    for _n in range(count):
        EventRoleFactory(user=co_organizer)
        CampaignRoleFactory(user=co_organizer)
        AffiliationFactory(leader=leader, manages_profile=True)
    client = _signed_in(co_organizer)
    assert client.get(URL).content.decode().count("Profile manager") == count

    # session, user, organizations managed, organizer group, events with their counts,
    # campaigns with theirs, and the toolkit editors group (toolkits an editor started are one
    # more query, for editors)
    with django_assert_num_queries(7):
        client.get(URL)


def test_an_editor_sees_the_toolkits_they_started_with_proposals_to_review(editor_user):
    from tests.toolkits.factories import DocumentFactory, ToolkitFactory
    from toolkits.models import Toolkit
    from toolkits.services import proposal_create

    draft = ToolkitFactory(title="Op-ed guide", created_by=editor_user, status="draft")
    published = ToolkitFactory(
        title="Lobby training", created_by=editor_user, status=Toolkit.Status.PUBLISHED
    )
    ToolkitFactory(title="Someone else's kit", status=Toolkit.Status.PUBLISHED)
    document = DocumentFactory(toolkit=published)
    proposal_create(document=document, actor=UserFactory(), title="T", body="B", note="Shorter")

    content = _page(_signed_in(editor_user))

    assert "Op-ed guide" in content and "Finish and publish" in content
    assert "Lobby training" in content and "Review 1 proposed edit" in content
    assert "Someone else" not in content
    assert reverse("toolkits:create") in content
    assert reverse("toolkits:manage", kwargs={"slug": draft.slug}) in content


def test_a_member_who_is_no_editor_gets_no_toolkits_section(member_client):
    assert reverse("toolkits:create") not in _page(member_client)


def test_a_profile_manager_sees_the_organizations_they_manage_and_the_header_link(co_organizer):
    leader = LeaderFactory(user=co_organizer, email=co_organizer.email)
    mine = OrganizationFactory(name="Cambridge Tenants Union")
    AffiliationFactory(leader=leader, organization=mine, manages_profile=True)
    AffiliationFactory(leader=leader, organization=OrganizationFactory(name="Just A Member Of"))
    OrganizationFactory(name="Someone Else's Org")
    client = _signed_in(co_organizer)

    assert HEADER_LINK in client.get(reverse("home")).content.decode()
    content = _page(client)

    assert "Organizations" in content and "Cambridge Tenants Union" in content
    assert "Add a logo" in content  # a profile without a logo asks for one first
    manage = reverse("directory:organization_manage", kwargs={"slug": mine.slug})
    assert f'href="{manage}"' in content
    assert "Just A Member Of" not in content and "Someone Else" not in content


def test_a_complete_profile_is_offered_for_editing(co_organizer):
    leader = LeaderFactory(user=co_organizer, email=co_organizer.email)
    organization = OrganizationFactory(
        logo_image="organizations/1/x-logo.jpg", description="Tenants.", description_es=""
    )
    AffiliationFactory(leader=leader, organization=organization, manages_profile=True)
    client = _signed_in(co_organizer)
    assert "Add the description in Spanish" in _page(client)
    organization.description_es = "Inquilinos."
    organization.save()
    assert "Edit the profile" in _page(client)
