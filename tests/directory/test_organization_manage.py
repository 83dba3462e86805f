"""An organization's public profile kept by its managers: who may (per role), what a save
changes (all or nothing, never a 500), and that public pages show it at once."""

import pytest
from django.test import Client
from django.urls import reverse

from actlocal.models import AuditEntry, Topic
from directory.models import Affiliation, Organization
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignRoleFactory
from tests.events.factories import EventRoleFactory

from .factories import AffiliationFactory, LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def manage_url(organization) -> str:
    return reverse("directory:organization_manage", kwargs={"slug": organization.slug})


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def manager_of(organization, email: str) -> Client:
    """A leader with an account, affiliated with `organization` as a manager, signed in."""
    user = UserFactory(email=email)
    leader = LeaderFactory(user=user, email=email)
    AffiliationFactory(leader=leader, organization=organization, manages_profile=True)
    return _signed_in(user)


@pytest.fixture
def organization():
    return OrganizationFactory(
        name="Cambridge Tenants Union",
        description="We organize tenants.",
        website="https://old.example.org",
        website_domain="old.example.org",
    )


@pytest.fixture
def manager_client(organization):
    return manager_of(organization, "manager@example.org")


@pytest.fixture
def role_client(request, organization, anon_client, member_client):
    """A client per role, by name."""
    role = request.param
    if role == "anonymous":
        return anon_client
    if role == "member":
        return member_client
    if role == "manager":
        return manager_of(organization, "manager@example.org")
    if role == "other_manager":
        return manager_of(OrganizationFactory(name="Somerville Renters"), "other@example.org")
    if role == "affiliated_not_manager":
        user = UserFactory(email="plain@example.org")
        AffiliationFactory(leader=LeaderFactory(user=user), organization=organization)
        return _signed_in(user)
    if role == "event_team":
        user = UserFactory(email="team@example.org")
        EventRoleFactory(user=user)
        CampaignRoleFactory(user=user)
        return _signed_in(user)
    return request.getfixturevalue(f"{role}_client")


def _form(**changes) -> dict:
    data = {
        "description": "We organize tenants.",
        "description_es": "",
        "website": "https://old.example.org",
        "public_email": "",
        "public_phone": "",
        "logo_alt": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role_client", "get_status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("affiliated_not_manager", 403),
        ("other_manager", 403),
        ("event_team", 403),
        ("manager", 200),
        ("organizer", 200),
        ("staff", 200),
    ],
    indirect=["role_client"],
)
def test_only_staff_organizers_and_the_organizations_managers_may_manage_it(
    role_client, get_status, organization
):
    response = role_client.get(manage_url(organization))
    assert response.status_code == get_status
    if get_status == 302:
        assert reverse("account_login") in response["Location"]

    response = role_client.post(manage_url(organization), _form(description="Hijacked"))
    assert response.status_code == (302 if get_status in (200, 302) else get_status)
    saved = Organization.objects.get(pk=organization.pk).description
    assert (saved == "Hijacked") == (get_status == 200)


def test_an_organization_that_does_not_exist_is_a_404(manager_client):
    assert manager_client.get("/directory/organizations/nobody/manage/").status_code == 404


