"""Resources in "near me": local ones within the radius, then the state's; loaded after the
page so the page's own queries do not grow."""

import pytest

from directory.models import Scope
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import ResourceFactory

pytestmark = pytest.mark.django_db

NEAR = "/directory/near/"
PART = "/directory/near/resources/"


@pytest.fixture
def resources():
    housing = TopicFactory(slug="res-housing", name="Res housing")
    return {
        "cambridge": ResourceFactory(
            title="Cambridge tenant clinic",
            scope=Scope.LOCAL,
            state="MA",
            city="Cambridge",
            topics=[housing],
        ),
        "pittsfield": ResourceFactory(
            title="Pittsfield food bank", scope=Scope.LOCAL, state="MA", city="Pittsfield"
        ),
        "state": ResourceFactory(title="Massachusetts voter guide", scope=Scope.STATE, state="MA"),
        "other_state": ResourceFactory(title="New York guide", scope=Scope.STATE, state="NY"),
        "national": ResourceFactory(title="National toolkit", scope=Scope.NATIONAL),
        "topic": housing,
    }


def test_local_resources_within_the_radius_come_first_then_the_states(anon_client, resources):
    response = anon_client.get(PART, {"zip": "02139", "miles": 10})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cambridge tenant clinic" in content and "Massachusetts voter guide" in content
    assert content.index("Cambridge tenant clinic") < content.index("Massachusetts voter guide")
    assert "all of Massachusetts" in content
    for far in ("Pittsfield food bank", "New York guide", "National toolkit"):
        assert far not in content


def test_the_topic_narrows_the_resources(anon_client, resources):
    content = anon_client.get(PART, {"zip": "02139", "miles": 10, "topic": "res-housing"}).content
    assert b"Cambridge tenant clinic" in content and b"Massachusetts voter guide" not in content


@pytest.mark.parametrize("params", [{}, {"zip": "abc"}, {"zip": "02139", "miles": 7}])
def test_bad_input_is_a_400(anon_client, params):
    assert anon_client.get(PART, params).status_code == 400


def test_the_near_page_loads_them_after_itself_with_a_link_without_javascript(
    anon_client, resources
):
    content = anon_client.get(NEAR, {"zip": "02139", "miles": 10}).content.decode()
    assert 'hx-get="/directory/near/resources/?zip=02139' in content
    assert 'hx-trigger="load"' in content
    assert "/directory/resources/?state=MA" in content
    assert "Cambridge tenant clinic" not in content  # not in the page's own queries


def test_the_resources_part_is_one_query_and_cached(
    anon_client, resources, django_assert_num_queries
):
    with django_assert_num_queries(1):
        anon_client.get(PART, {"zip": "02139", "miles": 10})
    assert anon_client.get(PART, {"zip": "02139", "miles": 10})["X-Directory-Cache"] == "hit"


def test_the_near_page_has_a_small_map_of_its_own_places(anon_client):
    from tests.directory.factories import OrganizationFactory

    OrganizationFactory(name="Cambridge Tenants Union", zip_code="02139", city="Cambridge")
    content = anon_client.get(NEAR, {"zip": "02139", "miles": 10}).content.decode()
    assert 'data-geojson-script="near-places"' in content
    data = content.split('id="near-places" type="application/json">')[1].split("</script>")[0]
    assert "Cambridge Tenants Union" in data
    assert "leaflet/leaflet.js" in content and "js/map.js" in content


def test_the_resources_part_is_reused_past_the_page_cache_until_a_directory_write(
    anon_client, resources, django_assert_num_queries
):
    first = anon_client.get(PART, {"zip": "02139", "miles": 10, "utm_source": "a"})
    assert "Cambridge tenant clinic" in first.content.decode()
    with django_assert_num_queries(0):
        again = anon_client.get(PART, {"zip": "02139-4307", "miles": 10, "utm_source": "b"})
    assert again.content == first.content
    ResourceFactory(title="Somerville legal aid", scope=Scope.LOCAL, state="MA", city="Somerville")
    fresh = anon_client.get(PART, {"zip": "02139", "miles": 10, "utm_source": "c"})
    assert "Somerville legal aid" in fresh.content.decode()


def test_the_kept_resources_part_follows_the_language(anon_client, resources):
    english = anon_client.get(PART, {"zip": "02139", "miles": 10}, HTTP_ACCEPT_LANGUAGE="en")
    spanish = anon_client.get(
        PART, {"zip": "02139", "miles": 10, "utm_source": "es"}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "all of Massachusetts" in english.content.decode()
    assert "all of Massachusetts" not in spanish.content.decode()
