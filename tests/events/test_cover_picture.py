"""Event cover pictures: checked by content, re-encoded in two sizes, alt text required, served
only to people who may see the event, and never in Open Graph tags of an invite-only event."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(fmt="PNG", size=(1600, 900), name="cover.png", exif=False) -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 40, 40))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        kwargs["exif"] = data
    image.save(out, format=fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _url(event):
    return reverse("events:cover_manage", kwargs={"slug": event.slug})


def _file(event, size):
    return reverse("events:cover", kwargs={"slug": event.slug, "size": size})


def test_the_team_sets_a_cover_resized_and_reencoded_with_its_description(team_client, event):
    response = team_client.post(
        _url(event), {"image": picture(exif=True, fmt="JPEG"), "alt": "  Volunteers  at a table "}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.cover_alt == "Volunteers at a table"
    cover = Image.open(default_storage.open(event.cover_image))
    thumb = Image.open(default_storage.open(event.cover_thumbnail))
    assert (cover.format, cover.size) == ("JPEG", (1200, 675))
    assert thumb.size == (480, 270)
    assert "SecretCam" not in default_storage.open(event.cover_image).read().decode("latin-1")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("evil.png", b"<script>alert(1)</script>"), "not a picture"),
        (SimpleUploadedFile("empty.jpg", b""), "empty"),
        (picture(fmt="BMP", name="fake.png"), "JPEG, PNG, WebP or GIF"),
    ],
)
def test_an_upload_that_is_not_an_accepted_picture_is_a_400_and_changes_nothing(
    team_client, event, media, upload, message
):
    response = team_client.post(_url(event), {"image": upload, "alt": "A picture"})
    assert response.status_code == 400
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.cover_image == ""
    assert not any(media.rglob("*.jpg"))


def test_a_picture_over_the_size_or_pixel_limit_is_refused(team_client, event, settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 100
    response = team_client.post(_url(event), {"image": picture(), "alt": "A picture"})
    assert response.status_code == 400 and "larger than" in response.content.decode()
    settings.UPLOAD_IMAGE_MAX_BYTES = 5_000_000
    settings.UPLOAD_IMAGE_MAX_PIXELS = 1000
    response = team_client.post(_url(event), {"image": picture(), "alt": "A picture"})
    assert response.status_code == 400 and "too many pixels" in response.content.decode()


def test_a_picture_without_a_description_is_refused(team_client, event):
    response = team_client.post(_url(event), {"image": picture(), "alt": "   "})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.cover_image == ""


@pytest.mark.parametrize(
    ("role", "status"),
    [("anon_client", 302), ("member_client", 404), ("attendee_client", 403)],
)
def test_only_the_team_manages_the_cover(request, event, role, status):
    client = request.getfixturevalue(role)
    assert client.post(_url(event), {"image": picture(), "alt": "x"}).status_code == status


def test_an_invite_only_cover_is_served_only_to_those_who_see_the_event(
    team_client, attendee_client, anon_client, event
):
    team_client.post(_url(event), {"image": picture(), "alt": "Our room"})
    assert anon_client.get(_file(event, "cover")).status_code == 404
    response = attendee_client.get(_file(event, "cover"))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    page = attendee_client.get(event.get_absolute_url()).content.decode()
    assert 'alt="Our room"' in page
    assert "og:image" not in page


def test_a_public_cover_is_in_the_page_the_list_and_the_open_graph_tags(anon_client, team_client):
    event = EventFactory(visibility=Event.Visibility.PUBLIC, title="Open Day")
    from .factories import EventRoleFactory

    lead = EventRoleFactory(event=event, role="lead").user
    from django.test import Client

    client = Client()
    client.force_login(lead)
    client.post(_url(event), {"image": picture(), "alt": "The hall"})
    page = anon_client.get(event.get_absolute_url()).content.decode()
    assert 'property="og:image"' in page and 'alt="The hall"' in page
    listing = anon_client.get(reverse("events:list")).content.decode()
    assert _file(event, "thumb") in listing
    assert anon_client.get(_file(event, "thumb")).status_code == 200


def test_replacing_or_removing_the_cover_deletes_the_old_files_after_the_commit(
    team_client, event, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        team_client.post(_url(event), {"image": picture(), "alt": "Our room"})
        team_client.post(_url(event), {"image": picture(size=(800, 800)), "alt": "Our room"})
    assert len(list(media.rglob("*.jpg"))) == 2
    with django_capture_on_commit_callbacks(execute=True):
        team_client.post(_url(event), {"action": "remove"})
    event.refresh_from_db()
    assert event.cover_image == ""
    assert not any(media.rglob("*.jpg"))
