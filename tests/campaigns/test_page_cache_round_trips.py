"""A visit that misses the page cache (a new query string) waits on Redis twice (the scoreboard
four): the lookup, which reads the part the page shows with the page and the versions, and
storing the page with any part it rendered (directory.cache, actlocal.cached_parts' batch)."""

import secrets

import pytest
from django.core.cache import cache
from django.urls import reverse

from directory.cache import CACHE_HIT_HEADER

from .scoreboard_seed import seed_officials

pytestmark = pytest.mark.django_db


def fresh(url: str) -> str:
    return f"{url}?utm_source={secrets.token_hex(4)}"


@pytest.fixture
def pages(campaign) -> dict[str, str]:
    official = seed_officials(campaign, 2, region="Hampden County")[0]
    return {
        "detail": campaign.get_absolute_url(),
        "official": reverse("campaigns:official", args=[campaign.slug, official.slug]),
    }


@pytest.mark.parametrize("which", ["detail", "official"])
def test_a_page_cache_miss_waits_on_redis_twice(
    anon_client, pages, redis_round_trips, django_assert_max_num_queries, which
):
    anon_client.get(fresh(pages[which]))  # renders and keeps the part
    redis_round_trips.clear()
    with django_assert_max_num_queries(2):
        response = anon_client.get(fresh(pages[which]))
    assert response.status_code == 200 and response[CACHE_HIT_HEADER] == "miss"
    assert len(redis_round_trips) == 2


@pytest.mark.parametrize("which", ["detail", "official"])
def test_a_page_cache_hit_waits_on_redis_once(anon_client, pages, redis_round_trips, which):
    url = fresh(pages[which])
    anon_client.get(url)
    redis_round_trips.clear()
    assert anon_client.get(url)[CACHE_HIT_HEADER] == "hit"
    assert len(redis_round_trips) == 1


def test_after_a_change_the_parts_named_under_old_versions_are_not_used(
    anon_client, campaign, pages, redis_round_trips
):
    anon_client.get(fresh(pages["detail"]))
    campaign.ask = "Vote yes on the transparency bill"
    campaign.save()  # bumps the campaigns' version
    redis_round_trips.clear()
    response = anon_client.get(fresh(pages["detail"]))
    assert "Vote yes on the transparency bill" in response.content.decode()
    # The lookup, the article under the new versions, and the page stored with the article.
    assert len(redis_round_trips) == 3
    redis_round_trips.clear()
    again = anon_client.get(fresh(pages["detail"]))
    assert "Vote yes on the transparency bill" in again.content.decode()
    assert len(redis_round_trips) == 2


def test_a_scoreboard_miss_reads_its_board_and_parts_and_stores_them_with_the_page(
    anon_client, campaign, redis_round_trips
):
    seed_officials(campaign, 3, region="Hampden County")
    url = reverse("campaigns:scoreboard", args=[campaign.slug])
    anon_client.get(fresh(url))  # computes the board and renders its parts
    redis_round_trips.clear()
    response = anon_client.get(fresh(url))
    assert response.status_code == 200 and response[CACHE_HIT_HEADER] == "miss"
    # The lookup (page and versions), the board, its rendered parts, then the page stored:
    # the versions the lookup read are not asked again.
    assert len(redis_round_trips) == 4


@pytest.mark.parametrize("which", ["detail", "official"])
def test_a_page_known_to_be_cached_is_looked_up_without_its_parts(
    anon_client, pages, redis_round_trips, which
):
    url = fresh(pages[which])
    anon_client.get(url)  # stored by this process: the next lookups expect a hit
    redis_round_trips.clear()
    assert anon_client.get(url)[CACHE_HIT_HEADER] == "hit"
    [lookup] = redis_round_trips
    assert b"campaigns:article" not in lookup[0] and b"campaigns:official" not in lookup[0]


def test_a_page_evicted_after_it_was_seen_is_rendered_again(anon_client, pages, redis_round_trips):
    from directory.cache import _page_key  # noqa: PLC0415 (the key of this very page)

    url = fresh(pages["official"])
    first = anon_client.get(url)
    request = first.wsgi_request
    cache.delete(_page_key(request, by_encoding=False))  # as Redis evicting it would
    redis_round_trips.clear()
    again = anon_client.get(url)
    assert again[CACHE_HIT_HEADER] == "miss"
    assert again.content == first.content
    # The lookup (expecting a hit, without the parts), the parts, then the page stored.
    assert len(redis_round_trips) == 3
