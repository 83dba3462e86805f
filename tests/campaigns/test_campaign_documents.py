"""The team chooses toolkit documents; the campaign and meeting pages link the visible ones."""

import pytest
from django.urls import reverse

from campaigns.models_documents import CampaignDocument
from tests.toolkits.factories import DocumentFactory, ToolkitFactory

pytestmark = pytest.mark.django_db


def url(campaign) -> str:
    return reverse("campaigns:documents", args=[campaign.slug])


@pytest.fixture
def guide():
    return DocumentFactory(toolkit=ToolkitFactory(status="published"), title="Op-ed guide")


def test_the_team_chooses_documents_and_the_campaign_page_links_them(
    campaign_team_client, anon_client, campaign, guide
):
    members_only = DocumentFactory(
        toolkit=ToolkitFactory(status="published", visibility="members"), title="Members kit"
    )
    response = campaign_team_client.post(url(campaign), {"documents": [guide.pk, members_only.pk]})
    assert response.status_code == 302
    assert CampaignDocument.objects.filter(campaign=campaign).count() == 2
    page = anon_client.get(campaign.get_absolute_url()).content.decode()
    assert guide.get_absolute_url() in page
    assert "Members kit" not in page  # hidden from those who may not read it


def test_a_draft_or_unknown_document_is_refused(campaign_team_client, campaign, guide):
    draft = DocumentFactory(toolkit=ToolkitFactory(status="draft"))
    response = campaign_team_client.post(url(campaign), {"documents": [guide.pk, draft.pk]})
    assert response.status_code == 400
    assert not CampaignDocument.objects.exists()
    assert campaign_team_client.post(url(campaign), {"documents": ["x"]}).status_code == 400


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("anon_client", 302),
        ("member_client", 403),
        ("constituent_client", 403),
        ("other_campaign_team_client", 403),
        ("campaign_team_client", 200),
        ("staff_client", 200),
    ],
)
def test_roles(request, campaign, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(url(campaign)).status_code == status
