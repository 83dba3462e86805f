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


# --- starting a campaign from an issue kit on the creation form ----------------------------------


def _create_payload(kit_value, **overrides) -> dict:
    from .manage_roles import local_body
    from .test_setup_create import payload

    template = PlaybookTemplate.objects.get(name="Local ordinance")
    data = payload(
        local_body(), kind="ordinance", playbook=str(template.pk), votes_needed="5", **overrides
    )
    data["issue_kit"] = kit_value
    return data


def test_the_creation_form_offers_the_issue_kits_the_person_reads(organizer_client, kit):
    hidden = ToolkitFactory(status="draft", kind="issue_kit", title="Draft kit")
    guide = ToolkitFactory(status="published", kind="action_guide", title="Not a kit")
    page = organizer_client.get(reverse("campaigns:create")).content.decode()
    assert "Start from an issue kit" in page
    assert kit.title in page
    assert hidden.title not in page and guide.title not in page


def test_a_campaign_created_from_an_issue_kit_has_its_documents_and_step_links(
    organizer_client, kit
):
    from campaigns.models import Campaign

    response = organizer_client.post(reverse("campaigns:create"), _create_payload(str(kit.pk)))
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert CampaignDocument.objects.filter(campaign=campaign).count() == 3
    both_sides = CampaignStep.objects.get(campaign=campaign, title__icontains="both sides")
    assert [link.document.slug for link in StepDocument.objects.filter(step=both_sides)] == [
        "arguments"
    ]


@pytest.mark.parametrize(
    "make_value",
    [
        lambda: "999999",
        lambda: "not-a-number",
        lambda: str(ToolkitFactory(status="draft", kind="issue_kit").pk),
        lambda: str(ToolkitFactory(status="archived", kind="issue_kit").pk),
        lambda: str(ToolkitFactory(status="published", kind="event_kit").pk),
    ],
)
def test_a_bad_issue_kit_is_a_form_error_and_nothing_is_created(organizer_client, kit, make_value):
    from campaigns.models import Campaign

    response = organizer_client.post(reverse("campaigns:create"), _create_payload(make_value()))
    assert response.status_code == 400
    assert "Start from an issue kit" in response.content.decode()
    assert response.context["form"].errors["issue_kit"]
    assert not Campaign.objects.exists()
    assert not CampaignDocument.objects.exists()


def test_a_kit_that_cannot_be_applied_rolls_back_the_campaign(organizer_client, kit, monkeypatch):
    """The kit is applied in the campaign's transaction: a refusal creates nothing."""
    from campaigns.models import Campaign

    monkeypatch.setattr("campaigns.services.issue_kits.MAX_DOCUMENTS", 1)
    response = organizer_client.post(reverse("campaigns:create"), _create_payload(str(kit.pk)))
    assert response.status_code == 400
    assert "at most 1 documents" in response.content.decode()
    assert not Campaign.objects.exists()
    assert not CampaignStep.objects.exists()
