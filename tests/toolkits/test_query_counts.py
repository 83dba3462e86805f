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
#   document:  document (+toolkit, owner, section), attachments, topics, reading order
#   print:     toolkit, documents (+sections), attachments
#   search card: count + top 5 of toolkits and of documents
BUDGET = {"list": 6, "toolkit": 5, "document": 4, "print": 3, "search": 4}


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


@pytest.mark.parametrize("rows", [1, 30])
def test_a_toolkit_page_missing_the_page_cache_reuses_its_cached_parts(
    anon_client, django_assert_num_queries, rows
):
    kit = _library(rows)
    anon_client.get(f"/toolkits/{kit.slug}/")
    # The toolkit only: its header, topics, sections and documents come from the fragments.
    with django_assert_num_queries(1):
        response = anon_client.get(f"/toolkits/{kit.slug}/?utm_source=x")
    page = response.content.decode()
    assert f"Lobby doc {rows - 1}" in page and kit.topics.get().name in page


@pytest.mark.parametrize("rows", [1, 30])
def test_a_document_page_missing_the_page_cache_reuses_its_cached_article(
    anon_client, django_assert_num_queries, rows
):
    kit = _library(rows)
    anon_client.get(f"/toolkits/{kit.slug}/doc-0/")
    # The document with its toolkit: the text, files, topics and pager come from the fragment.
    with django_assert_num_queries(1):
        response = anon_client.get(f"/toolkits/{kit.slug}/doc-0/?utm_source=x")
    page = response.content.decode()
    assert "f0.pdf" in page and kit.topics.get().name in page
    assert "Because it works." in page


def test_a_cached_article_changes_with_its_document_and_files(anon_client, editor_client):
    kit = _library(2)
    url = f"/toolkits/{kit.slug}/doc-0/"
    assert "f0.pdf" in anon_client.get(url).content.decode()
    document = kit.documents.get(slug="doc-0")
    services.document_update(document=document, actor=None, data={"body": "## New words\n"})
    page = anon_client.get(f"{url}?utm_source=z").content.decode()
    assert "New words" in page and "Because it works." not in page
    services.attachment_delete(attachment=document.attachments.get(), actor=None)
    assert "f0.pdf" not in anon_client.get(f"{url}?utm_source=w").content.decode()


def test_fragment_keys_carry_the_language():
    from django.utils import translation

    from toolkits.fragments import _key

    for language in ("en", "es"):
        with translation.override(language):
            assert f":{language}:" in _key("article", 1, 2)
            assert f":{language}:" in _key("intro", 1, 2)


def test_a_list_page_missing_the_page_cache_runs_no_query(anon_client, django_assert_num_queries):
    _library(30)
    anon_client.get("/toolkits/?kind=action_guide")
    # The count, the page's rows, the cards and the filter form all come from the fragments.
    with django_assert_num_queries(0):
        response = anon_client.get("/toolkits/?kind=action_guide&utm_source=x")
    assert len(response.context["cards"]) == 25
    assert "Lobby kit 0" in response.content.decode()
    assert response.context["paginator"].count == 30


def test_a_search_missing_the_page_cache_reuses_its_cached_rows(
    anon_client, django_assert_num_queries
):
    _library(30)
    anon_client.get("/toolkits/?q=lobby&page=2")
    with django_assert_num_queries(0):
        response = anon_client.get("/toolkits/?q=lobby&page=2&utm_source=x")
    assert response.context["page_obj"].number == 2
    assert len(response.context["cards"]) == 5
    assert "Lobby kit 9" in response.content.decode()  # titles sort 0, 1, 10, ..., 19, 2, ...


def test_cached_list_rows_follow_writes_and_each_viewers_level(
    anon_client, member_client, editor_client
):
    _library(3)
    members = ToolkitFactory(title="Lobby kit members", visibility="members")
    draft = ToolkitFactory(title="Lobby kit draft", status="draft")
    for client in (anon_client, member_client, editor_client):
        client.get("/toolkits/?q=lobby")
    anon = anon_client.get("/toolkits/?q=lobby&utm_source=1").content.decode()
    member = member_client.get("/toolkits/?q=lobby&utm_source=1").content.decode()
    editor = editor_client.get("/toolkits/?q=lobby&utm_source=1").content.decode()
    assert members.title not in anon and members.title in member and members.title in editor
    assert draft.title not in anon + member + editor  # drafts are never listed
    ToolkitFactory(title="Lobby kit new")  # a write bumps the version
    assert "Lobby kit new" in anon_client.get("/toolkits/?q=lobby&utm_source=2").content.decode()
