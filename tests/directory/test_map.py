"""The directory map page and its GeoJSON: coarse places only, visibility respected."""

import gzip
import json

import pytest

from directory import nearby
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

GEOJSON = "/directory/map.geojson"
PAGE = "/directory/map/"


def features(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    payload = response.json()
    assert payload["type"] == "FeatureCollection"
    return payload["features"]


def names(response):
    return sorted(feature["properties"]["name"] for feature in features(response))


@pytest.fixture
def massachusetts():
    housing = TopicFactory(slug="map-housing", name="Map housing")
    public = LeaderFactory(
        name="Paula Public",
        email="paula.private@example.org",
        phone="617-555-0111",
        zip_code="02139",
        visibility="public",
        topics=[housing],
    )
    members = LeaderFactory(name="Mina Members", visibility="members", zip_code="02140")
    organizers = LeaderFactory(name="Otto Organizers", visibility="organizers")
    organization = OrganizationFactory(
        name="Cambridge Tenants Union", kind="local_group", topics=[housing]
    )
    chapter = OrganizationFactory(name="Somerville Chapter", kind="chapter", city="Somerville")
    LeaderFactory(name="Nora Newyork", state="NY", city="Albany", zip_code="12207")
    return {
        "topic": housing,
        "public": public,
        "members": members,
        "organizers": organizers,
        "organization": organization,
        "chapter": chapter,
    }


def test_the_geojson_places_leaders_and_organizations_of_a_state(anon_client, massachusetts):
    response = anon_client.get(GEOJSON, {"state": "MA"})
    assert names(response) == ["Cambridge Tenants Union", "Paula Public", "Somerville Chapter"]
    leader = next(f for f in features(response) if f["properties"]["name"] == "Paula Public")
    assert leader["geometry"]["type"] == "Point"
    lng, lat = leader["geometry"]["coordinates"]
    assert lat == pytest.approx(massachusetts["public"].latitude, abs=1e-3)
    assert lng == pytest.approx(massachusetts["public"].longitude, abs=1e-3)
    assert leader["properties"] == {
        "type": "leader",
        "name": "Paula Public",
        "url": massachusetts["public"].get_absolute_url(),
        "city": "Cambridge",
        "state": "MA",
        "topics": [response.json()["topics"].index("Map housing")],
    }


def test_the_geojson_sends_each_topic_name_once_and_refers_to_it_by_position(
    anon_client, massachusetts
):
    TopicFactory(slug="map-unused", name="Map unused")
    workers = TopicFactory(slug="map-workers", name="Map workers")
    massachusetts["organization"].topics.add(workers)
    payload = anon_client.get(GEOJSON, {"state": "MA"}).json()
    assert sorted(payload["topics"]) == ["Map housing", "Map workers"]  # only topics in use
    by_name = {
        feature["properties"]["name"]: [
            payload["topics"][i] for i in feature["properties"]["topics"]
        ]
        for feature in payload["features"]
    }
    assert by_name == {
        "Cambridge Tenants Union": ["Map housing", "Map workers"],
        "Paula Public": ["Map housing"],
        "Somerville Chapter": [],
    }


@pytest.mark.parametrize("first", ["gzip", "identity"])
def test_browsers_get_the_geojson_gzipped_and_other_clients_plain(anon_client, first):
    OrganizationFactory.create_batch(10, state="MA")
    encodings = [first, "identity" if first == "gzip" else "gzip"]
    bodies = {}
    for _round in range(2):  # the second round comes from the page cache
        for encoding in encodings:
            response = anon_client.get(GEOJSON, {"state": "MA"}, HTTP_ACCEPT_ENCODING=encoding)
            assert response.status_code == 200
            assert "Accept-Encoding" in response["Vary"]
            if encoding == "gzip":
                assert response["Content-Encoding"] == "gzip"
                bodies[encoding] = gzip.decompress(response.content)
            else:
                assert not response.has_header("Content-Encoding")
                bodies[encoding] = response.content
        assert bodies["gzip"] == bodies["identity"]
    assert len(json.loads(bodies["gzip"])["features"]) == 10


def test_the_geojson_is_compact(anon_client, massachusetts):
    body = anon_client.get(GEOJSON, {"state": "MA"}).content.decode()
    assert ", " not in body and '": ' not in body  # no spaces between tokens
    for feature in json.loads(body)["features"]:
        for coordinate in feature["geometry"]["coordinates"]:
            assert round(coordinate, 4) == coordinate


def test_the_geojson_never_contains_private_contact_details(anon_client, massachusetts):
    for client_params in ({"state": "MA"}, {"city": "cambridge"}):
        body = anon_client.get(GEOJSON, client_params).content.decode()
        assert "paula.private@example.org" not in body
        assert "617-555-0111" not in body
        assert "02139" not in body
        assert '"zip' not in body and '"email' not in body and '"phone' not in body


def test_hidden_leaders_are_absent_for_anonymous_visitors(anon_client, massachusetts):
    found = names(anon_client.get(GEOJSON, {"state": "MA", "kind": "leader"}))
    assert found == ["Paula Public"]


def test_members_see_members_only_leaders_but_not_organizers_only(member_client, massachusetts):
    found = names(member_client.get(GEOJSON, {"state": "MA", "kind": "leader"}))
    assert "Mina Members" in found
    assert "Otto Organizers" not in found


def test_organizers_see_every_leader(organizer_client, massachusetts):
    found = names(organizer_client.get(GEOJSON, {"state": "MA", "kind": "leader"}))
    assert {"Paula Public", "Mina Members", "Otto Organizers"} <= set(found)


def test_the_geojson_filters_by_city_topic_and_kind(anon_client, massachusetts):
    assert names(anon_client.get(GEOJSON, {"city": "SOMERVILLE"})) == ["Somerville Chapter"]
    by_topic = anon_client.get(GEOJSON, {"state": "MA", "topic": "map-housing"})
    assert names(by_topic) == ["Cambridge Tenants Union", "Paula Public"]
    by_kind = anon_client.get(GEOJSON, {"state": "ma", "kind": "chapter"})
    assert names(by_kind) == ["Somerville Chapter"]
    organizations = anon_client.get(GEOJSON, {"state": "MA", "kind": "organization"})
    assert names(organizations) == ["Cambridge Tenants Union", "Somerville Chapter"]


def test_places_without_a_known_location_are_left_out(anon_client):
    LeaderFactory(name="Lost Leader", zip_code="", latitude=None, longitude=None)
    assert names(anon_client.get(GEOJSON, {"state": "MA"})) == []


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"state": "ZZ"}, "state", "Unknown state"),
        ({"state": "MA", "topic": "no-such-topic"}, "topic", "Unknown topic"),
        ({"state": "MA", "kind": "spaceship"}, "kind", "Unknown kind"),
        ({"topic": "voting-elections"}, "__all__", "Choose a state or enter a city"),
        ({}, "__all__", "Choose a state or enter a city"),
        ({"city": "x" * 300}, "city", "at most 100 characters"),
    ],
)
def test_bad_filters_get_a_400_with_a_clear_message(anon_client, params, field, text):
    response = anon_client.get(GEOJSON, params)
    assert response.status_code == 400
    payload = response.json()
    assert text in payload["error"]
    assert field in payload["errors"]


