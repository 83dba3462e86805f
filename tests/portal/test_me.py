"""/me/: editing my profile, downloading my data, deleting my account."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry, Topic, User
from directory.models import Affiliation, ContactMessage, Leader, LeaderRole
from tests.actlocal.factories import TopicFactory, UserFactory
from tests.directory.factories import AffiliationFactory, LeaderFactory

ME_URLS = ["me", "me_data", "me_delete"]


def _profile_data(**overrides) -> dict:
    data = {
        "name": "Mara Q. Member",
        "city": "Cambridge",
        "state": "MA",
        "zip_code": "02139",
        "area_type": "urban",
        "area_lean": "blue",
        "bio": "I organize tenants in my building.",
        "phone": "617-555-0199",
        "visibility": "public",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ME_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(anon_client, url_name):
    url = reverse(url_name)
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["member_client", "organizer_client", "staff_client"])
def test_every_signed_in_role_reaches_its_own_profile(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    response = client.get(reverse("me"))
    assert response.status_code == 200
    assert b"<h1>My profile</h1>" in response.content


@pytest.mark.django_db
def test_organizer_sees_their_role_on_the_profile(organizer_client):
    assert b"Network organizer" in organizer_client.get(reverse("me")).content


@pytest.mark.django_db
def test_account_without_a_confirmed_address_is_asked_to_confirm_it(client):
    user = UserFactory(email="unconfirmed@example.org", verified=False)
    client.force_login(user)
    response = client.get(reverse("me"))
    assert response.status_code == 200
    assert b"confirm" in response.content
    assert not Leader.objects.filter(user=user).exists()


# --- editing the profile ---------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_page_links_to_my_listed_profile(member_client, member_user):
    response = member_client.get(reverse("me"))
    assert member_user.leader.get_absolute_url().encode() in response.content


@pytest.mark.django_db
def test_saving_the_profile_updates_every_field(member_client, member_user):
    # Topics and roles seeded by the directory's migrations.
    housing = Topic.objects.get(slug="housing")
    voting = Topic.objects.get(slug="voting-elections")
    role = LeaderRole.objects.get(slug="community-organizer")
    data = _profile_data(topics=[housing.pk, voting.pk], roles=[role.pk])

    response = member_client.post(reverse("me"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("me")
    leader = Leader.objects.get(user=member_user)
    assert leader.name == "Mara Q. Member"
    assert (leader.city, leader.state, leader.zip_code) == ("Cambridge", "MA", "02139")
    assert (leader.area_type, leader.area_lean) == ("urban", "blue")
    assert leader.phone == "617-555-0199"
    assert leader.visibility == Leader.Visibility.PUBLIC
    assert leader.consent_at is not None
    assert leader.latitude is not None  # placed by ZIP centroid
    assert set(leader.topics.all()) == {housing, voting}
    assert list(leader.roles.all()) == [role]
    member_user.refresh_from_db()
    assert member_user.name == "Mara Q. Member"
    assert AuditEntry.objects.filter(
        action="leader.update", object_id=str(leader.pk), actor=member_user
    ).exists()


@pytest.mark.django_db
def test_saved_profile_page_confirms_the_save(member_client):
    response = member_client.post(reverse("me"), _profile_data(), follow=True)
    assert b"Your profile has been saved." in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"zip_code": "99999"}, "zip_code", "could not find the ZIP code"),
        ({"zip_code": "abc"}, "zip_code", "five-digit US ZIP code"),
        ({"zip_code": "10001"}, "zip_code", "is in New York, not Massachusetts"),
        ({"name": "   "}, "name", "required"),
        ({"state": "ZZ"}, "state", "valid choice"),
        ({"phone": "call me maybe"}, "phone", "phone number"),
        ({"visibility": "everyone"}, "visibility", "valid choice"),
        ({"consent": None}, "consent", "tick this box"),
        ({"bio": "x" * 2001}, "bio", "at most 2000"),
    ],
)
def test_invalid_profile_is_refused_with_400_and_changes_nothing(
    member_client, member_user, overrides, field, message
):
    before = Leader.objects.values().get(user=member_user)
    response = member_client.post(reverse("me"), _profile_data(**overrides))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    # The error summary links to the field so it can be reached from the top of the page.
    assert f'href="#id_{field}'.encode() in response.content
    assert Leader.objects.values().get(user=member_user) == before


@pytest.mark.django_db
def test_organizers_only_needs_no_consent_and_withdraws_it(member_client, member_user):
    response = member_client.post(
        reverse("me"), _profile_data(visibility="organizers", consent=None)
    )
    assert response.status_code == 302
    leader = Leader.objects.get(user=member_user)
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    assert leader.consent_at is None


@pytest.mark.django_db
def test_widening_visibility_renews_the_consent_time(member_client, member_user):
    leader = member_user.leader
    old = leader.consent_at = timezone.now() - timedelta(days=30)
    leader.save(update_fields=["consent_at"])
    member_client.post(reverse("me"), _profile_data(visibility="public"))
    leader.refresh_from_db()
    assert leader.consent_at > old


@pytest.mark.django_db
def test_profile_bio_is_escaped_on_my_page(member_client):
    member_client.post(reverse("me"), _profile_data(bio="<script>alert(1)</script>"))
    content = member_client.get(reverse("me")).content
    assert b"<script>alert(1)</script>" not in content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in content


# --- my data ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_data_download_is_a_json_attachment_with_everything_about_me(member_client, member_user):
    leader = member_user.leader
    leader.phone = "617-555-0142"
    leader.save(update_fields=["phone"])
    topic = TopicFactory(slug="tenant-unions", name="Tenant unions")
    leader.topics.add(topic)
    AffiliationFactory(leader=leader, organization__name="Tenants Together", role_title="Chair")
    other = LeaderFactory(name="Rosa Recipient", email="rosa@private.example.org")
    writer = UserFactory(email="writer@example.org", name="Walt Writer")
    ContactMessage.objects.create(sender=member_user, recipient=other, subject="Hi", body="Hello")
    ContactMessage.objects.create(sender=writer, recipient=leader, subject="Yo", body="Hey you")

    response = member_client.get(reverse("me_data"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert data["account"]["email"] == "member@example.org"
    assert data["account"]["email_addresses"][0]["verified"] is True
    profile = data["leader_profile"]
    assert profile["email"] == "member@example.org"
    assert profile["phone"] == "617-555-0142"
    assert profile["topics"] == ["Tenant unions"]
    assert profile["affiliations"][0]["organization"] == "Tenants Together"
    assert profile["affiliations"][0]["role_title"] == "Chair"
    assert data["contact_messages_sent"][0]["to"] == "Rosa Recipient"
    assert data["contact_messages_sent"][0]["created_at"]
    assert data["contact_messages_received"][0]["from"] == "Walt Writer"
    # Other people's addresses are not mine to download.
    assert b"rosa@private.example.org" not in response.content
    assert b"writer@example.org" not in response.content


@pytest.mark.django_db
def test_data_download_includes_audit_entries_about_me(member_client, member_user):
    member_client.post(reverse("me"), _profile_data())
    data = json.loads(member_client.get(reverse("me_data")).content)
    actions = [entry["action"] for entry in data["audit_entries"]]
    assert "leader.update" in actions
    assert all(entry["by_me"] for entry in data["audit_entries"])


@pytest.mark.django_db
def test_data_download_refuses_post(member_client):
    assert member_client.post(reverse("me_data")).status_code == 405


# --- deleting the account --------------------------------------------------------------------


@pytest.mark.django_db
def test_delete_page_explains_what_goes_and_asks_for_the_password(member_client):
    response = member_client.get(reverse("me_delete"))
    assert response.status_code == 200
    assert b"What will be deleted" in response.content
    assert b'name="password"' in response.content


@pytest.mark.django_db
def test_wrong_password_deletes_nothing(member_client, member_user):
    response = member_client.post(reverse("me_delete"), {"password": "not-it"})
    assert response.status_code == 400
    assert b"That password is not correct." in response.content
    assert User.objects.filter(pk=member_user.pk).exists()
    assert Leader.objects.filter(user=member_user).exists()


@pytest.mark.django_db
def test_deleting_the_account_removes_personal_data_and_keeps_anonymous_counts(
    member_client, member_user
):
    leader = member_user.leader
    leader_pk = leader.pk
    AffiliationFactory(leader=leader)
    recipient = LeaderFactory()
    sent = ContactMessage.objects.create(
        sender=member_user, recipient=recipient, subject="Hello", body="Let's meet"
    )
    received = ContactMessage.objects.create(
        sender=UserFactory(), recipient=leader, subject="Hi", body="Hi there"
    )
    member_client.post(reverse("me"), _profile_data())
    assert AuditEntry.objects.filter(actor=member_user).exists()

    response = member_client.post(
        reverse("me_delete"), {"password": "correct-horse-battery"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    assert b"Your account and your personal data have been deleted." in response.content
    assert "_auth_user_id" not in member_client.session
    assert not User.objects.filter(email="member@example.org").exists()
    assert not Leader.objects.filter(pk=leader_pk).exists()
    assert not Leader.objects.filter(email="member@example.org").exists()
    assert not EmailAddress.objects.filter(email="member@example.org").exists()
    assert not Affiliation.objects.filter(leader_id=leader_pk).exists()
    sent.refresh_from_db()
    received.refresh_from_db()
    assert sent.sender is None and sent.recipient == recipient
    assert received.recipient is None
    assert ContactMessage.objects.count() == 2  # the count of relayed messages stays
    assert not AuditEntry.objects.filter(actor_id=member_user.pk).exists()
    entry = AuditEntry.objects.get(action="account.delete")
    assert entry.actor is None and entry.object_id == ""
    assert entry.data == {"had_leader_profile": True, "messages_sent": 1}
    assert member_client.get(reverse("me")).status_code == 302


@pytest.mark.django_db
def test_passwordless_account_confirms_deletion_by_typing_delete(client):
    user = User.objects.create_user(email="imported@example.org", password=None)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    page = client.get(reverse("me_delete"))
    assert b'name="confirmation"' in page.content and b'name="password"' not in page.content

    refused = client.post(reverse("me_delete"), {"confirmation": "yes please"})
    assert refused.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()

    response = client.post(reverse("me_delete"), {"confirmation": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(email="imported@example.org").exists()


@pytest.mark.django_db
def test_password_guessing_on_the_delete_form_is_rate_limited(member_client, member_user):
    for _ in range(5):
        member_client.post(reverse("me_delete"), {"password": "guess"})
    response = member_client.post(reverse("me_delete"), {"password": "correct-horse-battery"})
    assert response.status_code == 429
    assert User.objects.filter(pk=member_user.pk).exists()
