"""Cached cards, filter sidebars and counts of the list pages: fresh, private-safe, optional."""

import itertools
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import fragments, selectors
from directory.cache import CACHE_HIT_HEADER, directory_cache_bump
from directory.models import Leader, LeaderRole, Resource
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db

LEADERS = "/directory/leaders/"
ORGANIZATIONS = "/directory/organizations/"
RESOURCES = "/directory/resources/"
_fresh_numbers = itertools.count()


def fresh(url: str) -> str:
    """`url` with a parameter no filter knows: the page cache misses, its parts do not."""
    return f"{url}{'&' if '?' in url else '?'}utm_campaign=t{next(_fresh_numbers)}"


def cached_fragments() -> dict[str, object]:
    """Every directory part in the cache (cards, sidebars, counts), by key without prefix."""
    client = cache._cache.get_client()
    pattern = cache.make_key("directory:*")
    prefix_length = len(cache.make_key(""))
    keys = [key.decode()[prefix_length:] for key in client.scan_iter(match=pattern)]
    parts = (fragments.CARD_PREFIX, fragments.SIDEBAR_PREFIX, fragments.COUNT_PREFIX)
    return cache.get_many([key for key in keys if key.startswith(parts)])


def count_of(response) -> int:
    assert response.status_code == 200
    return response.context["paginator"].count


def shown(response) -> list[str]:
    return [str(row) for row in response.context["page_obj"].object_list]


@pytest.fixture
def leader():
    return LeaderFactory(name="Cora Card")


@pytest.fixture
def small_pages(settings):
    settings.DIRECTORY_PAGE_SIZE = 2


# --- Reuse ------------------------------------------------------------------------------------


def _same_page(content: bytes) -> bytes:
    """The page without the language switcher's return path (the URL asked for, echoed back)."""
    return re.sub(rb'name="next" value="[^"]*"', b'name="next" value=""', content)


def test_a_page_cache_miss_reuses_cached_cards_sidebar_and_count(
    anon_client, leader, django_assert_num_queries
):
    first = anon_client.get(LEADERS)
    # The page's row keys too: the same for every visitor who is not signed in.
    with django_assert_num_queries(0):
        second = anon_client.get(fresh(LEADERS))
    assert second.get(CACHE_HIT_HEADER) == "miss"
    assert _same_page(second.content) == _same_page(first.content)


def test_a_signed_in_visitor_runs_the_list_query_each_time(member_client, leader):
    """Someone signed in may see their own hidden profile: their page's rows are never the
    ones kept for visitors who are not signed in."""
    member_client.get(LEADERS)
    with CaptureQueriesContext(connection) as captured:
        member_client.get(fresh(LEADERS))
    assert any('FROM "directory_leader"' in query["sql"] for query in captured.captured_queries)


