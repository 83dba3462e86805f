"""Library pages cost a small, constant number of queries (1 row or 50)."""

import pytest
from django.core.cache import cache

from tests.actlocal.factories import TopicFactory
from tests.directory.factories import OrganizationFactory
from tests.toolkits import samples
from tests.toolkits.factories import DocumentFactory, SectionFactory, ToolkitFactory
from toolkits import services
from toolkits.uploads import upload_check

pytestmark = pytest.mark.django_db

# As anonymous, nothing cached:
#   list:      count, page rows (keys), card rows (owner, document count), topics, the topic
#              and organization choices of the filter form
#   toolkit:   toolkit (+organization), topics, sections, their documents, loose documents
#   document:  toolkit, document (+section), attachments, topics, reading order
#   print:     toolkit, documents (+sections), attachments
#   search card: count + top 5 of toolkits and of documents
BUDGET = {"list": 6, "toolkit": 5, "document": 5, "print": 3, "search": 4}


def _library(n: int):
    topic = TopicFactory()
    org = OrganizationFactory()
    kits = []
    for i in range(n):
        kit = ToolkitFactory(title=f"Lobby kit {i}", organization=org, topics=[topic])
        kits.append(kit)
    main = kits[0]
    for i in range(n):
        section = SectionFactory(toolkit=main, position=i)
        document = DocumentFactory(
            toolkit=main, section=section, slug=f"doc-{i}", title=f"Lobby doc {i}", topics=[topic]
        )
        services.attachment_add(
            document=document, actor=None, upload=upload_check(data=samples.PDF, name=f"f{i}.pdf")
        )
    DocumentFactory(toolkit=main, slug="loose", title="Loose lobby doc")
    return main


@pytest.mark.parametrize("rows", [1, 50])
def test_pages_cost_the_same_for_1_or_50_rows(anon_client, django_assert_num_queries, rows):
    kit = _library(rows)
    urls = {
        "list": "/toolkits/",
        "toolkit": f"/toolkits/{kit.slug}/",
        "document": f"/toolkits/{kit.slug}/doc-0/",
        "print": f"/toolkits/{kit.slug}/print/",
        "search": "/toolkits/search/?q=lobby",
    }
    for name, url in urls.items():
        cache.clear()
        with django_assert_num_queries(BUDGET[name]):
            response = anon_client.get(url)
        assert response.status_code == 200, name


def test_a_toolkit_page_missing_the_page_cache_reuses_its_cached_sections(
    anon_client, django_assert_num_queries
):
    kit = _library(5)
    anon_client.get(f"/toolkits/{kit.slug}/")
    # Toolkit and topics only: the sections and their documents come from the fragment cache.
    with django_assert_num_queries(2):
        response = anon_client.get(f"/toolkits/{kit.slug}/?utm_source=x")
    assert "Lobby doc 4" in response.content.decode()


def test_cached_cards_and_sections_change_when_the_toolkit_does(anon_client):
    kit = _library(2)
    assert "Lobby kit 0" in anon_client.get("/toolkits/").content.decode()
    assert "Lobby doc 1" in anon_client.get(f"/toolkits/{kit.slug}/").content.decode()
    kit.title = "Renamed kit"
    kit.save()
    document = kit.documents.get(slug="doc-1")
    document.title = "Renamed doc"
    document.save()
    assert "Renamed kit" in anon_client.get("/toolkits/?utm_source=y").content.decode()
    assert "Renamed doc" in anon_client.get(f"/toolkits/{kit.slug}/?utm_source=y").content.decode()


def test_a_list_page_missing_the_page_cache_runs_only_its_list_query(
    anon_client, django_assert_num_queries
):
    _library(30)
    anon_client.get("/toolkits/?kind=action_guide")
    # Count and page rows; the cards and the filter form come from the fragment cache.
    with django_assert_num_queries(2):
        response = anon_client.get("/toolkits/?kind=action_guide&utm_source=x")
    assert len(response.context["cards"]) == 25
    assert "Lobby kit 0" in response.content.decode()
