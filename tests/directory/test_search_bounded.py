"""A directory search ranks and counts a bounded number of matches, and says when there are more.

The limit is lowered to a few rows here; the production limit (1,000) behaves the same way.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import selectors
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

LEADERS = "/directory/leaders/"


@pytest.fixture
def limit_3(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_MATCH_LIMIT", 3)
    return 3


def test_more_matches_than_the_limit_are_counted_as_more_than_the_limit(anon_client, limit_3):
    LeaderFactory.create_batch(5, name="Rosalind Marsh", visibility="public")
    response = anon_client.get(LEADERS, {"q": "rosalind"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "More than 3 leaders" in content
    assert "only the first 3 found are listed" in content
    assert len(response.context["page_obj"].object_list) == 3
    assert response.context["paginator"].count == 3


def test_up_to_the_limit_the_count_is_exact(anon_client, limit_3):
    LeaderFactory.create_batch(3, name="Rosalind Marsh", visibility="public")
    response = anon_client.get(LEADERS, {"q": "rosalind"})
    content = response.content.decode()
    assert "3 leaders" in content
    assert "More than" not in content
    assert "only the first" not in content


def test_hidden_leaders_are_never_counted_nor_take_a_place_under_the_limit(
    anon_client, member_client, limit_3
):
    LeaderFactory.create_batch(2, name="Rosalind Public", visibility="public")
    LeaderFactory.create_batch(4, name="Rosalind Hidden", visibility="members")
    anonymous = anon_client.get(LEADERS, {"q": "rosalind"})
    content = anonymous.content.decode()
    assert "2 leaders" in content
    assert "More than" not in content
    assert "Rosalind Hidden" not in content
    members = member_client.get(LEADERS, {"q": "rosalind", "_": "member"})
    assert "More than 3 leaders" in members.content.decode()


def test_the_limit_applies_after_the_other_filters(anon_client, limit_3):
    """The first matches taken are those of the chosen state, not of the whole directory."""
    LeaderFactory.create_batch(5, name="Rosalind Newyork", state="NY", visibility="public")
    here = LeaderFactory(name="Rosalind Boston", state="MA", visibility="public")
    response = anon_client.get(LEADERS, {"q": "rosalind", "state": "MA"})
    assert [leader.pk for leader in response.context["page_obj"].object_list] == [here.pk]
    assert "1 leader" in response.content.decode()


def test_the_search_query_reads_at_most_the_limit_plus_one_matches(anon_client, limit_3):
    LeaderFactory.create_batch(5, name="Rosalind Marsh", visibility="public")
    with CaptureQueriesContext(connection) as queries:
        assert anon_client.get(LEADERS, {"q": "rosalind"}).status_code == 200
    searches = [q["sql"] for q in queries.captured_queries if "rosalind" in q["sql"].lower()]
    assert searches, "the search ran no query"
    for sql in searches:
        assert "LIMIT 4" in sql, sql


def test_the_overview_says_more_than_the_limit_and_offers_the_filters(anon_client, limit_3):
    LeaderFactory.create_batch(4, name="Rosalind Marsh", visibility="public")
    OrganizationFactory.create_batch(2, name="Rosalind Tenants")
    response = anon_client.get("/directory/", {"q": "rosalind"})
    content = response.content.decode()
    results = response.context["results"]
    assert results["leaders"]["capped"] and results["leaders"]["count"] == 3
    assert not results["organizations"]["capped"] and results["organizations"]["count"] == 2
    assert "(more than 3)" in content
    assert "See the matching leaders and narrow them with filters" in content
    assert "More than 5 matches across the directory." in content


def test_the_best_match_comes_first_among_the_bounded_matches(anon_client, postgres_only):
    LeaderFactory(name="Aaron Bell", bio="Works with Marisol on housing.", visibility="public")
    LeaderFactory(name="Marisol Vega", bio="Tenant organizer.", visibility="public")
    response = anon_client.get(LEADERS, {"q": "marisol"})
    names = [leader.name for leader in response.context["page_obj"].object_list]
    assert names == ["Marisol Vega", "Aaron Bell"]


@pytest.fixture
def postgres_only(settings):
    if not settings.IS_POSTGRES:
        pytest.skip("ranking runs on PostgreSQL")
