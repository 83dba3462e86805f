"""Accounts: allauth pages in the site's layout, sign-up claiming profiles, roles, rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from actlocal.models import User
from actlocal.permissions import ORGANIZERS_GROUP, is_member, is_organizer, is_staff
from directory.accounts import account_email_sync
from directory.models import Leader
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

PASSWORD = "a-long-and-unusual-passphrase-42"


def _h1_count(response) -> int:
    return len(re.findall(rb"<h1[\s>]", response.content))


def _assert_site_page(response) -> None:
    """Rendered inside base.html: our header, main landmark and footer, exactly one h1."""
    assert response.status_code == 200
    content = response.content
    assert b'class="site-header"' in content
    assert b'<main id="main"' in content
    assert b'class="site-footer"' in content
    assert _h1_count(response) == 1


def _signup(client: Client, *, email: str, name: str = "Dana Doe"):
    # Account mail leaves through the outbox once the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("account_signup"),
            {"name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        )


def _confirmation_link(message) -> str:
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def _confirm(client: Client, message):
    path = re.sub(r"^https?://[^/]+", "", _confirmation_link(message))
    return client.post(path)


# --- allauth pages look like the site --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
        "account_reset_password_from_key_done",
        "account_inactive",
    ],
)
def test_entrance_pages_render_in_the_site_layout_with_one_heading(anon_client, url_name):
    response = anon_client.get(reverse(url_name))
    _assert_site_page(response)
    assert b"allauth" not in response.content.lower().replace(b"allauth/", b"")


@pytest.mark.django_db
def test_login_form_uses_visible_labels_and_site_classes(anon_client):
    content = anon_client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">' in content
    assert '<label for="id_password">' in content
    assert 'class="panel auth-form' in content
    assert 'class="button"' in content


@pytest.mark.django_db
def test_signup_form_asks_for_name_email_and_password(anon_client):
    content = anon_client.get(reverse("account_signup")).content.decode()
    for field in ("id_name", "id_email", "id_password1", "id_password2"):
        assert f'<label for="{field}">' in content


@pytest.mark.django_db
def test_failed_login_shows_the_error_in_the_page(anon_client):
    UserFactory(email="known@example.org")
    response = anon_client.post(
        reverse("account_login"), {"login": "known@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert b"not correct" in response.content
    assert _h1_count(response) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "account_logout"])
def test_account_management_pages_render_in_the_site_layout(member_client, url_name):
    response = member_client.get(reverse(url_name))
    _assert_site_page(response)
    assert reverse("me").encode() in response.content  # breadcrumb back to the profile


@pytest.mark.django_db
def test_set_password_page_renders_for_an_account_without_one(client):
    user = User.objects.create_user(email="nopass@example.org", password=None)
    client.force_login(user)
    response = client.get(reverse("account_set_password"))
    _assert_site_page(response)
    assert b'<label for="id_password1">' in response.content


@pytest.mark.django_db
def test_confirm_email_page_renders_in_the_site_layout(anon_client):
    user = UserFactory(email="new@example.org", verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    key = EmailConfirmationHMAC(address).key
    response = anon_client.get(reverse("account_confirm_email", args=[key]))
    _assert_site_page(response)
    assert b"new@example.org" in response.content


@pytest.mark.django_db
def test_password_reset_from_key_page_renders_in_the_site_layout(anon_client):
    UserFactory(email="reset@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        anon_client.post(reverse("account_reset_password"), {"email": "reset@example.org"})
    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    response = anon_client.get(link, follow=True)
    _assert_site_page(response)
    assert b'<label for="id_password1">' in response.content


@pytest.mark.django_db
def test_bad_password_reset_key_says_so_in_the_site_layout(anon_client):
    response = anon_client.get("/accounts/password/reset/key/1-bad-key/")
    _assert_site_page(response)
    assert b"password reset" in response.content.lower()


# --- signing up ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_lowercases_the_email_and_waits_for_confirmation(anon_client):
    response = _signup(anon_client, email="Dana.Doe@Example.ORG")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "dana.doe@example.org"
    assert user.name == "Dana Doe"
    assert EmailAddress.objects.get(user=user).email == "dana.doe@example.org"
    # Nothing is created or claimed before the address is proven.
    assert not Leader.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana.doe@example.org"]
    assert "example.com" not in mail.outbox[0].body


@pytest.mark.django_db
def test_confirmed_signup_creates_a_self_registered_organizers_only_profile(anon_client):
    _signup(anon_client, email="dana@example.org", name="Dana Doe")
    response = _confirm(anon_client, mail.outbox[0])
    assert response.status_code == 302
    assert response["Location"] == reverse("me")
    leader = Leader.objects.get()
    assert leader.user == User.objects.get(email="dana@example.org")
    assert leader.name == "Dana Doe"
    assert leader.email == "dana@example.org"
    assert leader.source == Leader.Source.SELF
    # Listed to members or the public only once they consent on /me/ (see test_consent.py).
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    assert leader.consent_at is None


@pytest.mark.django_db
def test_confirmed_signup_claims_the_unlinked_profile_with_the_same_email(anon_client):
    imported = LeaderFactory(
        name="Ana Imported", email="ana@example.org", source=Leader.Source.IMPORT, user=None
    )
    _signup(anon_client, email="ANA@Example.org", name="Ana Signup")
    _confirm(anon_client, mail.outbox[0])
    assert Leader.objects.count() == 1
    imported.refresh_from_db()
    assert imported.user.email == "ana@example.org"
    # The imported profile keeps its data; sign-up does not overwrite it.
    assert imported.name == "Ana Imported"
    assert imported.source == Leader.Source.IMPORT


@pytest.mark.django_db
def test_signup_does_not_claim_a_profile_already_linked_to_someone_else(anon_client):
    other = UserFactory(email="other@example.org")
    LeaderFactory(user=other, email="other@example.org")
    LeaderFactory(email="someone-else@example.org", user=UserFactory())
    _signup(anon_client, email="fresh@example.org")
    _confirm(anon_client, mail.outbox[0])
    assert Leader.objects.count() == 3
    assert Leader.objects.get(email="fresh@example.org").user.email == "fresh@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize("linked_at_import", [True, False])
def test_imported_person_who_signs_up_gets_a_link_to_set_their_password(
    anon_client, linked_at_import
):
    imported_user = User.objects.create_user(email="imported@example.org", password=None)
    EmailAddress.objects.create(
        user=imported_user, email=imported_user.email, verified=True, primary=True
    )
    LeaderFactory(
        name="Ima Ported",
        email="imported@example.org",
        user=imported_user if linked_at_import else None,
    )

    response = _signup(anon_client, email="Imported@example.org")

    # The page gives nothing away (prevent enumeration) and no second account appears.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="imported@example.org").count() == 1
    message = mail.outbox[-1]
    assert message.to == ["imported@example.org"]
    assert "profile is waiting" in message.subject
    assert "profile" in message.body and "choose a password" in message.body
    link = re.search(r"/accounts/password/reset/key/\S+/", message.body).group(0)

    # Following the link sets the first password; signing in then claims the profile.
    page = anon_client.get(link, follow=True)
    anon_client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"password1": PASSWORD, "password2": PASSWORD},
    )
    imported_user.refresh_from_db()
    assert imported_user.check_password(PASSWORD)
    response = anon_client.post(
        reverse("account_login"), {"login": "imported@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert Leader.objects.get(email="imported@example.org").user == imported_user
    assert Leader.objects.count() == 1


@pytest.mark.django_db
def test_existing_member_who_signs_up_again_is_pointed_to_password_reset(anon_client):
    UserFactory(email="member2@example.org")
    _signup(anon_client, email="member2@example.org")
    message = mail.outbox[-1]
    assert "already have an ActLocal account" in message.subject
    assert "/accounts/password/reset/" in message.body


@pytest.mark.django_db
def test_sign_in_without_a_leader_profile_creates_one(anon_client):
    user = UserFactory(email="early@example.org", name="Early Bird")
    assert not Leader.objects.filter(user=user).exists()
    response = anon_client.post(
        reverse("account_login"),
        {"login": "early@example.org", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    leader = Leader.objects.get(user=user)
    assert leader.name == "Early Bird"
    assert leader.email == "early@example.org"


@pytest.mark.django_db
def test_changing_the_primary_email_updates_the_private_profile_email(member_user):
    member_user.email = "new-address@example.org"
    member_user.save(update_fields=["email"])
    account_email_sync(user=member_user)
    assert Leader.objects.get(user=member_user).email == "new-address@example.org"


@pytest.mark.django_db
def test_email_sync_never_steals_the_address_of_another_profile(member_user):
    LeaderFactory(email="taken@example.org", user=None)
    member_user.email = "taken@example.org"
    member_user.save(update_fields=["email"])
    account_email_sync(user=member_user)
    assert Leader.objects.get(user=member_user).email == "member@example.org"


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_network_organizers_group_exists_after_migrations():
    assert Group.objects.filter(name=ORGANIZERS_GROUP).exists()


@pytest.mark.django_db
def test_roles_staff_organizer_leader_and_public(member_user, organizer_user, staff_user):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert (is_member(anonymous), is_organizer(anonymous), is_staff(anonymous)) == (
        False,
        False,
        False,
    )
    assert (is_member(member_user), is_organizer(member_user), is_staff(member_user)) == (
        True,
        False,
        False,
    )
    assert (is_organizer(organizer_user), is_staff(organizer_user)) == (True, False)
    assert (is_organizer(staff_user), is_staff(staff_user)) == (True, True)


@pytest.mark.django_db
def test_only_staff_reach_the_admin(member_client, organizer_client, staff_client):
    assert member_client.get("/admin/").status_code == 302
    assert organizer_client.get("/admin/").status_code == 302
    assert staff_client.get("/admin/").status_code == 200


# --- rate limits -----------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(ADMIN_LOGIN_RATE="3/m")
def test_admin_login_is_rate_limited(anon_client):
    UserFactory(email="admin@example.org", is_staff=True)
    for _ in range(3):
        response = anon_client.post(
            "/admin/login/", {"username": "admin@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
    response = anon_client.post(
        "/admin/login/", {"username": "admin@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    assert "_auth_user_id" not in anon_client.session


@pytest.mark.django_db
@override_settings(ADMIN_LOGIN_RATE="3/m")
def test_admin_login_limit_is_per_client_address():
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(4):
        first.post("/admin/login/", {"username": "x@example.org", "password": "wrong"})
    response = second.post("/admin/login/", {"username": "x@example.org", "password": "wrong"})
    assert response.status_code == 200
