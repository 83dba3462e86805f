"""Shareable invite links: limited uses, expiry, revocation, and no duplicates under load."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Leader
from events.models import RSVP, Invitation, InviteLink
from events.services.invitations import (
    InvitationError,
    invite_link_create,
    invite_link_revoke,
)
from events.tokens import new_token
from tests.directory.factories import LeaderFactory

YES = {"going": "yes", "name": "Lin Kuser", "email": "Lin@Example.org"}


def make_link(event, *, max_uses=3, expires_in=timedelta(days=3), uses=0, revoked=False):
    token, selector = new_token()
    return InviteLink.objects.create(
        event=event,
        token=token,
        token_selector=selector,
        max_uses=max_uses,
        uses=uses,
        expires_at=timezone.now() + expires_in,
        revoked_at=timezone.now() if revoked else None,
    )


def _url(link) -> str:
    return reverse("events:invitation", kwargs={"token": link.token})


@pytest.fixture
def link(event):
    return make_link(event)


def _nothing_created():
    assert not RSVP.objects.exists()
    assert not Leader.objects.filter(email="lin@example.org").exists()
    assert not Invitation.objects.filter(email="lin@example.org").exists()


@pytest.mark.django_db
def test_the_link_page_asks_for_a_name_and_an_email(anon_client, link):
    response = anon_client.get(_url(link))
    assert response.status_code == 200
    assert 'name="name"' in response.content.decode()
    assert 'name="email"' in response.content.decode()


@pytest.mark.django_db
def test_a_signed_in_member_accepts_as_themselves(member_client, member_user, link):
    response = member_client.get(_url(link))
    assert 'name="email"' not in response.content.decode()
    response = member_client.post(_url(link), {"going": "yes"})
    assert response.status_code == 302
    assert response["Location"] == link.event.get_absolute_url()
    assert RSVP.objects.get().leader == member_user.leader
    assert Invitation.objects.get().email == "member@example.org"


@pytest.mark.django_db
def test_declining_through_a_link_records_nothing_and_spends_no_use(anon_client, link):
    response = anon_client.post(_url(link), {"going": "no"})
    assert response.status_code == 200
    link.refresh_from_db()
    assert link.uses == 0
    _nothing_created()


@pytest.mark.django_db
def test_an_invalid_email_is_refused_with_400(anon_client, link):
    response = anon_client.post(_url(link), {**YES, "email": "not an email"})
    assert response.status_code == 400
    _nothing_created()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs",
    [
        {"uses": 3, "max_uses": 3},
        {"expires_in": timedelta(minutes=-1)},
        {"revoked": True},
    ],
    ids=["used-up", "expired", "revoked"],
)
def test_an_unusable_link_is_refused_with_a_clear_message(anon_client, event, kwargs):
    link = make_link(event, **kwargs)
    for response in (anon_client.get(_url(link)), anon_client.post(_url(link), YES)):
        assert response.status_code == 410
        assert b"This invite link no longer works" in response.content
    _nothing_created()


@pytest.mark.django_db
def test_creating_and_revoking_a_link(event, lead_user):
    link = invite_link_create(
        event=event,
        max_uses=5,
        expires_at=timezone.now() + timedelta(days=2),
        label="Faith leaders",
        actor=lead_user,
    )
    assert link.is_usable and len(link.token) >= 40
    invite_link_revoke(link=link, actor=lead_user)
    link.refresh_from_db()
    assert link.revoked_at is not None and not link.is_usable


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("max_uses", "expires_in"), [(0, timedelta(days=1)), (3, timedelta(minutes=-5))]
)
def test_a_link_needs_a_use_and_a_future_expiry(event, lead_user, max_uses, expires_in):
    with pytest.raises(InvitationError):
        invite_link_create(
            event=event,
            max_uses=max_uses,
            expires_at=timezone.now() + expires_in,
            label="",
            actor=lead_user,
        )
    assert not InviteLink.objects.exists()


@pytest.mark.django_db
def test_a_signed_in_account_with_an_unconfirmed_address_cannot_claim_a_profile_by_link(link):
    from django.test import Client

    from tests.actlocal.factories import UserFactory

    LeaderFactory(email="unconfirmed@example.org", name="Imported Person")
    user = UserFactory(email="unconfirmed@example.org", verified=False)
    client = Client()
    client.force_login(user)

    response = client.post(_url(link), {"going": "yes"})

    assert response.status_code == 400
    assert b"confirm your email address" in response.content
    assert not RSVP.objects.exists()
    assert Leader.objects.get(email="unconfirmed@example.org").user is None
    link.refresh_from_db()
    assert link.uses == 0
