"""List pages: django-filter filters, bad input, pagination and shareable URLs."""

import re

import pytest

from directory.models import LeaderRole
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db

LIST_URLS = ["/directory/leaders/", "/directory/organizations/", "/directory/resources/"]


def names(response) -> list[str]:
    return [str(item) for item in response.context["page_obj"].object_list]


@pytest.fixture
def housing():
    return TopicFactory(slug="housing", name="Housing")


@pytest.fixture
def small_pages(settings):
    settings.DIRECTORY_PAGE_SIZE = 2


# --- Leaders ----------------------------------------------------------------------------------


def test_leaders_filter_by_state_and_city_ignoring_case(anon_client):
    LeaderFactory(name="In Dayton", city="Dayton", state="OH")
    LeaderFactory(name="In Columbus", city="Columbus", state="OH")
    LeaderFactory(name="In Dayton Nevada", city="Dayton", state="NV")
    response = anon_client.get("/directory/leaders/", {"state": "OH", "city": "  dayton "})
    assert names(response) == ["In Dayton"]


def test_leaders_filter_by_topic_and_role_slugs(anon_client, housing):
    role = LeaderRole.objects.get_or_create(slug="student", defaults={"name": "Student"})[0]
    LeaderFactory(name="Both", topics=[housing], roles=[role])
    LeaderFactory(name="Topic only", topics=[housing])
    LeaderFactory(name="Role only", roles=[role])
    response = anon_client.get("/directory/leaders/", {"topic": "housing", "role": "student"})
    assert names(response) == ["Both"]


def test_leaders_filter_by_area_type_and_lean(anon_client):
    LeaderFactory(name="Rural red", area_type="rural", area_lean="red")
    LeaderFactory(name="Rural purple", area_type="rural", area_lean="purple")
    LeaderFactory(name="Urban red", area_type="urban", area_lean="red")
    response = anon_client.get("/directory/leaders/", {"area_type": "rural", "area_lean": "red"})
    assert names(response) == ["Rural red"]


def test_leaders_filter_by_organization_shows_what_is_filtered(anon_client):
    organization = OrganizationFactory(name="Harbor Watch")
    AffiliationFactory(organization=organization, leader=LeaderFactory(name="Member of it"))
    LeaderFactory(name="Not a member")
    response = anon_client.get("/directory/leaders/", {"organization": organization.slug})
    assert names(response) == ["Member of it"]
    assert "Harbor Watch" in response.context["filter_summary"]
    assert f'name="organization" value="{organization.slug}"'.encode() in response.content


# --- Organizations ----------------------------------------------------------------------------


def test_organizations_filter_by_kind_scope_and_verification(anon_client):
    OrganizationFactory(name="Verified union", kind="union", scope="state", verified=True)
    OrganizationFactory(name="Unverified union", kind="union", scope="state", verified=False)
    OrganizationFactory(name="Local union", kind="union", scope="local", verified=True)
    OrganizationFactory(name="Faith group", kind="faith", scope="state", verified=True)
    response = anon_client.get(
        "/directory/organizations/", {"kind": "union", "scope": "state", "verified": "true"}
    )
    assert names(response) == ["Verified union"]
    response = anon_client.get("/directory/organizations/", {"verified": "false"})
    assert names(response) == ["Unverified union"]


def test_organizations_filter_by_topic_state_and_city(anon_client, housing):
    OrganizationFactory(name="Tucson housing", city="Tucson", state="AZ", topics=[housing])
    OrganizationFactory(name="Phoenix housing", city="Phoenix", state="AZ", topics=[housing])
    OrganizationFactory(name="Tucson other", city="Tucson", state="AZ")
    response = anon_client.get(
        "/directory/organizations/", {"topic": "housing", "state": "AZ", "city": "Tucson"}
    )
    assert names(response) == ["Tucson housing"]


# --- Resources --------------------------------------------------------------------------------


