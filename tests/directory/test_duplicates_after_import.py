"""Duplicates after an import: the rows it wrote are checked, and the comparison tells apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.models import Affiliation, DuplicateCandidate, Leader, Organization
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory
from tests.directory.test_import_export import csv_bytes, import_file
from tests.directory.test_merge import compare_url

pytestmark = pytest.mark.django_db


def test_an_import_flags_a_new_leader_who_resembles_one_on_file(
    staff_client, django_capture_on_commit_callbacks
):
    existing = LeaderFactory(name="John Smith", state="MA", phone="")
    content = csv_bytes([["email", "name", "state"], ["jon.smith@example.org", "Jon Smith", "MA"]])

    with django_capture_on_commit_callbacks(execute=True):
        import_file(staff_client, "leader", content)

    new = Leader.objects.get(email="jon.smith@example.org")
    pair = DuplicateCandidate.objects.get(kind=DuplicateCandidate.Kind.LEADER)
    assert {pair.leader_a_id, pair.leader_b_id} == {existing.pk, new.pk}


def test_an_import_flags_an_updated_organization_that_now_shares_a_website(
    staff_client, django_capture_on_commit_callbacks
):
    OrganizationFactory(
        name="Riverside Tenants",
        website="https://rivertenants.org",
        website_domain="rivertenants.org",
        state="MA",
    )
    other = OrganizationFactory(name="Tenant Power", website="", state="MA")
    content = csv_bytes(
        [["slug", "name", "website"], [other.slug, other.name, "https://rivertenants.org/join"]]
    )

    with django_capture_on_commit_callbacks(execute=True):
        import_file(staff_client, "organization", content)

    assert DuplicateCandidate.objects.filter(kind=DuplicateCandidate.Kind.ORGANIZATION).exists()


def test_with_the_broker_down_the_import_still_succeeds(
    staff_client, broker_down, django_capture_on_commit_callbacks
):
    LeaderFactory(name="John Smith", state="MA", phone="")
    content = csv_bytes([["email", "name", "state"], ["jon@example.org", "Jon Smith", "MA"]])

    with django_capture_on_commit_callbacks(execute=True):
        import_file(staff_client, "leader", content)

    assert Leader.objects.filter(email="jon@example.org").exists()


def test_the_comparison_shows_what_tells_two_same_named_leaders_apart(staff_client):
    union = OrganizationFactory(name="Riverside Tenants Union")
    signed_in = UserFactory(email="ana.account@example.org")
    signed_in.last_login = timezone.now() - timedelta(days=3)
    signed_in.save(update_fields=["last_login"])
    left = LeaderFactory(
        name="Ana Diaz", city="Cambridge", email="ana@tenants.org", user=signed_in, phone=""
    )
    right = LeaderFactory(name="Ana Diaz", city="Springfield", email="ana@school.edu", phone="")
    Affiliation.objects.create(leader=left, organization=union)
    candidate = DuplicateCandidate.objects.create(
        kind=DuplicateCandidate.Kind.LEADER, leader_a=left, leader_b=right, score=1, reasons=[]
    )

    content = staff_client.get(compare_url(candidate)).content.decode()

    telling = content[content.index("What tells them apart") : content.index("The two")]
    for text in (
        "Cambridge, MA",
        "Springfield, MA",
        "Riverside Tenants Union",
        "tenants.org",
        "school.edu",
        "Created",
        "signed in",
        "edited",
    ):
        assert text in telling, text


def test_the_comparison_of_organizations_shows_place_parent_and_website(staff_client):
    national = OrganizationFactory(name="Vote Everywhere")
    left = OrganizationFactory(name="Vote Boston", parent=national, website_domain="vb.org")
    right = OrganizationFactory(name="Vote Boston", website_domain="voteboston.net")
    candidate = DuplicateCandidate.objects.create(
        kind=DuplicateCandidate.Kind.ORGANIZATION,
        organization_a=left,
        organization_b=right,
        score=1,
        reasons=[],
    )

    content = staff_client.get(compare_url(candidate)).content.decode()

    telling = content[content.index("What tells them apart") : content.index("The two")]
    assert "Vote Everywhere" in telling
    assert "vb.org" in telling and "voteboston.net" in telling
    assert Organization.objects.count() == 3
