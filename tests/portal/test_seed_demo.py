"""`manage.py seed_demo`: a realistic invented directory, demo logins, and nothing twice."""

from __future__ import annotations

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from actlocal.geo import zip_place
from actlocal.models import Topic, User
from actlocal.permissions import ORGANIZERS_GROUP
from directory.demo import DEMO_SIZE, DemoSize, demo_plan
from directory.demo.accounts import ORGANIZER_EMAIL, STAFF_EMAIL
from directory.demo.data import CITIES
from directory.models import Affiliation, Leader, Organization, Resource

pytestmark = pytest.mark.django_db

LOGIN_LINE_RE = re.compile(r"^\s*(staff|organizer)\s+email: (\S+)\s+password: (\S+)", re.MULTILINE)


def seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    return {
        "leaders": Leader.objects.count(),
        "organizations": Organization.objects.count(),
        "resources": Resource.objects.count(),
        "affiliations": Affiliation.objects.count(),
        "leader_topics": Leader.topics.through.objects.count(),
        "leader_roles": Leader.roles.through.objects.count(),
        "organization_topics": Organization.topics.through.objects.count(),
        "resource_topics": Resource.topics.through.objects.count(),
        "topics": Topic.objects.count(),
        "users": User.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
        "groups": Group.objects.count(),
    }


def test_seed_demo_fills_the_directory_with_the_promised_amounts():
    seed_demo()
    assert Leader.objects.count() >= 300
    assert Organization.objects.count() >= 60
    assert Resource.objects.count() >= 80
    assert Topic.objects.count() == 12
    states = set(Leader.objects.values_list("state", flat=True))
    assert len(states) >= 10
    assert Affiliation.objects.count() >= 200
    assert Leader.topics.through.objects.count() >= Leader.objects.count()
    assert Leader.roles.through.objects.count() >= Leader.objects.count()


def test_seeded_organizations_cover_every_kind_of_partner_and_chapters_have_their_national():
    seed_demo()
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert {"anchor", "national", "state_org", "chapter", "local_group", "faith", "union"} <= kinds
    chapters = Organization.objects.filter(kind="chapter").select_related("parent")
    assert chapters.exists()
    for chapter in chapters:
        assert chapter.parent is not None
        assert chapter.parent.kind in {"anchor", "national"}
        assert chapter.name.startswith(chapter.parent.name)


def test_seeded_resources_cover_every_kind_and_voting_has_several():
    seed_demo()
    assert set(Resource.objects.values_list("kind", flat=True)) == set(Resource.Kind.values)
    assert Resource.objects.filter(topics__slug="voting-elections").count() >= 5
    assert Resource.objects.filter(provider__isnull=False).exists()


def test_seeded_visibility_is_mostly_public_with_some_members_and_organizers_only():
    seed_demo()
    # The surveys demo's invented respondents are seen only by organizers: the directory's own
    # demo people are the ones meant to be browsed.
    directory = Leader.objects.exclude(slug__startswith="demo-respondent-")
    total = directory.count()
    public = directory.filter(visibility=Leader.Visibility.PUBLIC).count()
    assert public > total / 2
    assert Leader.objects.filter(visibility=Leader.Visibility.MEMBERS).exists()
    assert Leader.objects.filter(visibility=Leader.Visibility.ORGANIZERS).exists()


def test_seeded_places_are_real_zip_codes_placed_on_their_centroid():
    seed_demo()
    for row in [*Leader.objects.all(), *Organization.objects.all()]:
        place = zip_place(row.zip_code)
        assert place is not None, f"{row} has no real ZIP code: {row.zip_code!r}"
        assert place.state == row.state
        assert (row.latitude, row.longitude) == (place.lat, place.lng)


def test_demo_cities_list_only_real_zip_codes_of_that_city():
    for city in CITIES:
        for code in city.zips:
            place = zip_place(code)
            assert place is not None, f"{code} ({city.name}) is not in the ZIP dataset"
            assert (place.city, place.state) == (city.name, city.state)


def test_seeded_private_contacts_are_invented_addresses_and_fictional_numbers():
    seed_demo()
    for email, phone in Leader.objects.values_list("email", "phone"):
        assert email.endswith("@example.org")
        assert phone == "" or re.fullmatch(r"\(\d{3}\) 555-\d{4}", phone)
    phones = list(Leader.objects.exclude(phone="").values_list("phone", flat=True))
    assert phones
    # Shared numbers would make duplicate detection pair up strangers.
    assert len(set(phones)) == len(phones)


def test_running_seed_demo_twice_creates_nothing_new():
    seed_demo()
    before = table_counts()
    output = seed_demo()
    assert table_counts() == before
    assert "nothing to create" in output


def test_seed_demo_creates_and_prints_a_staff_and_an_organizer_login():
    output = seed_demo()
    logins = {role: (email, password) for role, email, password in LOGIN_LINE_RE.findall(output)}
    assert logins.keys() == {"staff", "organizer"}

    staff = User.objects.get(email=STAFF_EMAIL)
    assert logins["staff"][0] == STAFF_EMAIL
    assert staff.check_password(logins["staff"][1])
    assert staff.is_staff and staff.is_superuser
    assert EmailAddress.objects.filter(
        user=staff, email=STAFF_EMAIL, verified=True, primary=True
    ).exists()

    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    assert logins["organizer"][0] == ORGANIZER_EMAIL
    assert organizer.check_password(logins["organizer"][1])
    assert not organizer.is_staff
    assert organizer.groups.filter(name=ORGANIZERS_GROUP).exists()
    assert EmailAddress.objects.filter(user=organizer, verified=True).exists()


def test_the_printed_password_still_works_on_the_second_run():
    seed_demo()
    output = seed_demo()
    logins = {role: (email, password) for role, email, password in LOGIN_LINE_RE.findall(output)}
    assert User.objects.get(email=STAFF_EMAIL).check_password(logins["staff"][1])
    assert "already existed" in output


def test_seed_demo_leaves_an_existing_login_alone():
    user = User.objects.create_user(email=STAFF_EMAIL, password="chosen-by-the-owner")
    seed_demo()
    user.refresh_from_db()
    assert user.check_password("chosen-by-the-owner")
    assert not user.is_superuser


def test_seed_demo_refuses_to_run_with_debug_off_unless_allowed(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Leader.objects.exists()
    assert not User.objects.filter(email=STAFF_EMAIL).exists()


def test_seed_demo_invalidates_the_public_page_cache():
    from directory.cache import directory_cache_version

    before = directory_cache_version()
    seed_demo()
    assert directory_cache_version() > before


def test_the_demo_plan_is_the_same_for_the_same_seed():
    first, second = demo_plan(seed=5), demo_plan(seed=5)
    assert [x.slug for x in first.leaders] == [x.slug for x in second.leaders]
    assert [x.name for x in first.organizations] == [x.name for x in second.organizations]
    assert [x.slug for x in demo_plan(seed=6).leaders] != [x.slug for x in first.leaders]
    assert len(first.leaders) == DEMO_SIZE.leaders


def test_a_large_plan_has_exact_sizes_and_unique_slugs_and_emails():
    plan = demo_plan(size=DemoSize(leaders=4000, organizations=400, resources=700))
    assert (len(plan.leaders), len(plan.organizations), len(plan.resources)) == (4000, 400, 700)
    assert len({x.slug for x in plan.leaders}) == 4000
    assert len({x.email for x in plan.leaders}) == 4000
    assert len({x.slug for x in plan.organizations}) == 400
    assert len({x.slug for x in plan.resources}) == 700