def test_resources_filter_by_topic_kind_and_scope(anon_client, housing):
    ResourceFactory(title="Housing funding", kind="funding", scope="state", topics=[housing])
    ResourceFactory(title="Housing toolkit", kind="toolkit", scope="state", topics=[housing])
    ResourceFactory(title="Other funding", kind="funding", scope="state")
    response = anon_client.get(
        "/directory/resources/", {"topic": "housing", "kind": "funding", "scope": "state"}
    )
    assert names(response) == ["Housing funding"]


def test_resources_for_a_state_include_national_ones(anon_client):
    ResourceFactory(title="Georgia guide", scope="state", state="GA")
    ResourceFactory(title="National guide", scope="national")
    ResourceFactory(title="Texas guide", scope="state", state="TX")
    response = anon_client.get("/directory/resources/", {"state": "GA"})
    assert names(response) == ["Georgia guide", "National guide"]


def test_resources_filter_by_provider(anon_client):
    provider = OrganizationFactory()
    ResourceFactory(title="Provided", provider=provider)
    ResourceFactory(title="Someone else's")
    response = anon_client.get("/directory/resources/", {"provider": provider.slug})
    assert names(response) == ["Provided"]


# --- Forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", LIST_URLS)
def test_every_filter_input_has_a_label(anon_client, url):
    content = anon_client.get(url).content.decode()
    form = content[content.index('<aside class="filters"') : content.index("</aside>")]
    ids = re.findall(r'<(?:input|select)[^>]*type="(?!hidden)[^"]*"[^>]*id="([^"]+)"', form)
    ids += re.findall(r'<select[^>]*id="([^"]+)"', form)
    assert ids
    for field_id in ids:
        assert f'<label for="{field_id}">' in form, field_id


def test_filter_form_keeps_the_chosen_values(anon_client, housing):
    response = anon_client.get("/directory/leaders/", {"state": "OH", "topic": "housing"})
    assert b'<option value="OH" selected>' in response.content
    assert b'<option value="housing" selected>' in response.content


def test_result_count_is_shown(anon_client):
    LeaderFactory.create_batch(3)
    assert b"3 leaders" in anon_client.get("/directory/leaders/").content


def test_no_results_says_so_and_offers_to_clear_filters(anon_client):
    response = anon_client.get("/directory/leaders/", {"state": "WY"})
    assert response.status_code == 200
    assert b"No leaders match these filters" in response.content
    assert b"Clear all filters" in response.content


# --- Bad input --------------------------------------------------------------------------------

BAD_CHOICES = [
    ("/directory/leaders/", "state", "ZZ", "is not a US state code we know"),
    ("/directory/leaders/", "area_type", "space", "is not an area type"),
    ("/directory/leaders/", "area_lean", "green", "is not an area lean"),
    ("/directory/leaders/", "topic", "no-such-topic", "There is no topic"),
    ("/directory/leaders/", "role", "astronaut", "There is no role"),
    ("/directory/leaders/", "organization", "no-such-org", "There is no organization"),
    ("/directory/organizations/", "kind", "club", "is not a kind of organization"),
    ("/directory/organizations/", "scope", "galactic", "is not a scope"),
    ("/directory/organizations/", "verified", "maybe", "is not a verification choice"),
    ("/directory/organizations/", "topic", "no-such-topic", "There is no topic"),
    ("/directory/resources/", "kind", "vibes", "is not a kind of resource"),
    ("/directory/resources/", "scope", "galactic", "is not a scope"),
    ("/directory/resources/", "state", "<b>XX</b>", "is not a US state code we know"),
    ("/directory/resources/", "topic", "no-such-topic", "There is no topic"),
]


@pytest.mark.parametrize(("url", "param", "value", "message"), BAD_CHOICES)
def test_unknown_filter_values_answer_400_with_a_clear_message_and_no_results(
    anon_client, url, param, value, message
):
    LeaderFactory()
    OrganizationFactory()
    ResourceFactory()
    response = anon_client.get(url, {param: value})
    assert response.status_code == 400
    assert message.encode() in response.content
    assert b"We could not use these filters" in response.content
    assert b'class="results"' not in response.content
    assert b"<b>XX</b>" not in response.content


