"""The scoreboard lists each official once, in one compact table with stance badges, behind
filters (stance, party, region, district or official name) and pages."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from .scoreboard_seed import assert_no_constituent_data, seed_constituents
from .test_scoreboard_queries import QUERIES, seed

pytestmark = pytest.mark.django_db


def page_url(campaign, query: str = "") -> str:
    return reverse("campaigns:scoreboard", args=[campaign.slug]) + query


def official_links(campaign, html: str) -> list[str]:
    base = reverse("campaigns:official", args=[campaign.slug, "x"])[: -len("x/")]
    return re.findall(re.escape(base) + r'([\w-]+)/"', html)


def test_each_official_appears_exactly_once_with_a_named_stance_badge(anon_client, campaign):
    seed(campaign, 12)

    html = anon_client.get(page_url(campaign)).content.decode()

    links = official_links(campaign, html)
    assert sorted(links) == sorted(f"q-official-{i}" for i in range(12))
    assert len(links) == len(set(links))
    for i in range(12):
        assert html.count(f">Official {i}<") == 1
    assert html.count('class="stance-badge"') == 12
    assert "Leaning no</span>" in html  # the stance in words, not colour alone


def test_a_long_body_is_cut_into_pages_of_fifty(anon_client, campaign):
    seed(campaign, 120)

    first = anon_client.get(page_url(campaign))
    third = anon_client.get(page_url(campaign, "?page=3"))

    assert len(first.context["page_rows"]) == 50
    assert len(third.context["page_rows"]) == 20
    first_links = official_links(campaign, first.content.decode())
    third_links = official_links(campaign, third.content.decode())
    assert len(first_links) == 50 and len(third_links) == 20
    assert not set(first_links) & set(third_links)
    # The numbers above the table still cover every official.
    assert "<strong>120</strong> officials" in first.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()


def test_a_page_past_the_end_shows_the_last_and_a_bad_page_is_refused_with_a_message(
    anon_client, campaign
):
    seed(campaign, 60)

    past = anon_client.get(page_url(campaign, "?page=99"))
    bad = anon_client.get(page_url(campaign, "?page=two"))

    assert past.status_code == 200
    assert len(past.context["page_rows"]) == 10
    assert bad.status_code == 400
    assert "The page must be a whole number." in bad.content.decode()


def test_search_by_district_or_official_name_narrows_the_table_and_keeps_the_page_links(
    anon_client, campaign
):
    seed(campaign, 120)  # districts D0..D119, officials "Official 0".."Official 119"

    by_district = anon_client.get(page_url(campaign, "?q=d11"))
    by_name = anon_client.get(page_url(campaign, "?q=official 7"))
    combined = anon_client.get(page_url(campaign, "?q=D1&region=R1"))

    assert {row.district for row in by_district.context["rows"]} == {
        "D11",
        *(f"D11{i}" for i in range(10)),
    }
    assert {row.name for row in by_name.context["rows"]} == {
        "Official 7",
        *(f"Official 7{i}" for i in range(10)),
    }
    assert all(
        row.region == "R1" and "d1" in row.district.lower() for row in combined.context["rows"]
    )
    assert "“d11” in the name" in by_district.content.decode()

    many = anon_client.get(page_url(campaign, "?q=D"))
    assert 'href="?q=D&amp;page=2"' in many.content.decode()


def test_a_search_too_long_is_refused_and_changes_nothing(anon_client, campaign):
    seed(campaign, 3)

    response = anon_client.get(page_url(campaign, "?q=" + "x" * 101))

    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()


@pytest.mark.parametrize("query", ["", "?page=2", "?q=D1&stance=supports", "?region=R2&page=2"])
def test_pages_and_filters_cost_the_same_queries(
    anon_client, campaign, django_assert_num_queries, query
):
    seed(campaign, 120)
    cache.clear()

    with django_assert_num_queries(QUERIES):
        response = anon_client.get(page_url(campaign, query))

    assert response.status_code == 200


def test_no_constituent_is_named_on_any_page_of_the_table(anon_client, campaign, official):
    seed_constituents(campaign, official)
    seed(campaign, 60)

    for query in ("", "?page=2", f"?q={official.name}"):
        assert_no_constituent_data(anon_client.get(page_url(campaign, query)).content)
