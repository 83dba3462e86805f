"""The national map: counts per state on /directory/map/ and in a bounded, cached GeoJSON."""

import pytest

from directory.models import Leader
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

PAGE = "/directory/map/"
STATES = "/directory/map-states.geojson"


@pytest.fixture
def network():
    housing = TopicFactory(slug="national-housing", name="National housing")
    LeaderFactory(name="Paula Public", visibility="public", topics=[housing])
    LeaderFactory(name="Mina Members", visibility="members")
    LeaderFactory(name="Otto Organizers", visibility="organizers")
    OrganizationFactory(name="Cambridge Tenants Union", topics=[housing])
    OrganizationFactory(name="Somerville Chapter", kind="chapter", city="Somerville")
    LeaderFactory(name="Nora Newyork", state="NY", city="Albany", zip_code="12207")
    return housing


def by_state(response) -> dict[str, tuple[int, int]]:
    assert response.status_code == 200, response.content
    return {
        f["properties"]["state"]: (f["properties"]["organizations"], f["properties"]["leaders"])
        for f in response.json()["features"]
    }


def test_the_national_geojson_has_one_point_per_state_with_its_counts(anon_client, network):
    response = anon_client.get(STATES)
    assert by_state(response) == {"MA": (2, 1), "NY": (0, 1)}
    (ma,) = [f for f in response.json()["features"] if f["properties"]["state"] == "MA"]
    longitude, latitude = ma["geometry"]["coordinates"]
    assert 41 < latitude < 43 and -74 < longitude < -69
    assert ma["properties"]["url"] == "/directory/map/?state=MA"
    assert "Paula Public" not in response.content.decode()


@pytest.mark.parametrize("client_name", ["anon_client", "member_client", "organizer_client"])
def test_the_counts_never_reveal_hidden_leaders(request, client_name, network):
    client = request.getfixturevalue(client_name)
    user = client.get("/me/").wsgi_request.user
    visible = Leader.objects.visible_to(user).filter(state="MA", latitude__isnull=False)
    assert by_state(client.get(STATES))["MA"] == (2, visible.count())
    hidden = {"anon_client": 2, "member_client": 1, "organizer_client": 0}[client_name]
    assert Leader.objects.filter(state="MA").count() - visible.count() >= hidden


def test_the_counts_follow_the_topic_and_kind_filters(anon_client, network):
    assert by_state(anon_client.get(STATES, {"topic": "national-housing"})) == {"MA": (1, 1)}
    assert by_state(anon_client.get(STATES, {"kind": "chapter"})) == {"MA": (1, 0)}
    response = anon_client.get(STATES, {"topic": "nope"})
    assert response.status_code == 400
    assert "Unknown topic" in response.json()["error"]


@pytest.mark.parametrize("count", [1, 40])
def test_the_national_view_costs_the_same_queries_for_1_or_40_places(
    anon_client, django_assert_num_queries, count
):
    LeaderFactory.create_batch(count)
    OrganizationFactory.create_batch(count)
    with django_assert_num_queries(1):  # the tallies (directory.tallies)
        response = anon_client.get(STATES)
    assert by_state(response) == {"MA": (count, count)}


def test_the_national_geojson_is_cached_for_anonymous_visitors(anon_client, network):
    anon_client.get(STATES)
    assert anon_client.get(STATES)["X-Directory-Cache"] == "hit"


def test_the_map_page_opens_on_the_national_view_with_a_table(anon_client, network):
    response = anon_client.get(PAGE)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-geojson-url="/directory/map-states.geojson"' in content
    assert "The network by state" in content
    assert '<a href="/directory/map/?state=MA">Massachusetts</a>' in content
    assert "4 places with a known location." in content
    assert "Paula Public" not in content  # names appear once a state is chosen


def test_a_topic_without_a_place_shows_that_topics_national_counts(anon_client, network):
    response = anon_client.get(PAGE, {"topic": "national-housing"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-geojson-url="/directory/map-states.geojson?topic=national-housing"' in content
    assert "/directory/map/?state=MA&amp;topic=national-housing" in content
    assert "2 places with a known location." in content


def test_the_map_script_draws_state_counts_from_text_not_html():
    from django.conf import settings

    script = (settings.BASE_DIR / "static" / "js" / "map.js").read_text()
    assert "function drawStates" in script
    assert "innerHTML" not in script


def test_counts_are_reused_past_the_page_cache_until_a_directory_write(
    anon_client, network, django_assert_num_queries
):
    # A new query string misses the page cache; the counts come from the fragment cache.
    assert by_state(anon_client.get(f"{STATES}?utm_source=a"))["NY"] == (0, 1)
    with django_assert_num_queries(0):  # counts from the cache; the form reads no topic
        assert by_state(anon_client.get(f"{STATES}?utm_source=b"))["NY"] == (0, 1)
    LeaderFactory(name="Nell Newyork", state="NY", city="Albany", zip_code="12207")
    assert by_state(anon_client.get(f"{STATES}?utm_source=c"))["NY"] == (0, 2)


@pytest.mark.parametrize("client_name", ["member_client", "organizer_client"])
def test_cached_counts_are_kept_per_kind_of_viewer(request, client_name, network):
    anonymous = by_state(request.getfixturevalue("anon_client").get(f"{STATES}?utm_source=x"))
    signed_in = by_state(request.getfixturevalue(client_name).get(f"{STATES}?utm_source=x"))
    assert signed_in["MA"][1] > anonymous["MA"][1]


def test_state_counts_carry_plain_labels_in_the_readers_language(network):
    """Kept in the cache per language: a lazy label would be rebuilt on every unpickling."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from directory.national import state_counts

    with translation.override("es"):
        counts = state_counts(user=AnonymousUser())
    assert all(type(entry.label) is str for entry in counts)
    assert "Nueva York" in [entry.label for entry in counts]
