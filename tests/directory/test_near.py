"""Who already works on this near me: radius search from a ZIP code, nearest first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actlocal.geo import zip_place
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NEAR = "/directory/near/"


def at(zip_code: str) -> dict:
    place = zip_place(zip_code)
    return {
        "zip_code": zip_code,
        "city": place.city.title(),
        "state": place.state,
        "latitude": place.lat,
        "longitude": place.lng,
    }


@pytest.fixture
def housing():
    return TopicFactory(slug="near-housing", name="Near housing")


@pytest.fixture
def around_cambridge(housing):
    """Places at growing distances from ZIP 02139 (Cambridge, MA)."""
    return {
        "here": OrganizationFactory(name="Cambridge Housing Org", topics=[housing], **at("02139")),
        "boston": LeaderFactory(name="Bea Boston", topics=[housing], **at("02108")),
        "worcester": OrganizationFactory(name="Worcester Renters", topics=[housing], **at("01608")),
        "hidden": LeaderFactory(
            name="Hal Hidden", visibility="members", topics=[housing], **at("02143")
        ),
        "other_topic": LeaderFactory(name="Olga Othertopic", **at("02141")),
        "new_york": LeaderFactory(name="Nadia Newyork", topics=[housing], **at("10001")),
    }


def result_names(response):
    assert response.status_code == 200, response.content.decode()[:500]
    return [place.name for place in response.context["page"].object_list]


def test_the_blank_form_explains_itself(anon_client):
    response = anon_client.get(NEAR)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert '<label for="id_zip">' in content
    assert '<label for="id_topic">' in content
    assert '<label for="id_miles">' in content
    assert '<option value="25" selected>' in content


def test_results_are_nearest_first_within_the_radius(anon_client, around_cambridge):
    response = anon_client.get(NEAR, {"zip": "02139", "topic": "near-housing", "miles": "50"})
    assert result_names(response) == [
        "Cambridge Housing Org",
        "Bea Boston",
        "Worcester Renters",
    ]
    distances = [place.distance for place in response.context["page"].object_list]
    assert distances == sorted(distances)
    assert distances[-1] < 50


def test_each_result_shows_its_distance_and_links_to_its_page(anon_client, around_cambridge):
    response = anon_client.get(NEAR, {"zip": "02139", "topic": "near-housing", "miles": "10"})
    content = response.content.decode()
    boston = around_cambridge["boston"]
    assert f'href="{boston.get_absolute_url()}"' in content
    assert f'href="{around_cambridge["here"].get_absolute_url()}"' in content
    assert "less than 0.1 miles" in content
    assert " miles</strong>" in content
    distance = next(p for p in response.context["page"].object_list if p.name == "Bea Boston")
    assert 1 < distance.distance < 5
    assert f"{distance.distance:.1f} miles" in content


def test_a_small_radius_leaves_out_farther_places(anon_client, around_cambridge):
    response = anon_client.get(NEAR, {"zip": "02139", "topic": "near-housing", "miles": "5"})
    assert result_names(response) == ["Cambridge Housing Org", "Bea Boston"]


def test_the_topic_is_optional(anon_client, around_cambridge):
    response = anon_client.get(NEAR, {"zip": "02139", "miles": "10"})
    assert "Olga Othertopic" in result_names(response)


def test_leaders_hidden_from_the_public_are_absent_for_anonymous_visitors(
    anon_client, around_cambridge
):
    response = anon_client.get(NEAR, {"zip": "02139", "miles": "10"})
    assert "Hal Hidden" not in result_names(response)
    assert "Hal Hidden" not in response.content.decode()


def test_members_also_see_members_only_leaders(member_client, around_cambridge):
    response = member_client.get(NEAR, {"zip": "02139", "miles": "10"})
    assert "Hal Hidden" in result_names(response)


def test_private_contact_details_never_appear(anon_client):
    LeaderFactory(
        name="Priya Private", email="priya@private.example.org", phone="617-555-0199", **at("02139")
    )
    content = anon_client.get(NEAR, {"zip": "02139"}).content.decode()
    assert "Priya Private" in content
    assert "priya@private.example.org" not in content
    assert "617-555-0199" not in content


def test_a_zip_plus_four_is_accepted(anon_client, around_cambridge):
    response = anon_client.get(NEAR, {"zip": "02139-4307", "topic": "near-housing"})
    assert result_names(response)[0] == "Cambridge Housing Org"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"zip": "abcde"}, "is not a ZIP code"),
        ({"zip": "021"}, "is not a ZIP code"),
        ({"zip": "00000"}, "We could not find the ZIP code 00000"),
        ({"zip": ""}, "Enter a ZIP code"),
        ({"zip": "02139", "topic": "no-such-topic"}, "Unknown topic"),
        ({"zip": "02139", "miles": "7"}, "Choose a distance of 5, 10, 25, 50 or 100 miles"),
        ({"zip": "02139", "miles": "-25"}, "Choose a distance of 5, 10, 25, 50 or 100 miles"),
        ({"zip": "02139", "miles": "1e9"}, "Choose a distance of 5, 10, 25, 50 or 100 miles"),
        ({"zip": "%00<script>"}, "is not a ZIP code"),
    ],
)
def test_bad_input_gets_a_clear_message_and_status_400(anon_client, params, message):
    response = anon_client.get(NEAR, params)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "<script>" not in content
    assert 'aria-invalid="true"' in content


def test_an_empty_result_suggests_a_wider_radius(anon_client, housing):
    response = anon_client.get(NEAR, {"zip": "59001", "topic": "near-housing", "miles": "25"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "No organizations or leaders within 25 miles list Near housing yet" in content
    assert "zip=59001&amp;topic=near-housing&amp;miles=50" in content
    assert "Search within 50 miles" in content


def test_an_empty_result_at_the_widest_radius_suggests_any_topic(anon_client, housing):
    response = anon_client.get(NEAR, {"zip": "59001", "topic": "near-housing", "miles": "100"})
    content = response.content.decode()
    assert "Search every topic within 100 miles" in content


def test_a_page_number_out_of_range_shows_the_last_page(anon_client, around_cambridge):
    response = anon_client.get(NEAR, {"zip": "02139", "miles": "10", "page": "999"})
    assert response.status_code == 200
    junk = anon_client.get(NEAR, {"zip": "02139", "miles": "10", "page": "abc"})
    assert junk.status_code == 200


def test_results_are_paginated_keeping_the_search(anon_client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    OrganizationFactory.create_batch(5, **at("02139"))
    first = anon_client.get(NEAR, {"zip": "02139", "miles": "5"})
    assert len(result_names(first)) == 2
    assert "zip=02139&amp;topic=&amp;miles=5&amp;page=2" in first.content.decode()
    third = anon_client.get(NEAR, {"zip": "02139", "miles": "5", "page": "3"})
    assert len(result_names(third)) == 1


def test_every_place_in_the_radius_is_listed_nearest_first_across_pages(anon_client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    far = OrganizationFactory(name="Far Org", **at("01608"))
    here = OrganizationFactory.create_batch(2, **at("02139"))
    first = anon_client.get(NEAR, {"zip": "02139", "miles": "50"})
    assert sorted(result_names(first)) == sorted(org.name for org in here)
    assert "3 places within 50 miles of 02139" in first.content.decode()
    second = anon_client.get(NEAR, {"zip": "02139", "miles": "50", "page": "2"})
    assert result_names(second) == [far.name]


def test_places_at_the_same_distance_are_in_name_order(anon_client):
    for name in ("Cedar Org", "alder Org", "Birch Org"):
        OrganizationFactory(name=name, **at("02139"))
    response = anon_client.get(NEAR, {"zip": "02139", "miles": "5"})
    assert result_names(response) == ["alder Org", "Birch Org", "Cedar Org"]


def test_a_cached_card_shows_the_distance_of_each_search(anon_client):
    """Cards are kept per place and shared by every search; the distance is filled in."""
    OrganizationFactory(name="Cambridge Housing Org", **at("02139"))
    here = anon_client.get(NEAR, {"zip": "02139", "miles": "50"}).content.decode()
    assert "less than 0.1 miles" in here
    there = anon_client.get(NEAR, {"zip": "01608", "miles": "50"})
    content = there.content.decode()
    assert "Cambridge Housing Org" in content
    assert "less than 0.1 miles" not in content
    distance = there.context["page"].object_list[0].distance
    assert f"{distance:.1f} miles</strong>" in content
    assert "actlocalNearDistance" not in content


def test_a_members_search_kept_in_the_cache_never_shows_hidden_leaders_to_the_public(
    member_client, anon_client, around_cambridge
):
    params = {"zip": "02139", "miles": "10"}
    assert "Hal Hidden" in result_names(member_client.get(NEAR, {**params, "_": "member"}))
    response = anon_client.get(NEAR, {**params, "_": "anon"})
    assert "Hal Hidden" not in result_names(response)
    assert "Hal Hidden" not in response.content.decode()


def test_a_leader_hidden_after_a_search_was_cached_disappears(anon_client, around_cambridge):
    params = {"zip": "02139", "miles": "10"}
    assert "Bea Boston" in result_names(anon_client.get(NEAR, {**params, "_": "1"}))
    boston = around_cambridge["boston"]
    boston.visibility = "members"
    boston.save()
    response = anon_client.get(NEAR, {**params, "_": "2"})
    assert "Bea Boston" not in result_names(response)
    assert "Bea Boston" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_the_search_costs_the_same_queries_for_1_or_50_places(
    anon_client, django_assert_num_queries, housing, settings, count
):
    settings.DIRECTORY_PAGE_SIZE = 100  # one page holds both kinds of place
    LeaderFactory.create_batch(count, topics=[housing], **at("02139"))
    OrganizationFactory.create_batch(count, topics=[housing], **at("02139"))
    params = {"zip": "02139", "topic": "near-housing"}
    # Topic lookup, the ranking of the radius, the page's rows, topics of each type's cards,
    # the form's topic choices.
    with django_assert_num_queries(6):
        response = anon_client.get(NEAR, {**params, "_": "first"})
    assert response.context["results"].total == 2 * count
    assert len(response.context["cards"]) == 2 * count
    # Another URL of the same search (the page cache misses): the ranking, the form and the
    # page's cards come from their caches; only the topic lookup remains.
    with django_assert_num_queries(1):
        again = anon_client.get(NEAR, {**params, "_": "again"})
    assert again.content.decode().count('class="result-card"') == 2 * count


def test_a_signed_in_person_reads_the_pages_rows_each_time(member_client, around_cambridge):
    """Someone signed in may see their own profile, so their page is never one kept for all."""
    params = {"zip": "02139", "miles": "10"}
    member_client.get(NEAR, {**params, "_": "first"})
    with CaptureQueriesContext(connection) as captured:
        member_client.get(NEAR, {**params, "_": "again"})
    assert any("directory_leader" in query["sql"] for query in captured.captured_queries)


def test_a_kept_anonymous_page_is_in_each_visitors_language(anon_client):
    OrganizationFactory(name="Cambridge Housing Org", **at("02139"))
    params = {"zip": "02139", "miles": "50"}
    english = anon_client.get(NEAR, {**params, "_": "en"}, HTTP_ACCEPT_LANGUAGE="en")
    spanish = anon_client.get(NEAR, {**params, "_": "es"}, HTTP_ACCEPT_LANGUAGE="es")

    assert "less than 0.1 miles" in english.content.decode()
    assert "menos de 0.1 millas" in spanish.content.decode()
    assert "less than 0.1 miles" not in spanish.content.decode()


def test_the_near_page_only_answers_get(anon_client):
    assert anon_client.post(NEAR, {"zip": "02139"}).status_code == 405


# --- Bounded: the nearest NEAR_MAX_PLACES --------------------------------------------------------


@pytest.fixture
def at_most_3(monkeypatch):
    from directory import nearby

    monkeypatch.setattr(nearby, "NEAR_MAX_PLACES", 3)
    return 3


def test_a_crowded_radius_lists_the_nearest_and_says_there_are_more(anon_client, at_most_3):
    near = OrganizationFactory.create_batch(3, **at("02139"))
    OrganizationFactory.create_batch(2, **at("02108"))
    response = anon_client.get(NEAR, {"zip": "02139", "miles": "10"})
    content = response.content.decode()
    assert sorted(result_names(response)) == sorted(org.name for org in near)
    assert (
        "More than 3 places within 10 miles of 02139 (Cambridge, MA): the nearest 3 are listed"
        in content
    )
    assert "Choose a topic or a smaller distance to narrow the search." in content
    assert response.context["results"].total == 3


def test_up_to_the_cap_every_place_is_counted(anon_client, at_most_3):
    OrganizationFactory.create_batch(3, **at("02139"))
    content = anon_client.get(NEAR, {"zip": "02139", "miles": "10"}).content.decode()
    assert "3 places within 10 miles of 02139" in content
    assert "More than" not in content
    assert "narrow the search" not in content


def test_hidden_leaders_never_take_a_place_among_the_nearest(anon_client, at_most_3):
    LeaderFactory.create_batch(4, visibility="members", **at("02139"))
    shown = LeaderFactory.create_batch(2, visibility="public", **at("02141"))
    response = anon_client.get(NEAR, {"zip": "02139", "miles": "10"})
    assert sorted(result_names(response)) == sorted(leader.name for leader in shown)
    assert "More than" not in response.content.decode()


def test_the_ranking_query_keeps_at_most_the_cap_plus_one_rows(anon_client, at_most_3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    OrganizationFactory.create_batch(5, **at("02139"))
    with CaptureQueriesContext(connection) as queries:
        assert anon_client.get(NEAR, {"zip": "02139", "miles": "10"}).status_code == 200
    rankings = [q["sql"] for q in queries.captured_queries if "UNION ALL" in q["sql"]]
    assert rankings and "LIMIT 4" in rankings[0], rankings


def test_the_nearest_places_can_be_read_from_the_sphere_index(settings):
    """The ranking's nearness expression is the indexed one, so PostgreSQL can hand the
    nearest places over in order and stop. With a handful of rows the planner rightly prefers
    to sort them, so sorting and other scans are ruled out to see what it could use."""
    if not settings.IS_POSTGRES:
        pytest.skip("the sphere index is PostgreSQL's")
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from directory.nearby import NearSearch

    LeaderFactory.create_batch(3, visibility="public", **at("02139"))
    search = NearSearch(user=AnonymousUser(), origin=zip_place("02139"), miles=25)
    plans = []

    def explain(execute, sql, params, many, context):
        if "UNION ALL" in sql:
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                execute(f"SET LOCAL {setting} = off", None, False, context)
            execute(f"EXPLAIN {sql}", params, many, context)
            plans.extend(row[0] for row in context["cursor"].fetchall())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        search.ranking()
    plan = "\n".join(plans)
    for table in ("leader", "organization"):
        assert f"Index Scan using directory_{table}_sphere_gist" in plan, plan
    assert plan.count("Order By: (cube(") == 2, plan
