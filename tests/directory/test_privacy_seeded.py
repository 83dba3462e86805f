"""No leader's private email or phone on any directory page, on the seeded demo data.

Every directory URL is fetched as an anonymous visitor and as a signed-in member: the overview,
the lists (plain, filtered, searched, paginated), a sample of every kind of detail page, the map
page and its GeoJSON for several states, and the radius search around a seeded ZIP code.
"""

from __future__ import annotations

import io
import re
import warnings
from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from directory.models import Leader, Organization, Resource

pytestmark = pytest.mark.django_db

ALLOWED_STATUSES = {200, 302, 404}


def seed_demo() -> None:
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())


def private_needles() -> list[str]:
    """Every seeded leader's email and phone, the phone also as bare digits."""
    needles: list[str] = []
    for email, phone in Leader.objects.filter(user__isnull=True).values_list("email", "phone"):
        if email:
            needles.append(email)
        if phone:
            needles.append(phone)
            needles.append(re.sub(r"\D", "", phone))
    return needles


def directory_urls(*, member: bool) -> list[str]:
    visible = [Leader.Visibility.PUBLIC] + ([Leader.Visibility.MEMBERS] if member else [])
    # Seeded leaders only: a member's own profile is theirs to see (and not to message).
    leaders = Leader.objects.filter(visibility__in=visible, user__isnull=True).order_by("pk")
    seeded_zip = Leader.objects.filter(state="MA").order_by("pk").values_list("zip_code", flat=True)
    zip_code = seeded_zip.first()
    urls = [
        "/",
        "/directory/",
        "/directory/?" + urlencode({"q": "voting"}),
        "/directory/leaders/",
        "/directory/leaders/?page=2",
        "/directory/leaders/?" + urlencode({"state": "MA", "topic": "voting-elections"}),
        "/directory/leaders/?" + urlencode({"q": "maria"}),
        "/directory/leaders/?" + urlencode({"area_type": "rural"}),
        "/directory/organizations/",
        "/directory/organizations/?" + urlencode({"kind": "chapter"}),
        "/directory/organizations/?" + urlencode({"state": "MA", "topic": "housing"}),
        "/directory/resources/",
        "/directory/resources/?" + urlencode({"topic": "voting-elections"}),
        "/directory/resources/?" + urlencode({"kind": "expert", "scope": "state"}),
        "/directory/map/",
        "/directory/map/?" + urlencode({"state": "MA"}),
        "/directory/map.geojson?" + urlencode({"state": "MA"}),
        "/directory/map.geojson?" + urlencode({"state": "TX"}),
        "/directory/map.geojson?" + urlencode({"state": "GA"}),
        "/directory/map.geojson?" + urlencode({"state": "MA", "city": "Boston"}),
        "/directory/near/?" + urlencode({"zip": zip_code, "topic": "voting-elections"}),
        "/directory/near/?" + urlencode({"zip": zip_code, "miles": "100"}),
    ]
    for visibility in visible:
        for leader in leaders.filter(visibility=visibility)[:4]:
            urls.append(leader.get_absolute_url())
            urls.append(f"{leader.get_absolute_url()}contact/")
    for kind in Organization.Kind.values:
        org = Organization.objects.filter(kind=kind).order_by("pk").first()
        if org:
            urls.append(org.get_absolute_url())
    for kind in Resource.Kind.values:
        resource = Resource.objects.filter(kind=kind).order_by("pk").first()
        if resource:
            urls.append(resource.get_absolute_url())
    return urls


@pytest.mark.parametrize("role", ["anon_client", "member_client"])
def test_no_private_email_or_phone_on_any_directory_page(request, role):
    client = request.getfixturevalue(role)
    seed_demo()
    needles = private_needles()
    assert len(needles) > 300

    checked, not_built, bodies = [], [], {}
    for url in directory_urls(member=role == "member_client"):
        response = client.get(url)
        assert response.status_code in ALLOWED_STATUSES, f"{url} answered {response.status_code}"
        if response.status_code == 404:
            not_built.append(url)
            continue
        body = response.content.decode()
        leaked = [needle for needle in needles if needle in body]
        assert not leaked, f"{url} shows private contact details: {leaked[:5]}"
        checked.append(url)
        bodies[url] = body

    if not_built:
        warnings.warn(
            f"{len(not_built)} directory URLs answered 404 and were not checked: {not_built}",
            stacklevel=1,
        )
    if not checked:
        pytest.skip("no directory page is built yet")
    # The pages really listed seeded people, so the absence of their contacts means something.
    assert "/directory/leaders/" in checked
    public_names = Leader.objects.filter(visibility=Leader.Visibility.PUBLIC).values_list(
        "name", flat=True
    )
    assert any(name in bodies["/directory/leaders/"] for name in public_names)
