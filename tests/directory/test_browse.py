"""The public directory pages: overview, detail pages, visibility, privacy and escaping."""

import re

import pytest
from django.urls import Resolver404, resolve

from directory.models import Leader
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db

ROLE_CLIENTS = ["anon_client", "member_client", "organizer_client", "staff_client"]


@pytest.fixture
def voting():
    return TopicFactory(slug="voting-elections", name="Voting and elections", featured=True)


@pytest.fixture
def directory_rows(voting):
    organization = OrganizationFactory(name="Riverside Tenants Union", topics=[voting])
    leader = LeaderFactory(name="Ada Quinones", topics=[voting], bio="Registers voters.")
    AffiliationFactory(leader=leader, organization=organization, role_title="Chapter lead")
    resource = ResourceFactory(title="Poll worker recruiting kit", provider=organization)
    resource.topics.add(voting)
    return {"leader": leader, "organization": organization, "resource": resource}


def h1_count(response) -> int:
    return len(re.findall(rb"<h1[ >]", response.content))


def page_urls(rows) -> list[str]:
    return [
        "/directory/",
        "/directory/?q=riverside",
        "/directory/leaders/",
        "/directory/organizations/",
        "/directory/resources/",
        rows["leader"].get_absolute_url(),
        rows["organization"].get_absolute_url(),
        rows["resource"].get_absolute_url(),
    ]


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_every_directory_page_renders_for_every_role_with_one_h1(
    request, client_name, directory_rows
):
    client = request.getfixturevalue(client_name)
    for url in page_urls(directory_rows):
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url
        assert b'aria-label="Breadcrumb"' in response.content, url


def test_detail_pages_have_descriptive_titles(anon_client, directory_rows):
    leader_page = anon_client.get(directory_rows["leader"].get_absolute_url())
    assert b"<title>Ada Quinones \xc2\xb7 Leader in Cambridge" in leader_page.content
    org_page = anon_client.get(directory_rows["organization"].get_absolute_url())
    assert b"<title>Riverside Tenants Union \xc2\xb7 Local group" in org_page.content


# --- Overview ---------------------------------------------------------------------------------


def test_overview_without_search_puts_voting_resources_one_click_away(anon_client, voting):
    response = anon_client.get("/directory/")
    assert b'href="/directory/resources/?topic=voting-elections"' in response.content


def test_voting_resources_link_lists_only_voting_resources(anon_client, voting):
    ResourceFactory(title="Ballot access explainer", topics=[voting])
    ResourceFactory(title="Rent strike handbook")
    response = anon_client.get("/directory/resources/?topic=voting-elections")
    assert b"Ballot access explainer" in response.content
    assert b"Rent strike handbook" not in response.content


def test_overview_without_search_shows_counts_and_kinds(anon_client, directory_rows):
    OrganizationFactory(kind="union", name="Bakers Local 12")
    response = anon_client.get("/directory/")
    content = response.content.decode()
    assert response.context["summary"]["organization_count"] == 2
    assert 'href="/directory/organizations/?kind=union"' in content
    assert 'href="/directory/resources/?kind=toolkit"' in content


def test_overview_search_groups_results_by_kind_with_see_all_links(anon_client, directory_rows):
    for n in range(7):
        OrganizationFactory(name=f"Riverside Mutual Aid {n}")
    response = anon_client.get("/directory/?q=riverside")
    results = response.context["results"]
    assert results["organizations"]["count"] == 8
    assert len(results["organizations"]["top"]) == 5
    assert b'href="/directory/organizations/?q=riverside"' in response.content
    assert b"See all 8 matching organizations" in response.content


def test_overview_search_offers_matching_topics(anon_client, voting):
    response = anon_client.get("/directory/?q=voting")
    assert b'href="/directory/resources/?topic=voting-elections"' in response.content


def test_overview_search_counts_only_leaders_the_visitor_may_see(anon_client, member_client):
    LeaderFactory(name="Bo Okafor", visibility="public")
    LeaderFactory(name="Bo Lindqvist", visibility="members")
    assert anon_client.get("/directory/?q=bo").context["results"]["leaders"]["count"] == 1
    assert member_client.get("/directory/?q=bo").context["results"]["leaders"]["count"] == 2


def test_overview_see_all_link_keeps_special_characters_of_the_query(anon_client):
    LeaderFactory(name="Ana Bell #1")
    response = anon_client.get("/directory/", {"q": "ana bell & #1"})
    assert response.context["results"]["leaders"]["count"] == 1
    assert b"/directory/leaders/?q=ana%20bell%20%26%20%231" in response.content


# --- Leader visibility ------------------------------------------------------------------------

VISIBILITY_CASES = [
    ("anon_client", "public", True),
    ("anon_client", "members", False),
    ("anon_client", "organizers", False),
    ("member_client", "public", True),
    ("member_client", "members", True),
    ("member_client", "organizers", False),
    ("organizer_client", "organizers", True),
    ("staff_client", "organizers", True),
]


