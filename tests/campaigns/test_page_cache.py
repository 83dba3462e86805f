"""Anonymous visitors get the public campaign pages from the shared page cache (directory.cache):
stale after any change to a campaigns row, never shared with or by signed-in people."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign
from directory.cache import CACHE_HIT_HEADER
from tests.actlocal.test_cache_outage import cache_down  # noqa: F401 (fixture)

from .scoreboard_seed import report, seed_officials

pytestmark = pytest.mark.django_db

FIND = reverse("campaigns:find_my_legislator")
DATA = Path(__file__).parent / "data"


def hit(response) -> bool:
    return response.get(CACHE_HIT_HEADER) == "hit"


@pytest.fixture
def officials(campaign, campaign_lead_user):
    people = seed_officials(campaign, 3, region="Hampden County")
    report(campaign, people[0], "supports", actor=campaign_lead_user)
    return people


def urls(campaign, official) -> dict[str, str]:
    return {
        "list": reverse("campaigns:list"),
        "detail": campaign.get_absolute_url(),
        "official": reverse("campaigns:official", args=[campaign.slug, official.slug]),
        "scoreboard": reverse("campaigns:scoreboard", args=[campaign.slug]),
        "json": reverse("campaigns:scoreboard_json", args=[campaign.slug]),
        "find": FIND,
    }


@pytest.mark.parametrize("which", ["list", "detail", "official", "scoreboard", "json", "find"])
def test_anonymous_campaign_pages_come_from_the_cache_without_queries(
    anon_client, django_assert_num_queries, campaign, officials, which
):
    url = urls(campaign, officials[0])[which]
    first = anon_client.get(url)
    assert first.status_code == 200 and not hit(first)
    with django_assert_num_queries(0):
        second = anon_client.get(url)
    assert hit(second) and second.content == first.content
    assert b"csrfmiddlewaretoken" not in second.content


def test_a_verified_stance_shows_on_the_next_anonymous_view(
    anon_client, campaign, officials, campaign_lead_user
):
    json_url = urls(campaign, officials[1])["json"]
    anon_client.get(json_url)
    report(campaign, officials[1], "opposes", actor=campaign_lead_user)
    response = anon_client.get(json_url)
    assert not hit(response)
    stances = {row["slug"]: row["stance"] for row in json.loads(response.content)["officials"]}
    assert stances[officials[1].slug] == "opposes"


def test_a_renamed_official_and_campaign_show_on_the_next_anonymous_view(
    anon_client, campaign, officials
):
    pages = urls(campaign, officials[0])
    for url in pages.values():
        anon_client.get(url)
    officials[0].name = "Renamed Representative"
    officials[0].save()
    assert b"Renamed Representative" in anon_client.get(pages["official"]).content
    campaign.title = "Open Votes Now"
    campaign.save()
    assert b"Open Votes Now" in anon_client.get(pages["list"]).content
    assert b"Open Votes Now" in anon_client.get(pages["detail"]).content


def test_a_draft_is_never_shared(anon_client, campaign_team_client, campaign, officials):
    anon_client.get(campaign.get_absolute_url())  # cached while public
    campaign.status = Campaign.Status.DRAFT
    campaign.save()
    assert campaign_team_client.get(campaign.get_absolute_url()).status_code == 200
    assert anon_client.get(campaign.get_absolute_url()).status_code == 404
    assert campaign.title.encode() not in anon_client.get(reverse("campaigns:list")).content


@pytest.mark.parametrize("client_name", ["member_client", "campaign_team_client", "staff_client"])
def test_signed_in_people_never_get_the_anonymous_page(request, client_name, campaign, officials):
    anon_client = request.getfixturevalue("anon_client")
    url = campaign.get_absolute_url()
    anon_client.get(url)
    assert hit(anon_client.get(url))
    response = request.getfixturevalue(client_name).get(url)
    assert not hit(response)
    assert "private" in response["Cache-Control"]
    assert b"Sign out" in response.content


def test_the_pages_are_served_when_the_cache_is_down(cache_down, anon_client, campaign, officials):  # noqa: F811
    for url in urls(campaign, officials[0]).values():
        assert anon_client.get(url).status_code == 200


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_uncached_pages_cost_the_same_queries_with_few_officials_or_many(
    anon_client, campaign, officials, campaign_lead_user
):
    pages = urls(campaign, officials[0])

    def counts(tag: str) -> dict[str, int]:
        # A fresh query string: past the page cache, as a shared link with tracking would be.
        return {
            name: _queries(anon_client, f"{url}?utm_={tag}")
            for name, url in pages.items()
            if name != "find"  # its answers are measured by the state's size in the bench
        }

    few = counts("few")
    more = seed_officials(campaign, 12, region="Suffolk County")
    for person in more[:6]:
        report(campaign, person, "opposes", actor=campaign_lead_user)
    assert counts("many") == few


def test_find_my_legislator_with_only_unrelated_parameters_shows_the_form(anon_client):
    response = anon_client.get(f"{FIND}?utm_source=newsletter")
    assert response.status_code == 200
    assert b'name="municipality"' in response.content
    assert b"errorlist" not in response.content


def test_a_crosswalk_import_refreshes_the_cached_town_list(anon_client):
    from campaigns.importers.crosswalk import precincts_import

    from .govdata import load_government_data

    load_government_data()
    anon_client.get(FIND)
    data = (DATA / "crosswalk_ma.csv").read_text().replace("Abington", "Newtown Falls")
    precincts_import(data=data, state="MA", actor=None, source="test")
    assert b'<option value="Newtown Falls">' in anon_client.get(FIND).content
