"""Admin imports of officials, precincts and ZIP codes: upload, preview, confirm; who may."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from campaigns.models import Body, District, DistrictArea, Official, ZipDistrict
from tests.actlocal.factories import staff_login

from .govdata import CROSSWALK, CSV_FILE, YAML_DIR, ZIPS, load_government_data

pytestmark = pytest.mark.django_db

OFFICIAL_PERMS = ("view_official", "add_official", "change_official")
PRECINCT_PERMS = ("view_districtarea", "add_districtarea", "delete_districtarea")


def import_url(model: str) -> str:
    return reverse(f"admin:campaigns_{model}_import")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def token_of(response) -> str:
    return response.context["token"]


def yaml_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(YAML_DIR.iterdir()):
            archive.writestr(f"legislature/{path.name}", path.read_bytes())
    return buffer.getvalue()


# --- Officials ----------------------------------------------------------------------------------


def test_staff_can_preview_then_confirm_an_officials_csv():
    client = staff_login(Client(), *OFFICIAL_PERMS)
    assert client.get(import_url("official")).status_code == 200

    preview = client.post(import_url("official"), {"file": upload("ma.csv", CSV_FILE.read_bytes())})

    assert preview.status_code == 200
    assert preview.context["result"].created == 5
    assert "Preview: nothing has been saved yet" in preview.content.decode()
    assert "Alex Rivera (7th Plymouth)" in preview.content.decode()
    assert not Official.objects.exists()

    done = client.post(import_url("official"), {"token": token_of(preview)}, follow=True)

    assert done.redirect_chain[0][0] == reverse("admin:campaigns_official_changelist")
    assert Official.objects.count() == 5
    assert "5 new" in done.content.decode()


def test_staff_can_import_a_zip_of_yaml_files():
    client = staff_login(Client(), *OFFICIAL_PERMS)

    preview = client.post(import_url("official"), {"file": upload("ma.zip", yaml_zip())})
    client.post(import_url("official"), {"token": token_of(preview)})

    assert Official.objects.count() == 5
    assert Official.objects.get(name="Morgan Lee").party == "Republican"


def test_a_bad_row_shows_every_problem_and_saves_nothing():
    client = staff_login(Client(), *OFFICIAL_PERMS)
    lines = CSV_FILE.read_text().splitlines()
    lines[2] = lines[2].replace(",lower,", ",middle,")
    lines[4] = lines[4].replace("Sam Whitfield", "")

    response = client.post(
        import_url("official"), {"file": upload("ma.csv", "\n".join(lines).encode())}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The file was not imported" in page
    assert "row 3, column “current_chamber”: unknown chamber “middle”" in page
    assert "row 5, column “name”: a value is required" in page
    assert not Official.objects.exists()


def test_a_broken_zip_is_a_clear_400():
    client = staff_login(Client(), *OFFICIAL_PERMS)

    response = client.post(import_url("official"), {"file": upload("ma.zip", b"PK\x03\x04junk")})

    assert response.status_code == 400
    assert "not a zip archive" in response.content.decode()


def test_a_csv_named_after_no_state_needs_the_state_field():
    client = staff_login(Client(), *OFFICIAL_PERMS)
    content = CSV_FILE.read_bytes()

    refused = client.post(import_url("official"), {"file": upload("people.csv", content)})
    accepted = client.post(
        import_url("official"), {"file": upload("people.csv", content), "state": "MA"}
    )

    assert refused.status_code == 400
    assert accepted.status_code == 200


def test_confirming_twice_imports_once():
    client = staff_login(Client(), *OFFICIAL_PERMS)
    preview = client.post(import_url("official"), {"file": upload("ma.csv", CSV_FILE.read_bytes())})
    client.post(import_url("official"), {"token": token_of(preview)})
    Official.objects.filter(name="Alex Rivera").update(email="changed@example.org")

    again = client.post(import_url("official"), {"token": token_of(preview)}, follow=True)

    assert "already confirmed or has expired" in again.content.decode()
    assert Official.objects.get(name="Alex Rivera").email == "changed@example.org"


def test_another_staff_member_cannot_confirm_my_upload():
    mine = staff_login(Client(), *OFFICIAL_PERMS)
    theirs = staff_login(Client(), *OFFICIAL_PERMS)
    preview = mine.post(import_url("official"), {"file": upload("ma.csv", CSV_FILE.read_bytes())})

    theirs.post(import_url("official"), {"token": token_of(preview)})

    assert not Official.objects.exists()


def test_staff_without_the_import_permissions_are_refused():
    client = staff_login(Client(), "view_official", "change_official")

    assert client.get(import_url("official")).status_code == 403
    response = client.post(
        import_url("official"), {"file": upload("ma.csv", CSV_FILE.read_bytes())}
    )
    assert response.status_code == 403
    assert not Official.objects.exists()
    changelist = client.get(reverse("admin:campaigns_official_changelist"))
    assert import_url("official") not in changelist.content.decode()


def test_the_changelist_links_to_the_import_for_staff_who_may():
    client = staff_login(Client(), *OFFICIAL_PERMS)

    changelist = client.get(reverse("admin:campaigns_official_changelist"))

    assert f'href="{import_url("official")}"' in changelist.content.decode()


@pytest.mark.parametrize("role", ["anon_client", "member_client", "organizer_client"])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(role, request):
    client = request.getfixturevalue(role)

    for model in ("official", "districtarea", "zipdistrict"):
        response = client.get(import_url(model))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        response = client.post(import_url(model), {"file": upload("ma.csv", b"id,name\n")})
        assert response.status_code == 302
    assert not Official.objects.exists()


# --- Precincts and ZIP codes --------------------------------------------------------------------


@pytest.fixture
def officials(db):
    from campaigns.importers.officials import officials_import
    from campaigns.importers.openstates import read_path

    officials_import(people=read_path(YAML_DIR), actor=None, source="test")


def test_staff_can_import_the_precinct_crosswalk(officials):
    client = staff_login(Client(), *PRECINCT_PERMS)

    preview = client.post(
        import_url("districtarea"), {"file": upload("x.csv", CROSSWALK.read_bytes()), "state": "MA"}
    )
    assert preview.status_code == 200
    assert not DistrictArea.objects.exists()
    client.post(import_url("districtarea"), {"token": token_of(preview)})

    assert DistrictArea.objects.count() == 32


def test_an_unmatched_district_in_the_admin_upload_is_reported(officials):
    client = staff_login(Client(), *PRECINCT_PERMS)
    content = CROSSWALK.read_text().replace(
        "Brockton,1,2,Tenth Plymouth", "Brockton,1,2,Eleventh Plymouth"
    )

    response = client.post(
        import_url("districtarea"), {"file": upload("x.csv", content.encode()), "state": "MA"}
    )

    assert response.status_code == 400
    assert "row 6, column “State_Rep”: no district" in response.content.decode()
    assert "“Eleventh Plymouth”" in response.content.decode()
    assert not DistrictArea.objects.exists()


def test_precinct_import_needs_the_delete_permission_too(officials):
    client = staff_login(Client(), "view_districtarea", "add_districtarea")

    assert client.get(import_url("districtarea")).status_code == 403


def test_staff_can_import_zip_districts(officials):
    client = staff_login(Client(), "view_zipdistrict", "add_zipdistrict", "delete_zipdistrict")

    preview = client.post(
        import_url("zipdistrict"), {"file": upload("z.csv", ZIPS.read_bytes()), "state": "MA"}
    )
    client.post(import_url("zipdistrict"), {"token": token_of(preview)})

    assert ZipDistrict.objects.count() == 6


# --- The lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["body", "district", "districtarea", "zipdistrict", "official"])
def test_superusers_see_every_government_list(model, staff_client):
    load_government_data()

    response = staff_client.get(reverse(f"admin:campaigns_{model}_changelist"))

    assert response.status_code == 200


def test_a_district_added_by_hand_gets_its_name_key(staff_client):
    house = Body.objects.create(name="MA House", slug="ma-house", kind="state_lower", state="MA")

    response = staff_client.post(
        reverse("admin:campaigns_district_add"),
        {"body": house.pk, "name": "Twelfth Hampden", "ocd_id": "", "region": ""},
    )

    assert response.status_code == 302
    district = District.objects.get()
    assert (district.name_key, district.ocd_id) == ("12 hampden", None)


def test_warnings_are_listed_in_the_preview_and_after_confirming():
    client = staff_login(Client(), *OFFICIAL_PERMS)
    content = CSV_FILE.read_bytes().replace(b"Dana.Okafor@masenate.example.gov", b"dana okafor")

    preview = client.post(import_url("official"), {"file": upload("ma.csv", content)})
    done = client.post(import_url("official"), {"token": token_of(preview)}, follow=True)

    line = "row 4, column “email”: &#x27;dana okafor&#x27; is not a valid email address"
    assert preview.status_code == 200
    assert "1 warning: this value will be left out" in preview.content.decode()
    assert line in preview.content.decode()
    assert "These values were left out" in done.content.decode()
    assert line in done.content.decode()
    assert Official.objects.get(name="Dana Okafor").email == ""


@override_settings(IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_reading():
    client = staff_login(Client(), *OFFICIAL_PERMS)

    response = client.post(import_url("official"), {"file": upload("ma.csv", b"x" * 2000)})

    assert response.status_code == 400
    assert "the limit is" in response.content.decode()


@override_settings(IMPORT_BACKGROUND_ROWS=1234)
def test_the_upload_page_says_when_files_go_to_the_background():
    client = staff_login(Client(), *OFFICIAL_PERMS)

    page = client.get(import_url("official")).content.decode()

    assert "Files of more than 1234 rows are imported in the background" in page