@pytest.mark.parametrize(("client_name", "visibility", "visible"), VISIBILITY_CASES)
def test_leader_detail_respects_visibility(request, client_name, visibility, visible):
    client = request.getfixturevalue(client_name)
    leader = LeaderFactory(name="Vera Visibility", visibility=visibility)
    response = client.get(leader.get_absolute_url())
    assert response.status_code == (200 if visible else 404)
    assert (b"Vera Visibility" in response.content) is visible


@pytest.mark.parametrize(("client_name", "visibility", "visible"), VISIBILITY_CASES)
def test_leader_list_respects_visibility(request, client_name, visibility, visible):
    client = request.getfixturevalue(client_name)
    LeaderFactory(name="Vera Visibility", visibility=visibility)
    response = client.get("/directory/leaders/")
    assert (b"Vera Visibility" in response.content) is visible


def _same_page(content: bytes) -> bytes:
    """The page without the language switcher's return path (the URL asked for, echoed back)."""
    return re.sub(rb'name="next" value="[^"]*"', b'name="next" value=""', content)


def test_hidden_leader_page_looks_like_a_missing_one(anon_client):
    hidden = LeaderFactory(visibility="members")
    hidden_response = anon_client.get(hidden.get_absolute_url())
    missing_response = anon_client.get("/directory/leaders/nobody-by-this-name/")
    assert hidden_response.status_code == missing_response.status_code == 404
    assert _same_page(hidden_response.content) == _same_page(missing_response.content)


def test_organization_page_lists_only_affiliated_leaders_the_viewer_may_see(
    anon_client, member_client
):
    organization = OrganizationFactory()
    AffiliationFactory(organization=organization, leader=LeaderFactory(name="Pia Public"))
    AffiliationFactory(
        organization=organization, leader=LeaderFactory(name="Mo Members", visibility="members")
    )
    anon_page = anon_client.get(organization.get_absolute_url()).content
    member_page = member_client.get(organization.get_absolute_url()).content
    assert b"Pia Public" in anon_page and b"Mo Members" not in anon_page
    assert b"Pia Public" in member_page and b"Mo Members" in member_page


# --- Privacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_leader_email_phone_and_zip_never_appear_on_directory_pages(
    request, client_name, directory_rows
):
    client = request.getfixturevalue(client_name)
    leader = directory_rows["leader"]
    leader.zip_code = "02139"
    leader.save()
    urls = [*page_urls(directory_rows), "/directory/?q=ada", "/directory/leaders/?q=ada"]
    for url in urls:
        content = client.get(url).content.decode()
        assert leader.email not in content, url
        assert leader.phone not in content, url
        assert "02139" not in content, url


def test_organization_public_contact_is_shown(anon_client):
    organization = OrganizationFactory(
        public_email="hello@riverside.example.org", public_phone="555-0100"
    )
    content = anon_client.get(organization.get_absolute_url()).content
    assert b'href="mailto:hello@riverside.example.org"' in content
    assert b"555-0100" in content


# --- Leader detail ----------------------------------------------------------------------------


def test_leader_detail_shows_place_area_roles_topics_and_affiliations(anon_client, voting):
    from directory.models import LeaderRole

    role = LeaderRole.objects.get_or_create(slug="faith-leader", defaults={"name": "Faith leader"})[
        0
    ]
    leader = LeaderFactory(
        city="Dayton",
        state="OH",
        area_type="suburban",
        area_lean="purple",
        topics=[voting],
        roles=[role],
    )
    AffiliationFactory(
        leader=leader, organization=OrganizationFactory(name="Dayton Votes"), role_title="Captain"
    )
    content = anon_client.get(leader.get_absolute_url()).content.decode()
    assert "Dayton, Ohio" in content
    assert "Suburban, leans purple" in content
    assert "Faith leader" in content
    assert "Voting and elections" in content
    assert "Dayton Votes" in content and "Captain" in content


def test_leader_bio_keeps_line_breaks(anon_client):
    leader = LeaderFactory(bio="First line\nSecond line")
    assert b"First line<br>Second line" in anon_client.get(leader.get_absolute_url()).content


def test_members_see_a_send_a_message_link(member_client):
    leader = LeaderFactory()
    response = member_client.get(leader.get_absolute_url())
    assert f'href="/directory/leaders/{leader.slug}/contact/"'.encode() in response.content


def test_anonymous_visitors_are_invited_to_sign_in_instead_of_messaging(anon_client):
    leader = LeaderFactory()
    response = anon_client.get(leader.get_absolute_url())
    assert b"/contact/" not in response.content
    assert b"Sign in to send a message" in response.content


def test_a_leader_viewing_their_own_page_gets_an_edit_link_not_a_message_link(
    member_client, member_user
):
    own = Leader.objects.get(user=member_user)
    response = member_client.get(own.get_absolute_url())
    assert b"/contact/" not in response.content
    assert b'href="/me/"' in response.content


