"""Shared fixtures: a client per role (anonymous, member/leader, organizer, staff)."""

import pytest
import redis.connection
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
@pytest.fixture(autouse=True)
def _language_reset():
    """Each test starts in the default language. Signing in someone whose saved language is
    Spanish activates it for the thread (as a sign-in request does), which would otherwise
    carry over into the next test run by the same thread."""
    yield
    translation.deactivate()


def pytest_collection_modifyitems(items):
    """Run transactional tests (browser journeys, Celery workers) last, each on a restored
    database.

    They end by emptying every table, which also wipes what the data migrations made (topics,
    leader roles, the organizers group, the site record): tests after them would find those
    gone. Django orders its suites the same way; here plugins may reorder after pytest-django,
    so the order is fixed last, and serialized rollback gives each of them the initial rows.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )
    items.sort(key=_is_transactional)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized initial rows where every connection object can find them.

    Django stores them on the connection object, but connections are per thread and per async
    context: once Playwright's event loop runs, tests get a fresh connection object without
    them, and serialized rollback silently restores nothing.
    """
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    return django_db_setup


@pytest.fixture(autouse=True)
def _clear_cache():
    """Tests share one Redis database; start each from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_round_trips(monkeypatch) -> list:
    """Every request sent to Redis from now on, as sent (a pipeline is one): what a page waits
    on besides its queries."""
    sent: list = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counted(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    return sent


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files (toolkit attachments, also from seed_demo) go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
def editor_user(db):
    """A member of the "Toolkit editors" group (not staff, not an organizer)."""
    from django.contrib.auth.models import Group

    from toolkits.roles import EDITORS_GROUP

    user = UserFactory(email="editor@example.org", name="Edda Editor")
    user.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return user


@pytest.fixture
def editor_client(editor_user) -> Client:
    client = Client()
    client.force_login(editor_user)
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


def closed_port() -> int:
    """A local port nobody listens on (bound, then released): where an outage is simulated."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _celery_pools_reset(app) -> None:
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Tasks go to a broker that is not there (a closed local port), as in a Redis outage.

    The shared Redis keeps running; only this process's Celery app points elsewhere.
    """
    from actlocal.celery import app

    keys = ("broker_url", "task_always_eager")
    # Celery reads these from Django's settings unless set on app.conf: remove them afterwards
    # rather than setting them back, so override_settings keeps working in later tests.
    before = {key: app.conf.changes[key] for key in keys if key in app.conf.changes}
    app.conf.update(broker_url=f"redis://127.0.0.1:{closed_port()}/0", task_always_eager=False)
    _celery_pools_reset(app)
    yield
    for key in keys:
        app.conf.changes.pop(key, None)
    app.conf.update(**before)
    _celery_pools_reset(app)
