"""The shipped ordinance playbook carries Spanish steps: copied into a campaign with the
original, shown to a Spanish-reading team, editable beside the original."""

import pytest
from django.urls import reverse

from campaigns.models import PlaybookTemplate
from campaigns.services.ordinance import steps_from_template

from .manage_roles import ordinance_campaign, signed_in, team_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ordinance():
    campaign = ordinance_campaign()
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    steps_from_template(campaign=campaign, template=template, actor=None)
    return campaign


def test_the_shipped_playbook_has_every_step_in_spanish():
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    assert template.name_es == "Ordenanza local"
    assert not template.steps.filter(title_es="").exists()
    assert not template.steps.filter(guidance_es="").exists()


def test_a_campaigns_steps_show_in_the_readers_language(ordinance):
    step = ordinance.steps.get(title="Map the opposition")
    assert step.title_es == "Mapear la oposición"
    lead = team_user(ordinance, "lead")
    client = signed_in(lead)
    steps_url = reverse("campaigns:steps", args=[ordinance.slug])
    spanish = client.get(steps_url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Mapear la oposición" in spanish and "Quién se opondrá" in spanish
    assert ">Map the opposition<" not in spanish
    english = client.get(steps_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Map the opposition" in english and "Mapear" not in english
    edit = client.get(reverse("campaigns:step_edit", args=[ordinance.slug, step.pk]))
    assert 'name="title_es"' in edit.content.decode()