def test_a_large_state_is_cut_at_the_limit_and_says_so(anon_client, monkeypatch):
    monkeypatch.setattr(nearby, "MAP_MAX_PER_TYPE", 3)
    OrganizationFactory.create_batch(5)
    payload = anon_client.get(GEOJSON, {"state": "MA"}).json()
    assert len(payload["features"]) == 3
    assert payload["truncated"] is True


@pytest.mark.parametrize("count", [1, 50])
def test_the_geojson_costs_the_same_queries_for_1_or_50_places(
    anon_client, django_assert_num_queries, count
):
    topic = TopicFactory(slug="query-count")
    LeaderFactory.create_batch(count, topics=[topic])
    OrganizationFactory.create_batch(count, topics=[topic])
    # Topic lookup, leaders, leader topics, organizations, organization topics.
    with django_assert_num_queries(5):
        response = anon_client.get(GEOJSON, {"state": "MA", "topic": "query-count"})
    assert len(features(response)) == 2 * count


@pytest.mark.parametrize("count", [1, 50])
def test_the_map_page_costs_the_same_queries_for_1_or_50_places(
    anon_client, django_assert_num_queries, count
):
    LeaderFactory.create_batch(count)
    OrganizationFactory.create_batch(count)
    # Leaders, their topics, organizations, their topics, the topic choices of the form.
    with django_assert_num_queries(5):
        response = anon_client.get(PAGE, {"state": "MA"})
    assert response.status_code == 200


def test_the_map_page_without_a_place_shows_the_national_counts(anon_client):
    # test_map_national.py covers the counts; here: the page still carries the map and asks
    # for a state to see places.
    response = anon_client.get(PAGE)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choose a state to see who works there." in content
    assert 'id="directory-map"' in content
    assert "leaflet/leaflet.js" in content and "leaflet/leaflet.css" in content


