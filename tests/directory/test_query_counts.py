"""List pages and the overview cost a small, constant number of queries (1 row or 50)."""

import pytest
from django.core.cache import cache

from directory.models import LeaderRole
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db

# What each page needs, as anonymous (no session, so no user query), when nothing is cached:
#   leaders:        count (from the tallies, unfiltered), page rows (keys only), card rows,
#                   roles, topics, affiliations+organizations, the topic and role choices
#   organizations:  count (the tallies), page rows, card rows (with parent), topics, topic choices
#   resources:      count, page rows, card rows (with provider), topics, topic choices
#   overview:       the tallies (leaders, organization kinds), resource kinds, topics+counts
#   overview search: (count + top 5) for each of the three kinds, matching topics
# Filters by topic, role or kind add the lookup of each chosen value.
COLD = {
    "/directory/leaders/": 8,
    "/directory/leaders/?q=neighbor&state=MA&topic=housing&role=student": 10,
    "/directory/organizations/": 5,
    "/directory/organizations/?q=neighbors&topic=housing&kind=local_group": 6,
    "/directory/resources/": 5,
    "/directory/resources/?q=guide&topic=housing&state=MA": 6,
    "/directory/": 3,
    "/directory/?q=neighbors": 7,
}
# With the cards, sidebar, count and (for visitors who are not signed in) the page's rows
# cached, a list page that misses the page cache runs only the lookups of the chosen topic and
# role; the overview without a search reads its summary (counts, kinds, topics) from one cached
# part.
WARM = {
    "/directory/leaders/": 0,
    "/directory/leaders/?q=neighbor&state=MA&topic=housing&role=student": 2,
    "/directory/organizations/": 0,
    "/directory/organizations/?q=neighbors&topic=housing&kind=local_group": 1,
    "/directory/resources/": 0,
    "/directory/resources/?q=guide&topic=housing&state=MA": 1,
    "/directory/": 0,
    "/directory/?q=neighbors": 7,
}


def page_cache_miss(url: str, n: int) -> str:
    """The same page under a URL the full-page cache has not seen (its parts stay cached)."""
    return f"{url}{'&' if '?' in url else '?'}utm_source=test{n}"


def assert_rows_render(response) -> None:
    assert response.status_code == 200
    if "page_obj" in response.context:
        assert len(response.context["page_obj"].object_list) >= 25  # the rows really render
        assert len(response.context["cards"]) == len(response.context["page_obj"].object_list)
    elif response.context["results"]:
        assert response.context["results"]["organizations"]["count"] == 100
    else:
        assert response.context["summary"]["resource_count"] == 50


def add_rows(n: int, *, topics, role) -> None:
    for i in range(n):
        parent = OrganizationFactory(name=f"Neighbors National {i}", kind="national")
        organization = OrganizationFactory(
            name=f"Neighbors Chapter {i}", parent=parent, topics=topics
        )
        leader = LeaderFactory(
            name=f"Neighbor Leader {i}", bio="A neighbor.", topics=topics, roles=[role]
        )
        AffiliationFactory(leader=leader, organization=organization)
        AffiliationFactory(leader=leader, organization=parent)
        ResourceFactory(title=f"Neighbors guide {i}", provider=organization, topics=topics)


@pytest.mark.parametrize("url", COLD)
def test_page_query_count_is_the_same_for_1_and_50_rows(
    anon_client, django_assert_num_queries, url
):
    topics = [TopicFactory(slug="housing", name="Housing"), TopicFactory()]
    role = LeaderRole.objects.get_or_create(slug="student", defaults={"name": "Student"})[0]
    add_rows(1, topics=topics, role=role)
    cache.clear()
    with django_assert_num_queries(COLD[url]):
        assert anon_client.get(url).status_code == 200
    with django_assert_num_queries(WARM[url]):
        assert anon_client.get(page_cache_miss(url, 1)).status_code == 200

    add_rows(49, topics=topics, role=role)
    cache.clear()  # measure rendering again, not the caches
    with django_assert_num_queries(COLD[url]):
        assert_rows_render(anon_client.get(url))
    with django_assert_num_queries(WARM[url]):
        assert_rows_render(anon_client.get(page_cache_miss(url, 2)))


def test_detail_pages_do_not_grow_with_related_rows(anon_client, django_assert_num_queries):
    topics = [TopicFactory(slug="housing", name="Housing"), TopicFactory()]
    role = LeaderRole.objects.get_or_create(slug="student", defaults={"name": "Student"})[0]
    add_rows(1, topics=topics, role=role)
    organization = OrganizationFactory(name="Hub", topics=topics)
    for _n in range(30):
        AffiliationFactory(organization=organization)
        ResourceFactory(provider=organization, topics=topics)
        OrganizationFactory(parent=organization)
    # organization, topics, chapters, resources (+count), affiliations (+count)
    with django_assert_num_queries(7):
        assert anon_client.get(organization.get_absolute_url()).status_code == 200