def test_each_page_of_a_list_keeps_its_own_rows(anon_client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    names = [f"Pat Page{number}" for number in range(5)]
    for name in names:
        LeaderFactory(name=name)
    pages = {}
    for page in ("1", "2", "3"):
        anon_client.get(f"{LEADERS}?page={page}")
        pages[page] = anon_client.get(fresh(f"{LEADERS}?page={page}")).content.decode()
    for page, content in pages.items():
        shown = [name for name in names if name in content]
        assert len(shown) == (1 if page == "3" else 2), page
    assert not {n for n in names if n in pages["1"]} & {n for n in names if n in pages["2"]}


def test_a_leader_hidden_since_leaves_the_kept_rows(anon_client, leader):
    anon_client.get(LEADERS)
    leader.visibility = "members"
    leader.save()  # bumps the directory version, which every kept part's key carries
    assert "Cora Card" not in anon_client.get(fresh(LEADERS)).content.decode()


def test_signed_in_visitors_share_the_cards_but_not_the_pages(anon_client, member_client, leader):
    anon_client.get(LEADERS)
    cards = [v for k, v in cached_fragments().items() if k.startswith(fragments.CARD_PREFIX)]
    assert len(cards) == 1 and "Cora Card" in cards[0]
    response = member_client.get(LEADERS)
    assert response.get(CACHE_HIT_HEADER) is None
    assert cards[0] in response.content.decode()


def test_each_language_renders_its_own_cards(anon_client, leader):
    anon_client.get(LEADERS, HTTP_ACCEPT_LANGUAGE="en")
    anon_client.get(fresh(LEADERS), HTTP_ACCEPT_LANGUAGE="es")
    cards = [key for key in cached_fragments() if key.startswith(fragments.CARD_PREFIX)]
    assert {key.split(":")[4] for key in cards} == {"en", "es"}


# --- Changes show on the next request ----------------------------------------------------------


@pytest.fixture(params=["anonymous", "member"])
def viewer(request):
    """Anonymous visitors on a URL the page cache has not seen, and signed-in members."""
    client = request.getfixturevalue(
        "anon_client" if request.param == "anonymous" else "member_client"
    )
    return lambda url: client.get(fresh(url))


def test_renaming_a_leader_shows_on_the_next_list_request(viewer, leader):
    assert b"Cora Card" in viewer(LEADERS).content
    leader.name = "Cora Renamed"
    leader.save()
    content = viewer(LEADERS).content
    assert b"Cora Renamed" in content and b"Cora Card" not in content


def test_adding_and_removing_a_topic_shows_on_the_next_list_request(viewer, leader):
    topic = TopicFactory(name="Transit equity", slug="transit-equity")
    tag = b'<a class="tag" href="/directory/leaders/?topic=transit-equity">Transit equity</a>'
    viewer(LEADERS)
    leader.topics.add(topic)
    assert tag in viewer(LEADERS).content
    leader.topics.remove(topic)
    assert tag not in viewer(LEADERS).content


def test_a_new_affiliation_and_a_renamed_organization_show_on_leader_cards(viewer, leader):
    organization = OrganizationFactory(name="Harbor Watch")
    viewer(LEADERS)
    AffiliationFactory(leader=leader, organization=organization, role_title="Co-chair")
    assert b"Co-chair, Harbor Watch" in viewer(LEADERS).content
    organization.name = "Harbor Guard"
    organization.save()
    assert b"Co-chair, Harbor Guard" in viewer(LEADERS).content


def test_a_new_or_renamed_role_shows_on_the_next_list_request(viewer, leader):
    role = LeaderRole.objects.create(slug="bus-driver", name="Bus driver")
    viewer(LEADERS)
    leader.roles.add(role)
    assert b"Bus driver" in viewer(LEADERS).content
    role.name = "Transit operator"
    role.save()
    assert b"Transit operator" in viewer(LEADERS).content


def test_organization_changes_show_on_the_organization_list(viewer):
    organization = OrganizationFactory(name="Before Name", verified=False)
    viewer(ORGANIZATIONS)
    organization.name = "After Name"
    organization.verified = True
    organization.save()
    content = viewer(ORGANIZATIONS).content.decode()
    assert "After Name" in content and "Before Name" not in content
    assert '<span class="badge">Verified</span>' in content


def test_resource_changes_and_deletions_show_on_the_resource_list(viewer):
    resource = ResourceFactory(title="Old guide title")
    other = ResourceFactory(title="Soon deleted")
    viewer(RESOURCES)
    resource.title = "New guide title"
    resource.save()
    other.delete()
    content = viewer(RESOURCES).content
    assert b"New guide title" in content
    assert b"Old guide title" not in content and b"Soon deleted" not in content


def test_bulk_writes_show_after_directory_cache_bump(viewer):
    ResourceFactory(title="Bulk before")
    viewer(RESOURCES)
    Resource.objects.update(title="Bulk after")  # no signals: the caller bumps
    directory_cache_bump()
    assert b"Bulk after" in viewer(RESOURCES).content


# --- Visibility and counts ----------------------------------------------------------------------


def test_a_leader_made_organizers_only_leaves_the_anonymous_list_and_count(anon_client, leader):
    LeaderFactory(name="Pat Public")
    before = anon_client.get(fresh(LEADERS))
    assert count_of(before) == 2 and "Cora Card" in shown(before)
    leader.visibility = Leader.Visibility.ORGANIZERS
    leader.save(update_fields=["visibility"])
    for url in (LEADERS, fresh(LEADERS)):
        after = anon_client.get(url)
        assert count_of(after) == 1
        assert shown(after) == ["Pat Public"]
        assert b"Cora Card" not in after.content


@pytest.mark.parametrize("first", ["anon_client", "member_client", "organizer_client"])
def test_each_kind_of_viewer_gets_its_own_count_whoever_came_first(request, first):
    LeaderFactory.create_batch(3, visibility=Leader.Visibility.PUBLIC)
    LeaderFactory.create_batch(2, visibility=Leader.Visibility.MEMBERS)
    LeaderFactory.create_batch(1, visibility=Leader.Visibility.ORGANIZERS)
    # member_client adds its own members-only profile (Mara Member).
    clients = {
        name: request.getfixturevalue(name)
        for name in ("anon_client", "member_client", "organizer_client")
    }
    expected = {"anon_client": 3, "member_client": 6, "organizer_client": 7}
    order = [first, *(name for name in clients if name != first)]
    for _round in range(2):  # the second round is answered from the cached counts
        for name in order:
            response = clients[name].get(fresh(LEADERS + "?state=MA"))
            assert count_of(response) == expected[name], name
            assert len(shown(response)) == expected[name]


def test_counts_follow_the_filters(anon_client):
    LeaderFactory.create_batch(2, state="OH", city="Dayton")
    LeaderFactory(state="MA")
    assert count_of(anon_client.get(fresh(LEADERS + "?state=OH"))) == 2
    assert count_of(anon_client.get(fresh(LEADERS + "?state=MA"))) == 1
    assert count_of(anon_client.get(fresh(LEADERS + "?state=OH&city=dayton"))) == 2
    assert count_of(anon_client.get(fresh(LEADERS))) == 3


def test_a_page_past_the_end_is_refused_with_a_cached_count(anon_client, small_pages):
    LeaderFactory.create_batch(3)
    assert anon_client.get(fresh(LEADERS + "?page=2")).status_code == 200
    response = anon_client.get(fresh(LEADERS + "?page=3"))
    assert response.status_code == 404
    assert b"There is no page 3" in response.content


# --- The sidebar --------------------------------------------------------------------------------


def test_the_sidebar_shows_the_values_of_each_request(anon_client):
    TopicFactory(slug="housing", name="Housing")
    first = anon_client.get(fresh(LEADERS + "?state=OH&topic=housing&city=Dayton")).content
    assert b'<option value="OH" selected>' in first
    assert b'<option value="housing" selected>' in first
    assert b'value="Dayton"' in first
    second = anon_client.get(fresh(LEADERS + "?state=NY")).content
    assert b'<option value="NY" selected>' in second
    assert b'<option value="OH" selected>' not in second
    assert b'<option value="housing" selected>' not in second
    assert b'value="Dayton"' not in second


def test_unrelated_query_parameters_share_one_sidebar(anon_client):
    for _n in range(3):
        anon_client.get(fresh(LEADERS + "?state=OH"))
    anon_client.get(LEADERS + "?state=OH&page=1")
    sidebars = [k for k in cached_fragments() if k.startswith(fragments.SIDEBAR_PREFIX)]
    assert len(sidebars) == 1


def test_the_sidebar_lists_a_new_topic_on_the_next_request(anon_client):
    anon_client.get(fresh(LEADERS))
    TopicFactory(slug="water-rights", name="Water rights")
    assert b'<option value="water-rights">Water rights</option>' in (
        anon_client.get(fresh(LEADERS)).content
    )


def test_an_invalid_filter_is_shown_in_the_sidebar_and_never_cached(anon_client):
    response = anon_client.get(fresh(LEADERS + "?state=ZZ"))
    assert response.status_code == 400
    assert b"is not a US state code we know" in response.content
    assert not [k for k in cached_fragments() if k.startswith(fragments.SIDEBAR_PREFIX)]


# --- Privacy ------------------------------------------------------------------------------------


def test_cached_fragments_hold_nothing_private_or_personal(staff_client, anon_client):
    LeaderFactory(
        name="Priya Private",
        email="priya.secret@example.org",
        phone="617-555-0199",
        bio="Secret bio sentence.",
        visibility=Leader.Visibility.ORGANIZERS,
    )
    staff = staff_client.get(fresh(LEADERS))
    assert b"Priya Private" in staff.content and b"Staff admin" in staff.content
    anon_client.get(fresh(LEADERS))
    parts = cached_fragments()
    cards = [v for k, v in parts.items() if k.startswith(fragments.CARD_PREFIX)]
    assert any("Priya Private" in card for card in cards)
    for value in parts.values():
        text = str(value)
        for secret in ("priya.secret@example.org", "617-555-0199", "Secret bio sentence."):
            assert secret not in text
        for personal in ("Staff admin", "Sign out", "csrfmiddlewaretoken", "Sam Staff"):
            assert personal not in text


def test_a_hidden_leaders_cached_card_is_never_shown_to_those_who_may_not_see_them(
    organizer_client, anon_client, member_client
):
    LeaderFactory(name="Olga Organizers", visibility=Leader.Visibility.ORGANIZERS)
    assert b"Olga Organizers" in organizer_client.get(fresh(LEADERS)).content
    assert b"Olga Organizers" not in anon_client.get(fresh(LEADERS)).content
    assert b"Olga Organizers" not in member_client.get(fresh(LEADERS)).content


# --- The cache is optional ----------------------------------------------------------------------


def test_list_pages_render_when_the_cache_is_down(anon_client, member_client, leader):
    down = ConnectionError("cache down")
    with mock.patch.multiple(
        cache,
        get=mock.Mock(side_effect=down),
        get_many=mock.Mock(side_effect=down),
        set=mock.Mock(side_effect=down),
        set_many=mock.Mock(side_effect=down),
        add=mock.Mock(side_effect=down),
        incr=mock.Mock(side_effect=down),
    ):
        for client in (anon_client, member_client):
            for url in (LEADERS, ORGANIZATIONS, RESOURCES, LEADERS + "?state=MA&q=cora"):
                response = client.get(url)
                assert response.status_code == 200, url
            assert b"Cora Card" in client.get(LEADERS).content
        leader.name = "Saved while down"
        leader.save()
        assert b"Saved while down" in anon_client.get(LEADERS).content


def test_list_pages_render_with_no_cache_at_all(settings, anon_client, leader):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _n in range(2):
        response = anon_client.get(LEADERS)
        assert response.status_code == 200
        assert response.get(CACHE_HIT_HEADER) is None
        assert shown(response) == ["Cora Card"]
        assert b"Cora Card" in response.content


def test_a_row_deleted_between_the_list_query_and_its_card_is_left_out():
    gone = ResourceFactory(title="Gone")
    ResourceFactory(title="Kept")
    rows = list(Resource.objects.only("id", "title").order_by("title"))  # the page query
    Resource.objects.filter(pk=gone.pk).delete()
    cards, new = fragments.cards_for_page(
        kind=fragments.RESOURCE_CARD,
        rows=rows,
        load=lambda pks: selectors.resource_list().filter(pk__in=pks),
        version=1,
    )
    assert len(cards) == 1 and "Kept" in cards[0]
    assert len(new) == 1


def test_something_else_under_a_fragment_key_is_never_output(anon_client, leader):
    anon_client.get(LEADERS)
    for key in cached_fragments():
        if key.startswith((fragments.CARD_PREFIX, fragments.SIDEBAR_PREFIX)):
            cache.set(key, "<script>alert(1)</script>")
    response = anon_client.get(fresh(LEADERS))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"Cora Card" in response.content


# --- The overview's summary -------------------------------------------------------------------


@pytest.mark.parametrize("first", ["anon_client", "member_client", "organizer_client"])
def test_each_kind_of_viewer_gets_its_own_overview_totals_whoever_came_first(request, first):
    LeaderFactory.create_batch(3, visibility=Leader.Visibility.PUBLIC)
    LeaderFactory.create_batch(2, visibility=Leader.Visibility.MEMBERS)
    LeaderFactory.create_batch(1, visibility=Leader.Visibility.ORGANIZERS)
    clients = {
        name: request.getfixturevalue(name)
        for name in ("anon_client", "member_client", "organizer_client")
    }
    expected = {"anon_client": 3, "member_client": 6, "organizer_client": 7}
    order = [first, *(name for name in clients if name != first)]
    for _round in range(2):  # the second round is answered from the cached summaries
        for name in order:
            response = clients[name].get(fresh("/directory/"))
            assert response.context["summary"]["leader_count"] == expected[name], name


def test_the_overview_totals_follow_a_change_on_the_next_request(anon_client, leader):
    ResourceFactory(kind=Resource.Kind.TOOLKIT)
    before = anon_client.get(fresh("/directory/")).context["summary"]
    assert (before["leader_count"], before["resource_count"]) == (1, 1)
    leader.visibility = Leader.Visibility.ORGANIZERS
    leader.save(update_fields=["visibility"])
    ResourceFactory(kind=Resource.Kind.TOOLKIT)
    after = anon_client.get(fresh("/directory/")).context["summary"]
    assert (after["leader_count"], after["resource_count"]) == (0, 2)
    assert after["resource_kinds"][0]["count"] == 2


def test_the_overview_summary_is_one_cached_part_per_viewer_class_and_language(anon_client):
    anon_client.get(fresh("/directory/"))
    anon_client.get(fresh("/directory/"), HTTP_ACCEPT_LANGUAGE="es")
    client = cache._cache.get_client()
    keys = list(client.scan_iter(match=cache.make_key(f"{fragments.SUMMARY_PREFIX}:*")))
    assert len(keys) == 2


def test_kept_rows_are_per_language_as_the_order_is_the_readers_alphabet(anon_client, leader):
    anon_client.get(LEADERS, HTTP_ACCEPT_LANGUAGE="en")
    anon_client.get(fresh(LEADERS), HTTP_ACCEPT_LANGUAGE="es")
    rows = [key for key in cached_fragments() if ":rows:" in key]
    assert {key.split(":rows:")[1].split(":")[0] for key in rows} == {"en", "es"}
