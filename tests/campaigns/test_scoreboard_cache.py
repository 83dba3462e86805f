"""The scoreboard's rendered parts and data bodies are cached with the board: shared by every
viewer, one per filter, and never older than the board they were rendered from."""

import csv
import io
import json

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.services.stances import stance_report_review
from tests.campaigns.factories import MeetingFactory

from .scoreboard_seed import report, seed_officials

pytestmark = pytest.mark.django_db


def url(campaign, name: str = "scoreboard") -> str:
    return reverse(f"campaigns:{name}", args=[campaign.slug])


def body_of_page(response) -> str:
    """The page between the header and the footer: filters, numbers, groups and tables."""
    content = response.content.decode()
    start = content.index('<div class="list-layout">')
    return content[start : content.index('class="privacy-note', start)]


def officials_in_json(client, campaign, query: str = "") -> dict[str, str]:
    response = client.get(url(campaign, "scoreboard_json") + query)
    assert response.status_code == 200
    return {row["name"]: row["stance"] for row in json.loads(response.content)["officials"]}


def officials_in_csv(client, campaign, query: str = "") -> dict[str, str]:
    response = client.get(url(campaign, "scoreboard_csv") + query)
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    return {row["official"]: row["stance"] for row in rows}


@pytest.fixture
def officials(campaign, campaign_lead_user):
    west = seed_officials(campaign, 2, party="Democratic", region="Hampden County")
    east = seed_officials(campaign, 1, party="Republican", region="Suffolk County")
    report(campaign, west[0], "supports", actor=campaign_lead_user)
    return west + east


def test_anonymous_and_signed_in_viewers_see_the_same_scoreboard(
    anon_client, member_client, campaign, officials
):
    anonymous = anon_client.get(url(campaign))
    member = member_client.get(url(campaign))

    assert anonymous.status_code == member.status_code == 200
    assert body_of_page(member) == body_of_page(anonymous)
    official_link = reverse("campaigns:official", args=[campaign.slug, officials[0].slug])
    assert f'href="{official_link}"' in body_of_page(member)


def test_a_verified_stance_shows_at_once_in_every_cached_format(
    anon_client, campaign, officials, campaign_lead_user
):
    target = officials[2]
    pending = report(campaign, target, "opposes", verify=None, actor=campaign_lead_user)
    page = body_of_page(anon_client.get(url(campaign)))
    assert officials_in_json(anon_client, campaign)[target.name] == "no_response"
    assert officials_in_csv(anon_client, campaign)[target.name] == "No response"
    svg = anon_client.get(url(campaign, "scoreboard_svg")).content.decode()

    stance_report_review(report=pending, verified=True, actor=campaign_lead_user)

    assert body_of_page(anon_client.get(url(campaign))) != page
    assert officials_in_json(anon_client, campaign)[target.name] == "opposes"
    assert officials_in_csv(anon_client, campaign)[target.name] == "Opposes"
    new_svg = anon_client.get(url(campaign, "scoreboard_svg")).content.decode()
    assert "Opposes: 1" in new_svg
    assert "Opposes: 1" not in svg


def test_every_filter_has_its_own_cached_rendering(anon_client, campaign, officials):
    democrats = officials_in_json(anon_client, campaign, "?party=Democratic")
    republicans = officials_in_json(anon_client, campaign, "?party=Republican")
    everyone = officials_in_json(anon_client, campaign)

    assert set(democrats) == {officials[0].name, officials[1].name}
    assert set(republicans) == {officials[2].name}
    assert set(everyone) == {official.name for official in officials}
    page = anon_client.get(url(campaign) + "?party=Republican")
    assert [row.name for row in page.context["rows"]] == [officials[2].name]
    assert officials[0].name not in body_of_page(page).split('id="districts-heading"')[1]
    assert 'value="Republican" selected' in body_of_page(page)


def test_cached_parts_are_rendered_again_with_a_recomputed_board(
    member_client, campaign, officials
):
    """A held meeting does not touch the campaign row, but it bumps the campaigns version the
    board is kept under: the board is computed again at once, and the rendered parts with it,
    not only the data. (Signed in, so the page is rendered, not taken from the page cache.)"""
    before = body_of_page(member_client.get(url(campaign)))
    MeetingFactory(campaign=campaign, official=officials[1], status="held")

    page = member_client.get(url(campaign))
    assert page.context["board"].meetings_held == 1
    assert body_of_page(page) != before
    held = [row.meetings_held for row in page.context["rows"] if row.slug == officials[1].slug]
    assert held == [1]


def test_a_renamed_campaign_shows_its_new_title_in_the_cached_chart(anon_client, campaign):
    anon_client.get(url(campaign, "scoreboard_svg"))
    campaign.title = "Fund the libraries"
    campaign.save()

    svg = anon_client.get(url(campaign, "scoreboard_svg")).content.decode()

    assert "Fund the libraries" in svg
    assert Campaign.objects.get(pk=campaign.pk).title == "Fund the libraries"
