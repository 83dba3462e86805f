"""One pseudo-Spanish catalog and one seeded world for the whole folder (both take seconds,
so they are built once and the world is rolled back at the end)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from .pages import organizer_on_everything
from .pseudo import build, pseudo_spanish
from .world import world_build


@pytest.fixture(scope="package")
def pseudo_catalog(tmp_path_factory):
    return build(tmp_path_factory.mktemp("pseudo-es"))


@pytest.fixture(scope="package")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, world_media):
    """The seeded, data-marked demo in a transaction that is never committed."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=world_media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world_build()
            organizer_on_everything()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def in_world(world, db, settings, world_media):
    """A test inside the world (its own savepoint), reading the world's uploaded files."""
    settings.MEDIA_ROOT = world_media


@pytest.fixture
def spanish(pseudo_catalog):
    locale, keys = pseudo_catalog
    with pseudo_spanish(locale, keys):
        yield
