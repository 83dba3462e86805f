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

# What each page needs, as anonymous (no session, so no user query):
#   leaders:        count, page of leaders, roles, topics, affiliations+organizations,
#                   the topic and role choices of the filter form
#   organizations:  count, page (with parent), topics, topic choices
#   resources:      count, page (with provider), topics, topic choices
#   overview:       visible leaders count, organization kinds, resource kinds, topics+counts
#   overview search: (count + top 5) for each of the three kinds, matching topics
EXPECTED = {
    "/directory/leaders/": 7,
    "/directory/leaders/?q=neighbor&state=MA&topic=housing&role=student": 9,
    "/directory/organizations/": 4,
    "/directory/organizations/?q=neighbors&topic=housing&kind=local_group": 5,
    "/directory/resources/": 4,
    "/directory/resources/?q=guide&topic=housing&state=MA": 5,
    "/directory/": 4,
    "/directory/?q=neighbors": 7,
}


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


@pytest.mark.parametrize(("url", "expected"), EXPECTED.items())
def test_page_query_count_is_the_same_for_1_and_50_rows(
    anon_client, django_assert_num_queries, url, expected
):
    topics = [TopicFactory(slug="housing", name="Housing"), TopicFactory()]
    role = LeaderRole.objects.get_or_create(slug="student", defaults={"name": "Student"})[0]
    add_rows(1, topics=topics, role=role)
    with django_assert_num_queries(expected):
        assert anon_client.get(url).status_code == 200

    add_rows(49, topics=topics, role=role)
    cache.clear()  # measure rendering again, not the page cache
    with django_assert_num_queries(expected):
        response = anon_client.get(url)
    assert response.status_code == 200
    if "page_obj" in response.context:
        assert len(response.context["page_obj"].object_list) >= 25  # the rows really render
    elif response.context["results"]:
        assert response.context["results"]["organizations"]["count"] == 100
    else:
        assert response.context["summary"]["resource_count"] == 50


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
