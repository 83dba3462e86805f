"""Every page type carries the Content-Security-Policy, and no page needs inline script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from actlocal.csp import HEADER, policy, tile_source
from events.models import EventRole
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignFactory, CampaignRoleFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory, ResourceFactory
from tests.events.factories import EventFactory, EventRoleFactory

pytestmark = pytest.mark.django_db

TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, on...= and style= attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        self.problems += [f"<{tag} {name}=...>" for name in names if name.startswith("on")]
        if "style" in names:
            self.problems.append(f"<{tag} style=...>")
        if tag == "script":
            # Data blocks (json_script) are never executed, so a policy has nothing to allow.
            kind = dict(attrs).get("type") or "text/javascript"
            runs = kind in ("text/javascript", "module", "application/javascript")
            self._in_script = runs and "src" not in names and "nonce" not in names
        if tag == "style":
            self.problems.append("<style> element")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:60]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.problems


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pages():
    """(client, url) for one page of each type, each fetched by someone allowed to see it."""
    anon = Client()
    leader = LeaderFactory(visibility="public")
    organization = OrganizationFactory()
    resource = ResourceFactory()
    event = EventFactory()
    campaign = CampaignFactory()
    lead = UserFactory(email="lead@example.org", organizer=True)
    EventRoleFactory(event=event, user=lead, role=EventRole.Role.LEAD)
    CampaignRoleFactory(campaign=campaign, user=lead)
    member = UserFactory(email="member@example.org")
    LeaderFactory(user=member, email=member.email)
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    team, person, admin = signed_in(lead), signed_in(member), signed_in(staff)
    return [
        (anon, "/"),
        (anon, "/directory/"),
        (anon, "/directory/leaders/"),
        (anon, leader.get_absolute_url()),
        (anon, organization.get_absolute_url()),
        (anon, resource.get_absolute_url()),
        (anon, "/directory/map/"),
        (anon, "/directory/near/"),
        (anon, "/events/"),
        (anon, event.get_absolute_url()),
        (team, reverse("events:manage", args=[event.slug])),
        (team, reverse("events:agenda", args=[event.slug])),
        (anon, "/campaigns/"),
        (anon, campaign.get_absolute_url()),
        (anon, reverse("campaigns:scoreboard", args=[campaign.slug])),
        (team, reverse("campaigns:manage", args=[campaign.slug])),
        (person, "/me/"),
        (anon, reverse("account_login")),
        (anon, reverse("account_signup")),
        (anon, "/no-such-page/"),
        (admin, "/admin/"),
        (admin, "/admin/directory/leader/"),
        (admin, f"/admin/directory/leader/{leader.pk}/change/"),
        (admin, "/admin/events/event/add/"),
    ]


def test_every_page_type_has_the_policy_and_no_inline_code(pages):
    for client, url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        expected = policy(TILES, style_attributes=url.startswith("/admin/"))
        assert response[HEADER] == expected, url
        assert inline_code(response.content.decode()) == [], url


def test_only_the_admin_allows_style_attributes(anon_client, staff_client):
    assert "style-src-attr" not in anon_client.get("/")[HEADER]
    assert "style-src-attr 'unsafe-inline'" in staff_client.get("/admin/")[HEADER]
    assert "script-src 'self';" in staff_client.get("/admin/")[HEADER]


def test_the_policy_allows_no_inline_script_or_style():
    directives = dict(part.split(" ", 1) for part in policy("").split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy(TILES)


@pytest.mark.parametrize(
    "tile_url, source",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "https://*.tiles.example.org"),
        ("", ""),
    ],
)
def test_map_tiles_are_allowed_from_the_tile_host(tile_url, source):
    assert tile_source(tile_url) == source


def test_a_configured_tile_server_is_in_the_served_policy(anon_client):
    with override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png"):
        header = anon_client.get("/directory/map/")[HEADER]
    assert re.search(r"img-src [^;]*https://tiles\.example\.org", header)


def test_error_pages_and_json_carry_the_policy_too(anon_client):
    assert HEADER in anon_client.get("/directory/leaders/?q=%00")
    assert HEADER in anon_client.get("/healthz")


def test_the_checker_would_notice_inline_code():
    html = (
        '<p style="x" onclick="y()"></p><script>alert(1)</script><script src="/a.js"></script>'
        '<script type="application/json">{"data": 1}</script>'
    )
    assert len(inline_code(html)) == 3


def test_no_template_has_a_style_element_the_policy_would_refuse():
    # The admin may use style= attributes, but a <style> element is refused everywhere: the
    # custom admin pages take their styles from static/css/admin.css.
    from django.conf import settings

    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if "<style" in path.read_text().replace("inline <style>", "")
    ]
    assert offenders == []
