"""Shared fixtures: a client per role (anonymous, member/leader, organizer, staff)."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Tests share one Redis database; start each from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon_client() -> Client:
    return Client()


@pytest.fixture
def member_user(db):
    user = UserFactory(email="member@example.org", name="Mara Member")
    LeaderFactory(user=user, name="Mara Member", email=user.email, visibility="members")
    return user


@pytest.fixture
def member_client(member_user) -> Client:
    client = Client()
    client.force_login(member_user)
    return client


@pytest.fixture
def organizer_user(db):
    return UserFactory(email="organizer@example.org", name="Olu Organizer", organizer=True)


@pytest.fixture
def organizer_client(organizer_user) -> Client:
    client = Client()
    client.force_login(organizer_user)
    return client


@pytest.fixture
def staff_user(db):
    return UserFactory(
        email="staff@example.org", name="Sam Staff", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client
