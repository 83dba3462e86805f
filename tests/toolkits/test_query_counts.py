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
#   list:      count, page rows (organization joined), topics, topic/organization filter choices
#   toolkit:   toolkit (+organization), topics, sections, their documents, loose documents
#   document:  toolkit, document (+section), attachments, topics, reading order
#   print:     toolkit, documents (+sections), attachments
#   search card: count + top 5 of toolkits and of documents
BUDGET = {"list": 5, "toolkit": 5, "document": 5, "print": 3, "search": 4}


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