def test_the_map_page_lists_the_same_places_in_an_accessible_table(anon_client, massachusetts):
    response = anon_client.get(PAGE, {"state": "MA"})
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "<table" in content and 'scope="col"' in content
    assert "Paula Public" in content and "Cambridge Tenants Union" in content
    assert "Mina Members" not in content
    assert "paula.private@example.org" not in content and "617-555-0111" not in content
    assert 'data-geojson-url="/directory/map.geojson?state=MA' in content
    assert '<label for="id_state">' in content


def test_the_map_page_passes_the_tile_settings_to_the_script(anon_client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "Example tiles"
    response = anon_client.get(PAGE, {"state": "MA"})
    config = json.loads(
        response.content.decode()
        .split('id="map-config" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["attribution"] == "Example tiles"
    # The script's words come from the translation catalog, loaded before it.
    page = response.content.decode()
    assert page.index('src="/jsi18n/"') < page.index("js/map.js")


def test_the_map_page_shows_bad_filters_with_status_400(anon_client):
    response = anon_client.get(PAGE, {"state": "XX", "topic": "nope"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Unknown state" in content
    assert "Unknown topic" in content


def test_names_are_escaped_on_the_map_page(anon_client):
    LeaderFactory(name="<script>alert(1)</script>")
    content = anon_client.get(PAGE, {"state": "MA"}).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_map_only_answers_get(anon_client):
    assert anon_client.post(PAGE).status_code == 405
    assert anon_client.post(GEOJSON, {"state": "MA"}).status_code == 405


def test_the_map_script_uses_vector_markers_and_a_referrer_policy():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "map.js").read_text()
    assert "L.circleMarker" in script
    assert 'referrerPolicy: "strict-origin-when-cross-origin"' in script
    assert "innerHTML" not in script


def test_a_states_geojson_is_reused_past_the_page_cache_until_a_directory_write(
    anon_client, massachusetts, django_assert_num_queries
):
    # A new query string misses the page cache; the payload of the same search is kept.
    first = names(anon_client.get(GEOJSON, {"state": "MA", "utm_source": "a"}))
    with django_assert_num_queries(0):
        again = anon_client.get(GEOJSON, {"state": "ma", "utm_source": "b"})
    assert names(again) == first
    OrganizationFactory(name="Brand New Org", zip_code="02139")
    assert "Brand New Org" in names(anon_client.get(GEOJSON, {"state": "MA", "utm_source": "c"}))


def test_a_kept_geojson_is_never_served_to_another_kind_of_viewer(
    member_client, anon_client, organizer_client, massachusetts
):
    params = {"state": "MA", "utm_source": "x"}
    assert "Mina Members" in names(member_client.get(GEOJSON, params))
    assert "Otto Organizers" in names(organizer_client.get(GEOJSON, params))
    public = names(anon_client.get(GEOJSON, params))
    assert "Mina Members" not in public and "Otto Organizers" not in public
    assert "Otto Organizers" not in names(member_client.get(GEOJSON, {**params, "n": "2"}))


def test_a_kept_geojson_is_gzipped_only_for_clients_that_accept_it(anon_client, massachusetts):
    anon_client.get(GEOJSON, {"state": "MA", "utm_source": "a"}, HTTP_ACCEPT_ENCODING="gzip")
    plain = anon_client.get(GEOJSON, {"state": "MA", "utm_source": "b"})
    assert "Content-Encoding" not in plain
    assert "Paula Public" in names(plain)
    zipped = anon_client.get(
        GEOJSON, {"state": "MA", "utm_source": "c"}, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert json.loads(gzip.decompress(zipped.content))["features"]


def test_the_map_page_form_is_kept_past_the_page_cache(anon_client, django_assert_num_queries):
    TopicFactory(slug="form-topic", name="Form topic")
    first = anon_client.get(PAGE, {"utm_source": "a"}).content.decode()
    assert 'value="form-topic"' in first
    # National counts and the form (with its topic choices) from the cache: no query at all.
    with django_assert_num_queries(0):
        again = anon_client.get(PAGE, {"utm_source": "b"}).content.decode()
    assert 'value="form-topic"' in again
    TopicFactory(slug="newer-topic", name="Newer topic")
    assert 'value="newer-topic"' in anon_client.get(PAGE, {"utm_source": "c"}).content.decode()
