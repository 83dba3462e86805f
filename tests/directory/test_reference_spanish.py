"""The reference rows the project ships (topics, leader roles) carry Spanish names, shown to
Spanish readers in tags, filters and cards; English readers keep the original."""

import pytest
from django.test import Client

from actlocal.models import Topic
from directory.models import LeaderRole

from .factories import LeaderFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _page(url: str, language: str) -> str:
    return Client().get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_every_shipped_topic_and_role_has_a_spanish_name():
    assert not Topic.objects.filter(name_es="").exists()
    assert not LeaderRole.objects.filter(name_es="").exists()
    assert Topic.objects.get(slug="housing").name_es == "Vivienda"


def test_a_spanish_reader_sees_topic_tags_filters_and_roles_in_spanish():
    housing = Topic.objects.get(slug="housing")
    student = LeaderRole.objects.get(slug="student")
    leader = LeaderFactory(name="Ana Ruiz", topics=[housing])
    leader.roles.add(student)
    ResourceFactory(title="Tenant rights guide", topics=[housing])

    resources = _page("/directory/resources/", "es")
    assert ">Vivienda</a>" in resources  # the card's tag
    assert f'value="{housing.slug}">Vivienda</option>' in resources  # the topic filter
    detail = _page(leader.get_absolute_url(), "es")
    assert "Vivienda" in detail and "Estudiante" in detail
    english = _page(leader.get_absolute_url(), "en")
    assert "Housing" in english and "Student" in english and "Vivienda" not in english


def test_a_topic_without_a_spanish_name_shows_the_original():
    topic = Topic.objects.create(slug="transit", name="Public transit")
    ResourceFactory(title="Bus riders", topics=[topic])
    assert ">Public transit</a>" in _page("/directory/resources/", "es")


def test_staff_edit_the_spanish_name_in_the_admin(staff_client):
    topic = Topic.objects.get(slug="housing")
    page = staff_client.get(f"/admin/actlocal/topic/{topic.pk}/change/").content.decode()
    assert 'name="name_es"' in page
    role = LeaderRole.objects.get(slug="student")
    page = staff_client.get(f"/admin/directory/leaderrole/{role.pk}/change/").content.decode()
    assert 'name="name_es"' in page


def test_event_cards_show_their_topics_in_spanish():
    from tests.events.factories import EventFactory

    EventFactory(title="Tenant meeting").topics.add(Topic.objects.get(slug="housing"))
    assert ">Vivienda</a>" in _page("/events/", "es")
    assert ">Housing</a>" in _page("/events/", "en")
