"""Directory search: PostgreSQL full text on the stored vector, LIKE fallback elsewhere."""

import pytest

from directory import selectors
from directory.models import Leader, Organization, Resource
from tests.directory.factories import LeaderFactory, OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def leader_names(query: str) -> list[str]:
    return [
        leader.name
        for leader in selectors.leader_search(queryset=Leader.objects.all(), query=query)
    ]


@pytest.fixture
def postgres(settings):
    if not settings.IS_POSTGRES:
        pytest.skip("full-text search runs on PostgreSQL")
    return settings


@pytest.fixture
def sqlite_fallback(settings):
    """The embedded default has no search vector; force the LIKE fallback on any backend."""
    settings.IS_POSTGRES = False
    return settings


def test_search_text_is_cleaned_of_control_characters_and_bounded():
    assert selectors.search_text_clean("  a\x00b\tc\n ") == "a b c"
    assert len(selectors.search_text_clean("x" * 5000)) == selectors.SEARCH_MAX_LENGTH
    assert selectors.search_text_clean(None) == ""


def test_empty_search_changes_nothing():
    LeaderFactory.create_batch(2)
    assert len(leader_names("   ")) == 2


# --- PostgreSQL -------------------------------------------------------------------------------


def test_postgres_search_uses_the_vector_the_trigger_keeps_up_to_date(postgres):
    leader = LeaderFactory(name="Imani Okoro")
    assert leader_names("okoro") == ["Imani Okoro"]
    leader.name = "Imani Adeyemi"
    leader.save()
    assert leader_names("okoro") == []
    assert leader_names("adeyemi") == ["Imani Adeyemi"]


def test_postgres_search_ranks_name_matches_above_bio_matches(postgres):
    LeaderFactory(name="Aaron Bell", bio="Works with Marisol on housing.")
    LeaderFactory(name="Marisol Vega", bio="Tenant organizer.")
    assert leader_names("marisol") == ["Marisol Vega", "Aaron Bell"]


def test_postgres_search_finds_places(postgres):
    LeaderFactory(name="In Springfield", city="Springfield", state="IL")
    LeaderFactory(name="Elsewhere", city="Peoria", state="IL")
    assert leader_names("springfield") == ["In Springfield"]


def test_postgres_search_understands_web_search_syntax(postgres):
    LeaderFactory(name="Rosa Parks Jr", bio="Bus boycott history")
    LeaderFactory(name="Rosa Lee", bio="Community gardens")
    assert set(leader_names("rosa")) == {"Rosa Parks Jr", "Rosa Lee"}
    assert leader_names("rosa -gardens") == ["Rosa Parks Jr"]
    assert leader_names('"bus boycott"') == ["Rosa Parks Jr"]
    assert set(leader_names("boycott or gardens")) == {"Rosa Parks Jr", "Rosa Lee"}


def test_postgres_search_excludes_every_form_of_a_minus_word(postgres):
    OrganizationFactory(name="Green Acres", description="Community gardening in Tulsa.")
    OrganizationFactory(name="Tulsa Tenants", description="Tenant organizing in Tulsa.")
    found = selectors.organization_search(
        queryset=Organization.objects.all(), query="tulsa -gardening"
    )
    assert [o.name for o in found] == ["Tulsa Tenants"]
    phrase = selectors.organization_search(
        queryset=Organization.objects.all(), query='"tenant organizing" -"community gardening"'
    )
    assert [o.name for o in phrase] == ["Tulsa Tenants"]


def test_postgres_search_treats_a_hyphen_inside_quotes_as_part_of_the_phrase(postgres):
    LeaderFactory(name="Mary-Kate Olsen")
    assert leader_names('"mary -kate"') == ["Mary-Kate Olsen"]


def test_postgres_search_matches_word_forms_in_descriptions(postgres):
    OrganizationFactory(name="Tenant Power", description="We are organizing renters.")
    found = selectors.organization_search(
        queryset=Organization.objects.all(), query="organize renter"
    )
    assert [o.name for o in found] == ["Tenant Power"]


def test_postgres_search_finds_resources_by_title_and_description(postgres):
    ResourceFactory(title="Medicaid enrollment guide", description="Step by step.")
    ResourceFactory(title="Canvassing basics", description="Covers Medicaid expansion talk.")
    ResourceFactory(title="Unrelated", description="Nothing here.")
    found = selectors.resource_search(queryset=Resource.objects.all(), query="medicaid")
    assert [r.title for r in found] == ["Medicaid enrollment guide", "Canvassing basics"]


def test_postgres_search_handles_accented_names(postgres):
    LeaderFactory(name="José Nguyễn")
    assert leader_names("nguyễn") == ["José Nguyễn"]


def test_search_from_the_list_page_orders_best_match_first(postgres, anon_client):
    LeaderFactory(name="Aaron Bell", bio="Knows Marisol well.")
    LeaderFactory(name="Marisol Vega")
    response = anon_client.get("/directory/leaders/", {"q": "marisol"})
    assert [str(x) for x in response.context["page_obj"].object_list] == [
        "Marisol Vega",
        "Aaron Bell",
    ]


def test_search_combines_with_filters(anon_client):
    LeaderFactory(name="Dana Ohio", state="OH")
    LeaderFactory(name="Dana Texas", state="TX")
    response = anon_client.get("/directory/leaders/", {"q": "dana", "state": "TX"})
    assert [str(x) for x in response.context["page_obj"].object_list] == ["Dana Texas"]


# --- Fallback (SQLite) ------------------------------------------------------------------------


def test_fallback_search_matches_names_cities_and_descriptions(sqlite_fallback):
    LeaderFactory(name="Tomas Reyes", city="Albuquerque", bio="Teacher")
    LeaderFactory(name="Other Person", city="Santa Fe", bio="Knows Tomas")
    assert set(leader_names("tomas")) == {"Tomas Reyes", "Other Person"}
    assert leader_names("albuquerque") == ["Tomas Reyes"]
    organization = OrganizationFactory(name="Mesa Workers", description="A drywall union.")
    found = selectors.organization_search(queryset=Organization.objects.all(), query="drywall")
    assert list(found) == [organization]


def test_fallback_search_requires_every_word(sqlite_fallback):
    LeaderFactory(name="Tomas Reyes", city="Albuquerque")
    LeaderFactory(name="Tomas Vigil", city="Taos")
    assert leader_names("tomas taos") == ["Tomas Vigil"]


def test_fallback_search_ignores_web_search_syntax(sqlite_fallback):
    LeaderFactory(name="Tomas Reyes")
    assert leader_names('"tomas" -') == ["Tomas Reyes"]
    assert leader_names('""') == []


def test_fallback_search_serves_the_list_page(sqlite_fallback, anon_client):
    ResourceFactory(title="Poll watcher handbook")
    ResourceFactory(title="Grant calendar")
    response = anon_client.get("/directory/resources/", {"q": "poll handbook"})
    assert [str(x) for x in response.context["page_obj"].object_list] == ["Poll watcher handbook"]
