"""The directory admin: lists, search, filters, saves through services, read-only relay."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry, Topic
from directory.models import (
    Affiliation,
    ContactMessage,
    Leader,
    LeaderRole,
    Organization,
    Resource,
)
from tests.actlocal.factories import UserFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_data(db):
    housing = Topic.objects.get(slug="housing")
    student = LeaderRole.objects.get(slug="student")
    national = OrganizationFactory(
        name="Vote Everywhere", kind=Organization.Kind.NATIONAL, scope="national", state=""
    )
    chapter = OrganizationFactory(
        name="Vote Boston",
        kind=Organization.Kind.CHAPTER,
        parent=national,
        topics=[housing],
    )
    account = UserFactory(email="ana@example.org")
    ana = LeaderFactory(
        name="Ana Diaz",
        email="ana@example.org",
        user=account,
        topics=[housing],
        roles=[student],
    )
    AffiliationFactory(leader=ana, organization=chapter, role_title="Chair")
    ResourceFactory(title="Rent guide", provider=chapter, topics=[housing], state="MA")
    ContactMessage.objects.create(
        sender=UserFactory(email="sender@example.org"),
        recipient=ana,
        subject="Tenant meeting",
        body="Can we talk?",
        sent_at=timezone.now(),
    )
    return {"housing": housing, "student": student, "chapter": chapter, "ana": ana}


CHANGELISTS = [
    ("leader", "", 1),
    ("leader", "?q=ana", 1),
    ("leader", "?q=ana@example.org", 1),
    ("leader", "?q=Cambridge", 1),
    ("leader", "?q=nobody-matches", 0),
    ("leader", "?state__exact=MA", 1),
    ("leader", "?area_type__exact=urban", 1),
    ("leader", "?area_lean__exact=red", 0),
    ("leader", "?visibility__exact=public", 1),
    ("leader", "?source__exact=staff", 1),
    ("leader", "?account=yes", 1),
    ("leader", "?account=no", 0),
    ("leader", "?roles__id__exact={student}", 1),
    ("leader", "?topics__id__exact={housing}", 1),
    ("organization", "", 2),
    ("organization", "?q=boston", 1),
    ("organization", "?kind__exact=chapter", 1),
    ("organization", "?scope__exact=national", 1),
    ("organization", "?state__exact=MA", 1),
    ("organization", "?verified__exact=1", 2),
    ("organization", "?topics__id__exact={housing}", 1),
    ("resource", "", 1),
    ("resource", "?q=rent", 1),
    ("resource", "?q=vote+boston", 1),
    ("resource", "?kind__exact=toolkit", 1),
    ("resource", "?scope__exact=local", 0),
    ("resource", "?state__exact=MA", 1),
    ("resource", "?topics__id__exact={housing}", 1),
    ("affiliation", "", 1),
    ("affiliation", "?q=chair", 1),
    ("affiliation", "?organization__kind__exact=chapter", 1),
    ("affiliation", "?organization__state__exact=MA", 1),
    ("leaderrole", "?q=student", 1),
    ("contactmessage", "", 1),
    ("contactmessage", "?q=tenant", 1),
    ("contactmessage", "?delivered=yes", 1),
    ("contactmessage", "?delivered=no", 0),
]


@pytest.mark.parametrize(("model", "query", "count"), CHANGELISTS)
def test_changelist_search_and_filters_load_with_data(
    staff_client, directory_data, model, query, count
):
    ids = {"student": directory_data["student"].pk, "housing": directory_data["housing"].pk}
    response = staff_client.get(
        reverse(f"admin:directory_{model}_changelist") + query.format(**ids)
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize(
    "model", ["leader", "organization", "resource", "affiliation", "leaderrole", "contactmessage"]
)
def test_change_pages_load_for_every_model(staff_client, directory_data, model):
    obj = {
        "leader": directory_data["ana"],
        "organization": directory_data["chapter"],
        "resource": Resource.objects.get(),
        "affiliation": Affiliation.objects.get(),
        "leaderrole": directory_data["student"],
        "contactmessage": ContactMessage.objects.get(),
    }[model]
    response = staff_client.get(reverse(f"admin:directory_{model}_change", args=[obj.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["leader", "organization", "resource"])
def test_import_and_export_pages_load_with_the_column_guide(staff_client, model):
    for view in ("import", "export"):
        response = staff_client.get(reverse(f"admin:directory_{model}_{view}"))
        assert response.status_code == 200
        assert b"(required)" in response.content


def test_export_page_warns_that_leader_exports_hold_private_contacts(staff_client):
    response = staff_client.get(reverse("admin:directory_leader_export"))
    assert b"private email addresses and phone numbers" in response.content


@pytest.mark.parametrize("model", ["leader", "organization", "resource"])
def test_changelist_queries_do_not_grow_with_rows(staff_client, model):
    factory = {"leader": LeaderFactory, "organization": OrganizationFactory}.get(
        model, ResourceFactory
    )
    url = reverse(f"admin:directory_{model}_changelist")
    factory()
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    factory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        assert staff_client.get(url).status_code == 200
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_anonymous_and_members_cannot_open_the_directory_admin(anon_client, member_client):
    for client in (anon_client, member_client):
        response = client.get(reverse("admin:directory_leader_changelist"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def management_data(response) -> dict:
    """The inline formsets' management fields of an admin add page, as a browser posts them."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        form = inline.formset.management_form
        for name in form.fields:
            data[f"{inline.formset.prefix}-{name}"] = form[name].value()
    return data


