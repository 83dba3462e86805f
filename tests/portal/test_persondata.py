"""The person-data registry: every app's part of the /me/ download and of account deletion."""

import json

import pytest
from django.urls import reverse

from actlocal.models import AuditEntry, User
from actlocal.persondata import (
    PersonDataPart,
    persondata_parts,
    persondata_register,
    persondata_unregister,
)
from tests.directory.factories import AffiliationFactory

EVERY_SECTION = {
    "exported_at",
    "account",
    "leader_profile",
    "contact_messages_sent",
    "contact_messages_received",
    "audit_entries",
    "event_rsvps",
    "campaign_memberships",
}


@pytest.fixture
def fake_part():
    """A part as a plugin app would register it, removed again after the test."""
    calls: list[tuple[str, int]] = []

    def export(user: User) -> dict:
        calls.append(("export", user.pk))
        return {"fake_section": {"user": user.email}}

    def delete(user: User) -> dict:
        # It runs before the account goes: the user row is still there to read.
        assert User.objects.filter(pk=user.pk).exists()
        calls.append(("delete", user.pk))
        return {"fake_rows_deleted": 3}

    persondata_register(part=PersonDataPart(name="fake", export=export, delete=delete))
    yield calls
    persondata_unregister(name="fake")


def test_the_apps_register_their_parts_in_app_order():
    assert [part.name for part in persondata_parts()][:3] == ["directory", "events", "campaigns"]


@pytest.mark.django_db
def test_download_still_has_every_section_it_had(member_client, member_user):
    AffiliationFactory(leader=member_user.leader)

    data = json.loads(member_client.get(reverse("me_data")).content)

    assert set(data) >= EVERY_SECTION
    assert data["leader_profile"]["affiliations"]


@pytest.mark.django_db
def test_download_without_a_leader_profile_has_no_event_or_campaign_sections(client):
    user = User.objects.create_user(email="no-profile@example.org", password="pw-long-enough-1")
    client.force_login(user)

    data = json.loads(client.get(reverse("me_data")).content)

    assert data["leader_profile"] is None
    assert "event_rsvps" not in data and "campaign_memberships" not in data


@pytest.mark.django_db
def test_a_registered_part_adds_its_section_to_the_download(member_client, member_user, fake_part):
    data = json.loads(member_client.get(reverse("me_data")).content)

    assert data["fake_section"] == {"user": member_user.email}
    assert ("export", member_user.pk) in fake_part


@pytest.mark.django_db
def test_a_registered_part_is_called_on_deletion(member_client, member_user, fake_part):
    response = member_client.post(reverse("me_delete"), {"password": "correct-horse-battery"})

    assert response.status_code == 302
    assert ("delete", member_user.pk) in fake_part
    assert not User.objects.filter(pk=member_user.pk).exists()
    entry = AuditEntry.objects.get(action="account.delete")
    # Every part's counts land in the anonymous audit entry, the directory's as before.
    assert entry.data == {
        "had_leader_profile": True,
        "messages_sent": 0,
        "fake_rows_deleted": 3,
    }
