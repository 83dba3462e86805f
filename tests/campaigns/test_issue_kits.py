"""A campaign starts from an issue kit: the kit's documents join it and playbook steps link them."""

import pytest
from django.urls import reverse

from campaigns.issue_kits import step_matches
from campaigns.models import CampaignStep, PlaybookTemplate
from campaigns.models_documents import CampaignDocument, StepDocument
from campaigns.services.ordinance import steps_from_template
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory

from .manage_roles import ordinance_campaign, signed_in, team_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ordinance(db):
    campaign = ordinance_campaign()
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    steps_from_template(campaign=campaign, template=template, actor=None)
    return campaign


@pytest.fixture
def lead_client(ordinance):
    return signed_in(team_user(ordinance, "lead", name="Lee Lead"))


@pytest.fixture
def kit():
    toolkit = ToolkitFactory(status="published", kind="issue_kit", slug="sanctuary")
    issue = SectionFactory(toolkit=toolkit, title="The issue")
    DocumentFactory(
        toolkit=toolkit, section=issue, slug="arguments", title="Arguments for and against"
    )
    DocumentFactory(toolkit=toolkit, slug="community-outreach", title="Reaching affected people")
    DocumentFactory(toolkit=toolkit, slug="steps", title="Steps to an ordinance")
    return toolkit


def url(campaign) -> str:
    return reverse("campaigns:steps", args=[campaign.slug])


def test_learn_both_sides_opens_the_pro_and_con(lead_client, ordinance, kit):
    response = lead_client.post(url(ordinance), {"action": "kit", "kit": "sanctuary"})
    assert response.status_code == 302
    assert CampaignDocument.objects.filter(campaign=ordinance).count() == 3
    both_sides = CampaignStep.objects.get(campaign=ordinance, title__icontains="both sides")
    assert [link.document.slug for link in StepDocument.objects.filter(step=both_sides)] == [
        "arguments"
    ]
    page = lead_client.get(url(ordinance)).content.decode()
    assert kit.documents.get(slug="arguments").get_absolute_url() in page
    # Applying again adds nothing twice.
    lead_client.post(url(ordinance), {"action": "kit", "kit": "sanctuary"})
    assert CampaignDocument.objects.filter(campaign=ordinance).count() == 3


@pytest.mark.parametrize(
    "toolkit_values",
    [
        {"kind": "event_kit"},
        {"status": "draft"},
        {"visibility": "organizers"},
    ],
)
def test_only_published_issue_kits_the_person_reads(ordinance, toolkit_values):
    from tests.actlocal.factories import UserFactory

    user = UserFactory(email="plain-lead@example.org")
    from campaigns.models import CampaignRole

    CampaignRole.objects.create(campaign=ordinance, user=user, role=CampaignRole.Role.LEAD)
    ToolkitFactory(slug="kit", **{"status": "published", "kind": "issue_kit", **toolkit_values})
    response = signed_in(user).post(url(ordinance), {"action": "kit", "kit": "kit"})
    assert response.status_code == 400
    assert "issue kits you can read" in response.content.decode()
    assert not CampaignDocument.objects.exists()


def test_step_matching_words():
    assert step_matches(
        step_title="Understand the issue and both sides",
        document_slug="arguments",
        document_title="Arguments",
    )
    assert not step_matches(
        step_title="Find sponsors and champions", document_slug="steps", document_title="Steps"
    )
