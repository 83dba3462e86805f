"""Journey: staff upload a large officials file; it is imported in the background and the job's
page shows the result, with the values that were left out."""

import pytest
from django.test import override_settings

from campaigns.models import Official
from tests.actlocal.factories import UserFactory
from tests.campaigns.govdata import CSV_FILE

PASSWORD = "staff-passphrase-for-the-background-journey-3"


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_staff_import_a_large_officials_file_and_read_its_result(
    page, live_server, assert_accessible
):
    UserFactory(email="importer@example.org", password=PASSWORD, is_staff=True, is_superuser=True)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "importer@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/campaigns/official/import/")
    content = CSV_FILE.read_bytes().replace(b"Dana.Okafor@masenate.example.gov", b"dana okafor")
    page.set_input_files(
        "#id_file", files=[{"name": "ma.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Check the file").click()

    page.wait_for_url("**/admin/actlocal/importjob/*/progress/")
    page.get_by_role("heading", name="Imported").wait_for()
    assert page.get_by_text("New: 5").is_visible()
    assert page.get_by_text("is not a valid email address").is_visible()
    assert Official.objects.count() == 5
    assert_accessible("background import result")