def test_adding_a_leader_goes_through_the_service(staff_client, staff_user, directory_data):
    url = reverse("admin:directory_leader_add")
    data = management_data(staff_client.get(url))
    data.update(
        {
            "name": "Bo Li",
            "visibility": "members",
            "email": "Bo.Li@Example.org",
            "phone": "",
            "city": "Austin",
            "state": "TX",
            "zip_code": "78701",
            "area_type": "urban",
            "area_lean": "purple",
            "bio": "Organizes tenants.",
            "topics": [directory_data["housing"].pk],
            "roles": [directory_data["student"].pk],
            "affiliations-TOTAL_FORMS": "1",
            "affiliations-0-organization": directory_data["chapter"].pk,
            "affiliations-0-role_title": "Organizer",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    bo = Leader.objects.get(name="Bo Li")
    assert bo.email == "bo.li@example.org"
    assert bo.slug == "bo-li"
    assert bo.latitude and bo.longitude
    assert bo.source == Leader.Source.STAFF
    assert list(bo.topics.all()) == [directory_data["housing"]]
    assert bo.affiliations.get().role_title == "Organizer"
    assert AuditEntry.objects.filter(
        action="leader.create", object_id=str(bo.pk), actor=staff_user
    ).exists()


def test_admin_refuses_an_email_that_differs_only_in_case(staff_client, directory_data):
    url = reverse("admin:directory_leader_add")
    data = management_data(staff_client.get(url))
    data.update({"name": "Copy", "visibility": "organizers", "email": "ANA@example.org"})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert Leader.objects.count() == 1


def test_changing_an_organization_recomputes_derived_fields(staff_client, staff_user):
    org = OrganizationFactory(name="Faith Alliance", slug="faith-alliance")
    url = reverse("admin:directory_organization_change", args=[org.pk])
    data = management_data(staff_client.get(url))
    data.update(
        {
            "name": "Faith Alliance",
            "kind": "faith",
            "scope": "state",
            "city": "Columbus",
            "state": "OH",
            "zip_code": "43215",
            "website": "https://www.FaithAlliance.example.org/join",
            "description": "",
            "public_email": "",
            "public_phone": "",
            "verified": "on",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    org.refresh_from_db()
    assert org.website_domain == "faithalliance.example.org"
    assert round(org.latitude) == 40
    assert AuditEntry.objects.filter(action="organization.update", object_id=str(org.pk)).exists()


def test_adding_a_resource_gets_a_slug(staff_client):
    url = reverse("admin:directory_resource_add")
    response = staff_client.post(
        url,
        {"title": "Voter guide", "kind": "toolkit", "scope": "national", "url": "", "city": ""},
    )
    assert response.status_code == 302
    assert Resource.objects.get().slug == "voter-guide"


def test_contact_messages_are_read_only_for_staff(staff_client, directory_data):
    message = ContactMessage.objects.get()
    change = reverse("admin:directory_contactmessage_change", args=[message.pk])
    assert b"Can we talk?" in staff_client.get(change).content
    assert staff_client.post(change, {"subject": "Edited"}).status_code == 403
    assert staff_client.get(reverse("admin:directory_contactmessage_add")).status_code == 403
    delete = reverse("admin:directory_contactmessage_delete", args=[message.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    message.refresh_from_db()
    assert message.subject == "Tenant meeting"


def test_create_accounts_action_gives_leaders_a_verified_login(staff_client):
    leader = LeaderFactory(email="nologin@example.org", user=None)
    response = staff_client.post(
        reverse("admin:directory_leader_changelist"),
        {"action": "create_accounts", "_selected_action": [leader.pk]},
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.user.email == "nologin@example.org"
    assert not leader.user.has_usable_password()
    assert EmailAddress.objects.get(user=leader.user).verified