# --- Organization and resource detail ---------------------------------------------------------


def test_organization_detail_shows_parent_chapters_resources_and_verification(anon_client):
    national = OrganizationFactory(name="Votes Forward National", kind="national", verified=True)
    chapter = OrganizationFactory(
        name="Votes Forward Tucson", kind="chapter", parent=national, verified=False
    )
    ResourceFactory(title="Letter writing kit", provider=national)
    national_page = anon_client.get(national.get_absolute_url()).content.decode()
    assert "Votes Forward Tucson" in national_page
    assert "Letter writing kit" in national_page
    assert "Verified partner" in national_page
    chapter_page = anon_client.get(chapter.get_absolute_url()).content.decode()
    assert f'href="{national.get_absolute_url()}"' in chapter_page
    assert "Not yet verified" in chapter_page


def test_organization_detail_links_to_all_leaders_when_there_are_many(anon_client, settings):
    from directory import selectors

    organization = OrganizationFactory()
    for _n in range(selectors.DETAIL_LIST_LIMIT + 1):
        AffiliationFactory(organization=organization)
    content = anon_client.get(organization.get_absolute_url()).content.decode()
    assert f"/directory/leaders/?organization={organization.slug}" in content
    listed = anon_client.get(f"/directory/leaders/?organization={organization.slug}")
    assert listed.context["paginator"].count == selectors.DETAIL_LIST_LIMIT + 1


def test_resource_detail_shows_kind_topics_provider_scope_and_link(anon_client, voting):
    provider = OrganizationFactory(name="Ohio Voter Fund")
    resource = ResourceFactory(
        title="Precinct captain training",
        kind="training",
        scope="state",
        state="OH",
        url="https://training.example.org/precinct",
        provider=provider,
        topics=[voting],
    )
    content = anon_client.get(resource.get_absolute_url()).content.decode()
    assert "Training" in content
    assert "Voting and elections" in content
    assert f'href="{provider.get_absolute_url()}"' in content
    assert "Ohio" in content
    assert 'href="https://training.example.org/precinct"' in content


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi"])
def test_links_that_are_not_web_addresses_are_not_made_clickable(anon_client, url):
    resource = ResourceFactory(url=url)
    organization = OrganizationFactory(website=url)
    for page in (resource.get_absolute_url(), organization.get_absolute_url()):
        assert f'href="{url}"'.encode() not in anon_client.get(page).content


@pytest.mark.parametrize(
    "url",
    ["/directory/leaders/nope/", "/directory/organizations/nope/", "/directory/resources/nope/"],
)
def test_unknown_slugs_answer_404_with_a_helpful_page(anon_client, url):
    response = anon_client.get(url)
    assert response.status_code == 404
    assert b"find that page" in response.content
    assert h1_count(response) == 1


# --- Script injection -------------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"


@pytest.mark.parametrize("client_name", ["anon_client", "member_client"])
def test_script_in_names_bios_and_descriptions_is_escaped_everywhere(request, client_name):
    client = request.getfixturevalue(client_name)
    topic = TopicFactory(slug="xss-topic", name=f"Topic {SCRIPT}")
    organization = OrganizationFactory(
        name=f"Org {SCRIPT}", description=f"About {SCRIPT}", topics=[topic]
    )
    chapter = OrganizationFactory(name=f"Chapter {SCRIPT}", parent=organization)
    leader = LeaderFactory(name=f"Leader {SCRIPT}", bio=f"Bio {SCRIPT}", topics=[topic])
    AffiliationFactory(leader=leader, organization=organization, role_title=f"Role {SCRIPT}")
    resource = ResourceFactory(
        title=f"Resource {SCRIPT}",
        description=f"Text {SCRIPT}",
        provider=organization,
        topics=[topic],
    )
    urls = [
        "/directory/",
        "/directory/?q=script",
        f"/directory/?q={SCRIPT}",
        "/directory/leaders/",
        "/directory/organizations/",
        "/directory/resources/",
        f"/directory/leaders/?q={SCRIPT}",
        leader.get_absolute_url(),
        organization.get_absolute_url(),
        chapter.get_absolute_url(),
        resource.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<script>alert" not in response.content, url
    assert b"&lt;script&gt;" in client.get(leader.get_absolute_url()).content


# --- Home page --------------------------------------------------------------------------------


def test_every_link_on_the_home_page_resolves_and_directory_links_load(anon_client, voting):
    home = anon_client.get("/")
    assert home.status_code == 200
    links = set(re.findall(r'href="(/[^"]*)"', home.content.decode()))
    assert "/directory/" in links
    for link in links:
        path = link.split("?")[0]
        if path.startswith("/static/"):
            continue
        try:
            match = resolve(path)
        except Resolver404:
            pytest.fail(f"home page link {link} does not resolve")
        if match.func.__module__ == "directory.views.browse":
            assert anon_client.get(link.replace("&amp;", "&")).status_code == 200, link
