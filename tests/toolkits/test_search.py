"""Toolkits and documents in the directory's site search, only for those who may see them."""

import pytest
from django.urls import reverse

from directory.search_sources import search_sources
from tests.toolkits.factories import DocumentFactory, ToolkitFactory
from toolkits.models import Toolkit

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    action = ToolkitFactory(title="Action toolkit", summary="Meet your legislator.")
    DocumentFactory(
        toolkit=action,
        title="Letters to the editor and op-eds",
        body="Write an op-ed that an editor will print.",
    )
    DocumentFactory(
        toolkit=action,
        title="Lobby meeting training",
        body="Plan the lobby visit: roles, the ask, the follow-up.",
    )
    cameras = ToolkitFactory(
        title="Police body cameras issue kit",
        kind=Toolkit.Kind.ISSUE_KIT,
        summary="Arguments and steps for a body camera ordinance.",
    )
    DocumentFactory(toolkit=cameras, title="Pro and con", body="Cameras record encounters.")
    hidden = ToolkitFactory(
        title="Organizers' secret lobby plan", visibility=Toolkit.Visibility.ORGANIZERS
    )
    DocumentFactory(toolkit=hidden, title="Hidden lobby targets", body="lobby lobby")
    draft = ToolkitFactory(title="Draft lobby kit", status=Toolkit.Status.DRAFT)
    DocumentFactory(toolkit=draft, title="Draft lobby notes", body="lobby")


def _fragment(client, query):
    return client.get(reverse("toolkits:search_fragment"), {"q": query}).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("op-ed", "Letters to the editor and op-eds"),
        ("lobby", "Lobby meeting training"),
        ("body cameras", "Police body cameras issue kit"),
    ],
)
def test_site_search_finds_toolkits_and_documents(anon_client, library, query, expected):
    assert expected in _fragment(anon_client, query)


def test_hidden_and_draft_toolkits_never_appear_to_outsiders(anon_client, member_client, library):
    for client in (anon_client, member_client):
        content = _fragment(client, "lobby")
        assert "secret lobby plan" not in content and "Hidden lobby targets" not in content
        assert "Draft lobby" not in content


def test_organizers_find_organizers_only_toolkits(organizer_client, library):
    content = _fragment(organizer_client, "lobby")
    assert "Hidden lobby targets" in content
    assert "Draft lobby" not in content  # drafts stay out of search even for organizers


def test_directory_overview_offers_the_toolkit_card(anon_client, library):
    assert [source.key for source in search_sources()] == ["toolkits"]
    content = anon_client.get(reverse("directory:overview"), {"q": "op-ed"}).content.decode()
    assert 'hx-get="/toolkits/search/?q=op-ed"' in content
    # Without JavaScript the card is a link to the same search on the toolkits list.
    assert 'href="/toolkits/?q=op-ed"' in content


def test_toolkit_list_search_hides_restricted_toolkits(anon_client, library):
    content = anon_client.get(reverse("toolkits:list"), {"q": "lobby"}).content.decode()
    assert "Action toolkit" in content
    assert "secret lobby plan" not in content


def test_cached_search_card_changes_when_a_toolkit_is_hidden(anon_client, library):
    assert "Police body cameras" in _fragment(anon_client, "cameras")
    kit = Toolkit.objects.get(title="Police body cameras issue kit")
    kit.visibility = Toolkit.Visibility.MEMBERS
    kit.save()
    assert "Police body cameras" not in _fragment(anon_client, "cameras")


def test_empty_and_hostile_queries_do_not_fail(anon_client, library):
    for query in ["", "   ", '"unclosed', "-lobby", "a" * 5000, "' OR 1=1 --"]:
        assert anon_client.get(reverse("toolkits:search_fragment"), {"q": query}).status_code == 200
    # Text the database cannot store is refused at the door (actlocal.middleware) with a clear 400.
    assert anon_client.get(reverse("toolkits:search_fragment"), {"q": "\x00"}).status_code == 400
