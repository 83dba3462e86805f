"""Organization logos: uploaded by staff in the admin (checked by content, description
required), re-encoded, served publicly, on the page and in Open Graph."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.models import Organization
from tests.directory.factories import OrganizationFactory
from tests.pictures import png_bomb

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(size=(900, 600)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 180)).save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def _change(organization):
    return f"/admin/directory/organization/{organization.pk}/change/"


def _form(organization, **extra):
    data = {
        "name": organization.name,
        "kind": organization.kind,
        "scope": organization.scope,
        "city": organization.city,
        "state": organization.state,
        "zip_code": organization.zip_code,
        "description": "",
        "chapters-TOTAL_FORMS": 0,
        "chapters-INITIAL_FORMS": 0,
        "affiliations-TOTAL_FORMS": 0,
        "affiliations-INITIAL_FORMS": 0,
    }
    data.update(extra)
    return data


def _post(client, organization, **extra):
    response = client.post(_change(organization), _form(organization, **extra))
    if response.status_code == 200:  # the admin re-renders with errors; find the inline prefixes
        errors = response.context["adminform"].form.errors
        inline_errors = [
            (f.formset.prefix, f.formset.errors, f.formset.non_form_errors())
            for f in response.context["inline_admin_formsets"]
        ]
        return response, errors, inline_errors
    return response, None, None


def test_staff_upload_a_logo_that_is_resized_served_and_shown(staff_client, anon_client):
    organization = OrganizationFactory(name="Cambridge Tenants Union")
    response, errors, inline = _post(
        staff_client, organization, logo_upload=png(), logo_alt="A blue house"
    )
    assert response.status_code == 302, (errors, inline)
    organization.refresh_from_db()
    logo = Image.open(default_storage.open(organization.logo_image))
    assert (logo.format, logo.size) == ("JPEG", (400, 267))
    page = anon_client.get(organization.get_absolute_url()).content.decode()
    assert 'alt="A blue house"' in page and 'property="og:image"' in page
    served = anon_client.get(f"/directory/organizations/{organization.slug}/logo.jpg")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("upload", "alt", "field"),
    [
        (SimpleUploadedFile("logo.png", b"GIF89a not really"), "Logo", "logo_upload"),
        (png_bomb(20_000), "Logo", "logo_upload"),  # Pillow's DecompressionBombError: no 500
        (png(), "  ", "logo_alt"),
    ],
)
def test_a_bad_logo_or_a_missing_description_is_refused(staff_client, upload, alt, field):
    organization = OrganizationFactory()
    response, errors, _inline = _post(staff_client, organization, logo_upload=upload, logo_alt=alt)
    assert response.status_code == 200
    assert field in errors
    assert Organization.objects.get(pk=organization.pk).logo_image == ""


def test_no_logo_is_a_404(anon_client):
    organization = OrganizationFactory()
    assert (
        anon_client.get(f"/directory/organizations/{organization.slug}/logo.jpg").status_code == 404
    )
