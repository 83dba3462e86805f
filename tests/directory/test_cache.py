"""The anonymous page cache of the public directory and its invalidation."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction

from directory.cache import (
    CACHE_HIT_HEADER,
    VERSION_KEY,
    directory_cache_bump,
    directory_cache_version,
)
from directory.models import Leader, LeaderRole, Resource
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def hit(response) -> bool:
    return response.get(CACHE_HIT_HEADER) == "hit"


@pytest.fixture
def leader():
    return LeaderFactory(name="Cora Cached")


# --- Serving ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/directory/",
        "/directory/?q=cora",
        "/directory/leaders/",
        "/directory/leaders/?state=MA",
        "/directory/organizations/",
        "/directory/resources/",
    ],
)
def test_anonymous_pages_are_served_from_the_cache_without_queries(
    anon_client, django_assert_num_queries, leader, url
):
    first = anon_client.get(url)
    assert first.status_code == 200 and not hit(first)
    with django_assert_num_queries(0):
        second = anon_client.get(url)
    assert hit(second)
    assert second.content == first.content


def test_detail_pages_are_cached(anon_client, leader):
    organization = OrganizationFactory()
    resource = ResourceFactory()
    for obj in (leader, organization, resource):
        anon_client.get(obj.get_absolute_url())
        assert hit(anon_client.get(obj.get_absolute_url()))


def test_each_query_string_is_its_own_cache_entry(anon_client, leader):
    anon_client.get("/directory/leaders/?state=MA")
    other = anon_client.get("/directory/leaders/?state=OH")
    assert not hit(other)
    assert b"Cora Cached" not in other.content


def test_cached_pages_vary_on_cookie_and_carry_no_csrf_token(anon_client, leader):
    anon_client.get("/directory/leaders/")
    response = anon_client.get("/directory/leaders/")
    assert hit(response)
    assert "Cookie" in response["Vary"]
    assert "csrftoken" not in response.cookies
    assert b'"X-CSRFToken": ""' in response.content


@pytest.mark.parametrize(
    "url", ["/directory/leaders/?state=ZZ", "/directory/leaders/?page=99", "/directory/leaders/x/"]
)
def test_error_responses_are_not_cached(anon_client, url):
    anon_client.get(url)
    assert not hit(anon_client.get(url))


def test_each_language_has_its_own_cache_entry(anon_client, leader):
    anon_client.get("/directory/leaders/", HTTP_ACCEPT_LANGUAGE="en")
    response = anon_client.get("/directory/leaders/", HTTP_ACCEPT_LANGUAGE="es")
    assert not hit(response)


# --- Signed-in people -------------------------------------------------------------------------


@pytest.mark.parametrize("client_name", ["member_client", "organizer_client", "staff_client"])
def test_signed_in_people_are_never_served_the_anonymous_cache(request, client_name):
    LeaderFactory(name="Min Members", visibility="members")
    anonymous = request.getfixturevalue("anon_client")
    assert b"Min Members" not in anonymous.get("/directory/leaders/").content
    client = request.getfixturevalue(client_name)
    response = client.get("/directory/leaders/")
    assert not hit(response)
    assert b"Min Members" in response.content
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_signed_in_pages_are_never_stored_for_anonymous_visitors(anon_client, member_client):
    LeaderFactory(name="Min Members", visibility="members")
    member_client.get("/directory/leaders/")
    member_client.get("/directory/leaders/")
    response = anon_client.get("/directory/leaders/")
    assert not hit(response)
    assert b"Min Members" not in response.content


# --- Invalidation -----------------------------------------------------------------------------


def test_saving_a_leader_invalidates_cached_pages(anon_client, leader):
    anon_client.get("/directory/leaders/")
    anon_client.get(leader.get_absolute_url())
    leader.name = "Cora Renamed"
    leader.save()
    for url in ("/directory/leaders/", leader.get_absolute_url()):
        response = anon_client.get(url)
        assert not hit(response)
        assert b"Cora Renamed" in response.content


def test_hiding_a_leader_removes_them_from_cached_pages(anon_client, leader):
    anon_client.get("/directory/leaders/")
    leader.visibility = Leader.Visibility.MEMBERS
    leader.save(update_fields=["visibility"])
    assert b"Cora Cached" not in anon_client.get("/directory/leaders/").content
    assert anon_client.get(leader.get_absolute_url()).status_code == 404


def test_changing_topics_of_a_leader_invalidates(anon_client, leader):
    topic = TopicFactory(name="Transit equity", slug="transit-equity")
    anon_client.get(leader.get_absolute_url())
    leader.topics.add(topic)
    assert b"Transit equity" in anon_client.get(leader.get_absolute_url()).content
    leader.topics.clear()
    assert b"Transit equity" not in anon_client.get(leader.get_absolute_url()).content


def test_affiliations_invalidate_whether_created_or_added(anon_client, leader):
    first = OrganizationFactory(name="First Org")
    second = OrganizationFactory(name="Second Org")
    anon_client.get(leader.get_absolute_url())
    AffiliationFactory(leader=leader, organization=first)
    assert b"First Org" in anon_client.get(leader.get_absolute_url()).content
    leader.organizations.add(second)
    assert b"Second Org" in anon_client.get(leader.get_absolute_url()).content


def test_renaming_a_topic_or_role_invalidates(anon_client):
    topic = TopicFactory(name="Old topic name", slug="renamed-topic")
    role = LeaderRole.objects.create(slug="bus-driver", name="Bus driver")
    leader = LeaderFactory(topics=[topic], roles=[role])
    anon_client.get(leader.get_absolute_url())
    topic.name = "New topic name"
    topic.save()
    assert b"New topic name" in anon_client.get(leader.get_absolute_url()).content
    role.name = "Transit operator"
    role.save()
    assert b"Transit operator" in anon_client.get(leader.get_absolute_url()).content


def test_deleting_a_resource_invalidates(anon_client):
    resource = ResourceFactory(title="Soon gone")
    anon_client.get("/directory/resources/")
    resource.delete()
    assert b"Soon gone" not in anon_client.get("/directory/resources/").content


def test_organization_changes_invalidate(anon_client):
    organization = OrganizationFactory(name="Before Name")
    anon_client.get("/directory/organizations/")
    organization.name = "After Name"
    organization.save()
    assert b"After Name" in anon_client.get("/directory/organizations/").content


def test_bulk_writes_invalidate_through_directory_cache_bump(anon_client):
    ResourceFactory(title="Bulk before")
    anon_client.get("/directory/resources/")
    Resource.objects.update(title="Bulk after")  # no signals
    assert b"Bulk before" in anon_client.get("/directory/resources/").content
    directory_cache_bump()
    assert b"Bulk after" in anon_client.get("/directory/resources/").content


def test_bump_survives_a_lost_version_key_without_reviving_old_pages(anon_client, leader):
    anon_client.get("/directory/leaders/")
    old_version = directory_cache_version()
    cache.delete(VERSION_KEY)
    directory_cache_bump()
    assert directory_cache_version() > old_version
    assert not hit(anon_client.get("/directory/leaders/"))


def test_a_transaction_queues_one_bump_after_commit_however_many_rows_change(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        LeaderFactory.create_batch(5)
        OrganizationFactory()
    assert len(callbacks) == 1
    before = directory_cache_version()
    callbacks[0]()
    assert directory_cache_version() == before + 1


# --- Resilience -------------------------------------------------------------------------------


def test_pages_render_when_the_cache_is_unreachable(anon_client, leader):
    with (
        mock.patch("directory.cache.cache.get", side_effect=ConnectionError("down")),
        mock.patch("directory.cache.cache.set", side_effect=ConnectionError("down")),
    ):
        response = anon_client.get("/directory/leaders/")
    assert response.status_code == 200
    assert b"Cora Cached" in response.content


def test_writes_succeed_when_the_cache_is_unreachable(leader):
    with mock.patch("directory.cache.cache.incr", side_effect=ConnectionError("down")):
        leader.name = "Saved anyway"
        leader.save()
    assert Leader.objects.get(pk=leader.pk).name == "Saved anyway"
