"""The header's menus and the footer's links are rendered once per language and section for
visitors who are not signed in (actlocal/templatetags/site_chrome.py), never shared with
signed-in people, and never carry one section's current link or one language onto another."""

import re

import django.urls
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def current_links(response) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', response.content.decode())


def test_each_section_marks_its_own_link(anon_client):
    leaders = anon_client.get(reverse("directory:leader_list"))
    events = anon_client.get(reverse("events:list"))
    leaders_again = anon_client.get(reverse("directory:leader_list"), {"page": 1})

    # The menu's current link comes first (a breadcrumb may repeat it).
    assert current_links(leaders)[0] == reverse("directory:leader_list")
    assert reverse("events:list") not in current_links(leaders)
    assert current_links(events)[0] == reverse("events:list")
    assert reverse("directory:leader_list") not in current_links(events)
    assert current_links(leaders_again) == current_links(leaders)


def test_languages_are_never_crossed(anon_client):
    url = reverse("events:list")
    spanish = anon_client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = anon_client.get(url, {"x": 1}, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert ">Eventos</a>" in spanish and ">Events</a>" not in spanish
    assert ">Events</a>" in english and ">Eventos</a>" not in english


def test_signed_in_people_get_their_own_menus(anon_client, staff_client, member_client):
    url = reverse("directory:overview")
    anonymous = anon_client.get(url).content.decode()
    staff = staff_client.get(url).content.decode()
    member = member_client.get(url).content.decode()
    anonymous_after = anon_client.get(url, {"x": 1}).content.decode()

    assert "Sign out" in staff and reverse("admin:index") in staff
    assert "Sign out" in member and reverse("admin:index") not in member
    assert reverse("me_data") in member
    for page in (anonymous, anonymous_after):
        assert "Sign out" not in page and reverse("me_data") not in page
        assert "Join the network" in page


def test_an_anonymous_page_reverses_the_menus_links_only_once(anon_client, monkeypatch):
    reversed_names: list[str] = []
    original = django.urls.reverse

    def counting(viewname, *args, **kwargs):
        reversed_names.append(viewname)
        return original(viewname, *args, **kwargs)

    # The {% url %} tag looks reverse up in django.urls at each use.
    monkeypatch.setattr(django.urls, "reverse", counting)
    url = reverse("toolkits:list")
    anon_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    menu_links = {"directory:map", "directory:near", "campaigns:list", "account_signup"}
    assert menu_links <= set(reversed_names)
    reversed_names.clear()
    anon_client.get(url, {"x": 1}, HTTP_ACCEPT_LANGUAGE="en")

    assert reversed_names  # the page's own links still are
    assert not menu_links & set(reversed_names)
