"""Open Graph tags and share links: on public pages, never for an invite-only or draft event."""

import pytest
from django.conf import settings

from events.models import Event
from tests.campaigns.factories import CampaignFactory
from tests.directory.factories import OrganizationFactory

from .factories import EventFactory, EventRoleFactory

pytestmark = pytest.mark.django_db


def test_a_public_event_has_open_graph_tags_and_share_links(anon_client):
    event = EventFactory(title="Spring Convening", description="Come & plan the spring.")
    content = anon_client.get(event.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Spring Convening">' in content
    assert '<meta property="og:description" content="Come &amp; plan the spring.">' in content
    assert f'content="{settings.SITE_URL}{event.get_absolute_url()}"' in content
    assert "mailto:?subject=Spring%20Convening" in content
    assert "Copy link" in content


@pytest.mark.parametrize(
    "role", ["invitee_client", "attendee_client", "team_client", "staff_client"]
)
def test_an_invite_only_event_never_has_open_graph_tags_or_share_links(request, event, role):
    assert event.visibility == Event.Visibility.INVITE_ONLY
    client = request.getfixturevalue(role)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "og:" not in content
    assert "Springfield Convening" in content  # the page itself shows, to those invited
    assert "mailto:?subject" not in content and 'id="share-url"' not in content


def test_a_draft_event_has_no_open_graph_tags_even_for_its_team(staff_client):
    event = EventFactory(status=Event.Status.DRAFT)
    EventRoleFactory(event=event)
    content = staff_client.get(event.get_absolute_url()).content.decode()
    assert "og:title" not in content and "mailto:?subject" not in content


def test_organization_and_active_campaign_pages_have_open_graph_tags(anon_client):
    organization = OrganizationFactory(name="Cambridge Tenants Union")
    content = anon_client.get(organization.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Cambridge Tenants Union">' in content

    campaign = CampaignFactory(title="Housing Now", status="active")
    content = anon_client.get(campaign.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Housing Now">' in content
    assert "Copy link" in content


def test_share_links_load_no_outside_service(anon_client):
    content = anon_client.get(EventFactory().get_absolute_url()).content.decode()
    for tracker in ("facebook.com", "twitter.com", "x.com/intent", "addthis", "sharethis"):
        assert tracker not in content
