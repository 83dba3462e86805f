"""Journey: a staff member imports leaders from a CSV, fixes a bad row, confirms, sees them."""

import pytest

from directory.models import Leader
from tests.actlocal.factories import UserFactory

PASSWORD = "staff-passphrase-for-the-journey-7"
HEADER = "email,name,city,state,zip_code,topics,visibility\n"
GOOD_ROWS = (
    "imani@example.org,Imani Okafor,Cambridge,MA,02139,Housing,public\n"
    "luis@example.org,Luis Ortega,Austin,TX,78701,Voting and elections,members\n"
)


def csv_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}


@pytest.mark.django_db(transaction=True)
def test_staff_imports_a_csv_fixes_the_bad_row_and_sees_the_leaders(
    page, live_server, assert_accessible
):
    UserFactory(
        email="importer@example.org",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "importer@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/directory/leader/")
    page.get_by_role("link", name="Import", exact=True).click()
    page.wait_for_url("**/admin/directory/leader/import/")

    # First attempt: the third line has a state that does not exist.
    bad = HEADER + GOOD_ROWS + "zed@example.org,Zed Zed,Nowhere,ZZ,,,\n"
    page.set_input_files("#id_import_file", files=[csv_file("leaders.csv", bad)])
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="The file was not imported").wait_for()
    assert page.get_by_text("Row 4, column state: 'ZZ' is not a US state code").is_visible()
    assert page.get_by_role("button", name="Confirm import").count() == 0
    assert not Leader.objects.exists()

    # Second attempt with the row fixed: a preview, then the confirmation.
    fixed = HEADER + GOOD_ROWS + "zed@example.org,Zed Zed,Burlington,VT,05401,,\n"
    page.set_input_files("#id_import_file", files=[csv_file("leaders-fixed.csv", fixed)])
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Preview").wait_for()
    assert page.get_by_text("confirming will add 3, update 0").is_visible()
    assert not Leader.objects.exists()
    page.get_by_role("button", name="Confirm import").click()

    page.wait_for_url("**/admin/directory/leader/")
    assert page.get_by_text("Import finished: 3 new").is_visible()
    for name in ("Imani Okafor", "Luis Ortega", "Zed Zed"):
        assert page.get_by_role("link", name=name).is_visible()
    assert Leader.objects.filter(source=Leader.Source.IMPORT).count() == 3

    # The one leader imported as public is on the public directory, without her email.
    imani = Leader.objects.get(email="imani@example.org")
    page.goto(live_server.url + imani.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Imani Okafor"
    assert "imani@example.org" not in page.content()
    assert_accessible("imported leader's public profile")