def test_a_manager_saves_the_profile_and_the_save_is_audited(manager_client, organization):
    housing = Topic.objects.get(slug="housing")
    response = manager_client.post(
        manage_url(organization),
        _form(
            description="Tenants of Cambridge, organized.",
            description_es="Inquilinos de Cambridge, organizados.",
            website="new.example.org",
            public_email="hello@ctu.example.org",
            public_phone="617-555-0100",
            topics=[housing.pk],
        ),
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.description_es == "Inquilinos de Cambridge, organizados."
    assert organization.website == "https://new.example.org"
    assert organization.website_domain == "new.example.org"
    assert organization.public_phone == "617-555-0100"
    assert list(organization.topics.all()) == [housing]
    entry = AuditEntry.objects.get(action="organization.profile.update")
    assert entry.object_id == str(organization.pk)
    assert "description_es" in entry.data["fields"] and "topics" in entry.data["fields"]
    assert "The profile is saved" in manager_client.get(manage_url(organization)).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("public_email", "not an address", "Enter a valid email address."),
        ("public_phone", "call us maybe", "Enter a phone number"),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("description_es", "x" * 5001, "at most 5000 characters"),
    ],
)
def test_bad_input_is_a_400_with_its_message_and_saves_nothing(
    manager_client, organization, field, value, message
):
    response = manager_client.post(
        manage_url(organization), _form(description="Changed too", **{field: value})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    organization.refresh_from_db()
    assert organization.description == "We organize tenants."
    assert not AuditEntry.objects.filter(action="organization.profile.update").exists()


def test_the_public_page_shows_a_change_at_once_though_it_was_cached(
    manager_client, organization, anon_client
):
    url = organization.get_absolute_url()
    assert "We organize tenants." in anon_client.get(url).content.decode()
    assert anon_client.get(url)["X-Directory-Cache"] == "hit"
    list_page = anon_client.get("/directory/organizations/").content.decode()
    assert "We organize tenants." in list_page

    manager_client.post(manage_url(organization), _form(description="Fresh words."))

    page = anon_client.get(url)
    assert page["X-Directory-Cache"] == "miss"
    assert "Fresh words." in page.content.decode()
    assert "Fresh words." in anon_client.get("/directory/organizations/").content.decode()


def _page(url: str, language: str) -> str:
    return Client().get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_spanish_readers_see_the_spanish_description_when_there_is_one(organization):
    organization.description_es = "Organizamos a los inquilinos."
    organization.save()
    url = organization.get_absolute_url()

    spanish = _page(url, "es")
    assert "Organizamos a los inquilinos." in spanish and "We organize tenants." not in spanish
    assert 'content="Organizamos a los inquilinos.' in spanish  # the meta/Open Graph text
    assert "Organizamos a los inquilinos." in _page("/directory/organizations/", "es")
    english = _page(url, "en")
    assert "We organize tenants." in english and "Organizamos" not in english
    assert "We organize tenants." in _page("/directory/organizations/", "en")


def test_spanish_readers_see_the_original_when_there_is_no_spanish_version(organization):
    assert "We organize tenants." in _page(organization.get_absolute_url(), "es")


# --- Managers ----------------------------------------------------------------------------------


def managers_url(organization) -> str:
    return reverse("directory:organization_managers", kwargs={"slug": organization.slug})


def test_a_manager_names_another_leader_of_the_organization_audited(manager_client, organization):
    colleague = AffiliationFactory(
        organization=organization, leader=LeaderFactory(user=UserFactory(), name="Cleo Colleague")
    )
    page = manager_client.get(manage_url(organization)).content.decode()
    assert "Cleo Colleague" in page

    response = manager_client.post(managers_url(organization), {"affiliation": colleague.pk})

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.manages_profile
    entry = AuditEntry.objects.get(action="organization.manager.grant")
    assert entry.object_id == str(organization.pk)
    assert entry.data["leader"] == colleague.leader_id


def test_leaders_of_another_organization_or_without_an_account_cannot_be_named(
    manager_client, organization
):
    elsewhere = AffiliationFactory(leader=LeaderFactory(user=UserFactory()))
    no_account = AffiliationFactory(organization=organization, leader=LeaderFactory(user=None))
    for affiliation in (elsewhere, no_account):
        response = manager_client.post(managers_url(organization), {"affiliation": affiliation.pk})
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not Affiliation.objects.filter(
        pk__in=[elsewhere.pk, no_account.pk], manages_profile=True
    )


def test_a_manager_removes_another_manager_but_not_themself(manager_client, organization):
    other = AffiliationFactory(
        organization=organization, leader=LeaderFactory(user=UserFactory()), manages_profile=True
    )
    own = Affiliation.objects.get(
        organization=organization, leader__user__email="manager@example.org"
    )

    manager_client.post(managers_url(organization), {"action": "revoke", "affiliation": own.pk})
    manager_client.post(managers_url(organization), {"action": "revoke", "affiliation": other.pk})

    own.refresh_from_db()
    other.refresh_from_db()
    assert own.manages_profile and not other.manages_profile
    assert AuditEntry.objects.filter(action="organization.manager.revoke").count() == 1


@pytest.mark.parametrize(
    "role_client", ["member", "other_manager", "event_team"], indirect=["role_client"]
)
def test_people_who_may_not_manage_cannot_name_managers(role_client, organization):
    affiliation = AffiliationFactory(
        organization=organization, leader=LeaderFactory(user=UserFactory())
    )
    response = role_client.post(managers_url(organization), {"affiliation": affiliation.pk})
    assert response.status_code == 403
    affiliation.refresh_from_db()
    assert not affiliation.manages_profile


def test_staff_name_a_manager_in_the_admin_audited(staff_client, organization):
    affiliation = AffiliationFactory(
        organization=organization, leader=LeaderFactory(user=UserFactory())
    )
    response = staff_client.post(
        f"/admin/directory/affiliation/{affiliation.pk}/change/",
        {
            "leader": affiliation.leader_id,
            "organization": organization.pk,
            "role_title": "Chair",
            "manages_profile": "on",
        },
    )
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.manages_profile and affiliation.role_title == "Chair"
    entry = AuditEntry.objects.get(action="organization.manager.grant")
    assert entry.actor.email == "staff@example.org"


def test_staff_name_a_manager_on_the_organizations_admin_page_audited(staff_client, organization):
    from .test_organization_logo import _form as admin_form

    affiliation = AffiliationFactory(
        organization=organization, leader=LeaderFactory(user=UserFactory())
    )
    data = admin_form(
        organization,
        **{
            "affiliations-TOTAL_FORMS": 1,
            "affiliations-INITIAL_FORMS": 1,
            "affiliations-0-id": affiliation.pk,
            "affiliations-0-organization": organization.pk,
            "affiliations-0-leader": affiliation.leader_id,
            "affiliations-0-role_title": "Member",
            "affiliations-0-manages_profile": "on",
        },
    )
    response = staff_client.post(f"/admin/directory/organization/{organization.pk}/change/", data)
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.manages_profile
    assert AuditEntry.objects.filter(
        action="organization.manager.grant", object_id=str(organization.pk)
    ).exists()