def test_several_bad_filters_are_all_reported(anon_client):
    response = anon_client.get("/directory/leaders/", {"state": "ZZ", "topic": "nope"})
    assert response.status_code == 400
    assert len(response.context["filter_errors"]) == 2


def test_repeated_parameters_do_not_break_the_page(anon_client):
    response = anon_client.get("/directory/leaders/?state=OH&state=MA&q=a&q=b")
    assert response.status_code == 200


JUNK_QUERIES = [
    '"unterminated quote',
    "'; DROP TABLE directory_leader; --",
    "a & b | !c <-> (d:*)",
    "-",
    "OR OR OR",
    "\"\" '' ()",
    "Nguyễn São Paulo 東京 🚀",
    "x" * 5000,
    "word " * 1000,
    "%_%\\",
]


@pytest.mark.parametrize("query", JUNK_QUERIES)
@pytest.mark.parametrize("url", [*LIST_URLS, "/directory/"])
def test_junk_in_the_search_box_never_breaks_a_page(anon_client, url, query):
    LeaderFactory(name="Nguyễn Van An")
    response = anon_client.get(url, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("url", [*LIST_URLS, "/directory/"])
def test_a_nul_byte_in_the_search_box_is_a_clear_400(anon_client, url):
    response = anon_client.get(url, {"q": "nul\x00byte"})
    assert response.status_code == 400
    assert b"cannot be stored" in response.content


# --- Pagination -------------------------------------------------------------------------------


def test_pages_follow_a_stable_order_by_name_then_id(anon_client, small_pages):
    same = [LeaderFactory(name="Sam Same") for _ in range(3)]
    LeaderFactory(name="Abe First")
    first = names(anon_client.get("/directory/leaders/"))
    second = anon_client.get("/directory/leaders/", {"page": 2}).context["page_obj"].object_list
    assert first == ["Abe First", "Sam Same"]
    assert [leader.pk for leader in second] == [same[1].pk, same[2].pk]


def test_pagination_links_keep_the_filters(anon_client, small_pages, housing):
    for _n in range(5):
        ResourceFactory(topics=[housing], kind="toolkit")
    response = anon_client.get("/directory/resources/", {"topic": "housing", "kind": "toolkit"})
    content = response.content.decode()
    assert 'href="?topic=housing&amp;kind=toolkit&amp;page=2"' in content
    assert "Showing 1–2 of 5" in content
    last = anon_client.get(
        "/directory/resources/", {"topic": "housing", "kind": "toolkit", "page": 3}
    )
    assert len(last.context["page_obj"].object_list) == 1
    assert 'href="?topic=housing&amp;kind=toolkit&amp;page=2" rel="prev"' in last.content.decode()


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("9", b"There is no page 9; these results have 3 page(s)."),
        ("0", b"There is no page 0"),
        ("-1", "“-1” is not a page number.".encode()),
        ("abc", "“abc” is not a page number.".encode()),
        ("2.5", "“2.5” is not a page number.".encode()),
        ("٣", "“٣” is not a page number.".encode()),
        ("9" * 40, b"There is no page 999999999999"),
    ],
)
@pytest.mark.parametrize("url", LIST_URLS)
def test_pages_that_do_not_exist_answer_404_with_a_message(
    anon_client, small_pages, url, page, message
):
    LeaderFactory.create_batch(5)
    OrganizationFactory.create_batch(5)
    ResourceFactory.create_batch(5)
    response = anon_client.get(url, {"page": page})
    assert response.status_code == 404
    assert message in response.content
    assert b"Go to the first page of these results" in response.content


def test_an_empty_list_still_has_a_first_page(anon_client):
    response = anon_client.get("/directory/organizations/", {"page": "1"})
    assert response.status_code == 200
