"""Logos uploaded by an organization's managers: checked by content (never a 500, not even for a
decompression bomb), resized, alt text required, nothing saved when anything is refused."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from actlocal.models import AuditEntry
from directory.models import Organization
from tests.pictures import png, png_bomb

from .factories import OrganizationFactory
from .test_organization_manage import _form, manage_url, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def organization():
    return OrganizationFactory(
        description="We organize tenants.", website="https://old.example.org"
    )


@pytest.fixture
def manager_client(organization):
    return manager_of(organization, "manager@example.org")


def test_a_manager_uploads_a_logo_resized_and_shown_with_its_description(
    manager_client, organization, anon_client
):
    response = manager_client.post(
        manage_url(organization),
        _form(logo_upload=png(), logo_alt="  A blue   house "),
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.logo_alt == "A blue house"
    logo = Image.open(default_storage.open(organization.logo_image))
    assert (logo.format, logo.size) == ("JPEG", (400, 267))
    page = anon_client.get(organization.get_absolute_url()).content.decode()
    assert 'alt="A blue house"' in page
    entry = AuditEntry.objects.get(action="organization.profile.update")
    assert entry.data["logo"] == "set"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"<script>alert(1)</script>"), "not a picture"),
        (SimpleUploadedFile("logo.pdf", b"%PDF-1.4\n%%EOF"), "not a picture"),
        (png_bomb(20_000), "too many pixels"),  # past twice Pillow's own limit: its error
        (png_bomb(10_000), "too many pixels"),  # past Pillow's limit: its warning
    ],
)
def test_a_file_that_is_not_a_picture_we_take_is_a_400_and_saves_nothing(
    manager_client, organization, media, upload, message
):
    response = manager_client.post(
        manage_url(organization),
        _form(description="Changed too", logo_upload=upload, logo_alt="Logo"),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    organization.refresh_from_db()
    assert organization.logo_image == "" and organization.description == "We organize tenants."
    assert not any(media.rglob("*.jpg"))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    manager_client, organization, settings, monkeypatch
):
    settings.UPLOAD_IMAGE_MAX_BYTES = 100

    def never(**kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr("directory.profile_forms.image_check", never)
    response = manager_client.post(
        manage_url(organization), _form(logo_upload=png(), logo_alt="Logo")
    )
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert Organization.objects.get(pk=organization.pk).logo_image == ""


def test_a_logo_without_a_description_is_refused(manager_client, organization):
    response = manager_client.post(manage_url(organization), _form(logo_upload=png(), logo_alt=" "))
    assert response.status_code == 400
    assert "Describe the logo" in response.content.decode()
    assert Organization.objects.get(pk=organization.pk).logo_image == ""


def test_the_description_of_a_kept_logo_cannot_be_emptied(manager_client, organization):
    manager_client.post(manage_url(organization), _form(logo_upload=png(), logo_alt="A house"))
    response = manager_client.post(manage_url(organization), _form(logo_alt=""))
    assert response.status_code == 400
    assert Organization.objects.get(pk=organization.pk).logo_alt == "A house"


def test_a_manager_removes_the_logo_and_its_file(
    manager_client, organization, media, anon_client, django_capture_on_commit_callbacks
):
    manager_client.post(manage_url(organization), _form(logo_upload=png(), logo_alt="A house"))
    assert any(media.rglob("*.jpg"))

    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(manage_url(organization), _form(logo_remove="on"))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.logo_image == "" and organization.logo_alt == ""
    assert not any(media.rglob("*.jpg"))
    logo = anon_client.get(f"/directory/organizations/{organization.slug}/logo.jpg")
    assert logo.status_code == 404
