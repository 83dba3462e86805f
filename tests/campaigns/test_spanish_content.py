"""A campaign's public texts may carry a Spanish version, shown to Spanish readers."""

import pytest
from django.test import Client

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_spanish_readers_see_the_campaign_in_spanish_with_the_original_as_fallback():
    campaign = CampaignFactory(
        status="active",
        title="Fund the clinic",
        title_es="Financien la clínica",
        ask="Vote yes on H.1",
        ask_es="Vote sí a H.1",
        summary="Open longer hours.",
    )
    spanish = Client().get(campaign.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Financien la clínica" in spanish and "Vote sí a H.1" in spanish
    assert "Open longer hours." in spanish  # no Spanish summary: the original
    english = Client().get(campaign.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fund the clinic" in english and "Vote yes on H.1" in english
    assert "Financien" not in english


def test_the_team_writes_the_spanish_texts_in_the_campaign_form(campaign_team_client, campaign):
    from .test_setup_manage import edit_payload, url

    page = campaign_team_client.get(url("edit", campaign)).content.decode()
    assert 'name="title_es"' in page and 'name="ask_es"' in page and 'name="summary_es"' in page
    data = edit_payload(campaign, title_es="Votos públicos", ask_es="¿Votará que sí?")
    assert campaign_team_client.post(url("edit", campaign), data).status_code == 302
    campaign.refresh_from_db()
    assert (campaign.title_es, campaign.ask_es) == ("Votos públicos", "¿Votará que sí?")
