"""Sections other apps register on a leader's page: shown to the leader, organizers and staff."""

import pytest
from django.urls import reverse

from directory.leader_sections import (
    LeaderSection,
    _sections,
    leader_private_sections_load,
    leader_section_register,
)
from tests.directory.factories import LeaderFactory


@pytest.fixture
def fake_section():
    """A section as an app would register it, here rendering an existing template."""
    loaded = []

    def load(leader):
        loaded.append(leader.pk)
        return []

    leader_section_register(
        section=LeaderSection(name="fake", template="events/_leader_attended.html", load=load)
    )
    yield loaded
    _sections.pop("fake", None)


def test_events_registers_its_attendance_section():
    assert "events_attended" in _sections


@pytest.mark.django_db
def test_each_registered_section_is_loaded_for_the_leader(fake_section):
    leader = LeaderFactory()
    sections = leader_private_sections_load(leader=leader)
    assert fake_section == [leader.pk]
    assert [s.template for s in sections][-1] == "events/_leader_attended.html"


@pytest.mark.django_db
def test_sections_are_not_loaded_for_other_members(member_client, fake_section):
    leader = LeaderFactory(visibility="public")
    response = member_client.get(reverse("directory:leader_detail", kwargs={"slug": leader.slug}))
    assert response.status_code == 200
    assert fake_section == []


@pytest.mark.django_db
def test_sections_are_loaded_for_an_organizer(organizer_client, fake_section):
    leader = LeaderFactory(visibility="public")
    organizer_client.get(reverse("directory:leader_detail", kwargs={"slug": leader.slug}))
    assert fake_section == [leader.pk]
