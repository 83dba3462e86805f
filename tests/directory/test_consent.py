"""Consent that is real: recorded (time and wording) by the person, per path; never assumed."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from actlocal.errors import ServiceError
from directory.accounts import account_profile_save
from directory.models import Leader
from tests.actlocal.test_accounts import _confirm, _signup
from tests.directory.factories import LeaderFactory
from tests.directory.test_admin import management_data
from tests.directory.test_import_export import csv_bytes, import_file, problems, upload
from tests.portal.test_me import _profile_data

pytestmark = pytest.mark.django_db

WORDING = "I agree that ActLocal shows my profile"


def _consent_box(response) -> str:
    content = response.content.decode()
    start = content.index('name="consent"')
    return content[content.rindex("<input", 0, start) : content.index(">", start)]


# --- The database ---------------------------------------------------------------------------


def test_the_database_refuses_a_public_profile_without_consent():
    with pytest.raises(IntegrityError):
        LeaderFactory(visibility=Leader.Visibility.PUBLIC, consent_at=None)


# --- Sign-up --------------------------------------------------------------------------------


def test_signing_up_lists_nobody_and_the_consent_box_starts_unticked(anon_client):
    _signup(anon_client, email="dana@example.org", name="Dana Doe")
    _confirm(anon_client, mail.outbox[0])

    leader = Leader.objects.get(email="dana@example.org")
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    assert (leader.consent_at, leader.consent_text) == (None, "")
    assert "checked" not in _consent_box(anon_client.get(reverse("me")))


def test_claiming_an_imported_profile_records_no_consent(anon_client):
    LeaderFactory(email="ana@example.org", visibility="members", source="import", user=None)

    _signup(anon_client, email="ana@example.org", name="Ana")
    _confirm(anon_client, mail.outbox[0])

    leader = Leader.objects.get(email="ana@example.org")
    assert leader.user is not None
    assert leader.consent_at is None


# --- /me/ -----------------------------------------------------------------------------------


def test_an_assumed_consent_is_not_shown_ticked_on_me(member_client, member_user):
    Leader.objects.filter(user=member_user).update(consent_at=timezone.now(), consent_text="")

    assert "checked" not in _consent_box(member_client.get(reverse("me")))


def test_turning_public_without_ticking_is_refused_and_changes_nothing(member_client, member_user):
    before = Leader.objects.values().get(user=member_user)

    response = member_client.post(reverse("me"), _profile_data(consent=None))

    assert response.status_code == 400
    assert b"tick this box" in response.content
    assert Leader.objects.values().get(user=member_user) == before


def test_ticking_records_the_time_and_the_words_and_shows_the_box_ticked(
    member_client, member_user
):
    response = member_client.post(reverse("me"), _profile_data())
    assert response.status_code == 302

    leader = Leader.objects.get(user=member_user)
    assert leader.visibility == Leader.Visibility.PUBLIC
    assert leader.consent_at is not None
    assert leader.consent_text.startswith(WORDING)
    assert "checked" in _consent_box(member_client.get(reverse("me")))


def test_withdrawing_consent_clears_the_time_and_the_words(member_client, member_user):
    member_client.post(reverse("me"), _profile_data())

    member_client.post(reverse("me"), _profile_data(visibility="organizers", consent=None))

    leader = Leader.objects.get(user=member_user)
    assert (leader.visibility, leader.consent_at, leader.consent_text) == ("organizers", None, "")


def test_the_profile_service_refuses_members_visibility_without_consent(member_user):
    leader = Leader.objects.get(user=member_user)
    leader.visibility = Leader.Visibility.MEMBERS

    with pytest.raises(ServiceError):
        account_profile_save(
            user=member_user, leader=leader, consent=False, consent_wording="", topics=[], roles=[]
        )


# --- Staff admin edit -----------------------------------------------------------------------


def _admin_save(client, leader: Leader, visibility: str):
    url = reverse("admin:directory_leader_change", args=[leader.pk])
    data = management_data(client.get(url))
    data.update(
        {
            "name": leader.name,
            "visibility": visibility,
            "email": leader.email,
            "city": leader.city,
            "state": leader.state,
            "zip_code": leader.zip_code,
            "area_type": "",
            "area_lean": "",
        }
    )
    return client.post(url, data)


def test_staff_cannot_make_someone_public_who_never_consented(staff_client):
    leader = LeaderFactory(visibility=Leader.Visibility.MEMBERS)

    response = _admin_save(staff_client, leader, "public")

    assert response.status_code == 200
    assert "visibility" in response.context["adminform"].form.errors
    leader.refresh_from_db()
    assert leader.visibility == Leader.Visibility.MEMBERS


def test_staff_may_make_public_someone_who_consented_and_may_narrow_anyone(staff_client):
    consented = LeaderFactory(
        visibility=Leader.Visibility.MEMBERS, consent_at=timezone.now(), consent_text=WORDING
    )
    assert _admin_save(staff_client, consented, "public").status_code == 302
    consented.refresh_from_db()
    assert consented.visibility == Leader.Visibility.PUBLIC

    assert _admin_save(staff_client, consented, "organizers").status_code == 302


def test_staff_cannot_edit_the_consent_fields():
    from django.contrib import admin

    model_admin = admin.site._registry[Leader]
    assert {"consent_at", "consent_text"} <= set(model_admin.readonly_fields)


# --- Imports --------------------------------------------------------------------------------


def test_an_import_without_a_consent_column_makes_public_rows_members_with_a_warning(
    staff_client,
):
    content = csv_bytes([["email", "name", "visibility"], ["ana@example.org", "Ana", "public"]])

    preview = import_file(staff_client, "leader", content)

    leader = Leader.objects.get(email="ana@example.org")
    assert leader.visibility == Leader.Visibility.MEMBERS
    assert leader.consent_at is None
    warnings = preview.context["result"].warning_lines()
    assert any("imported as members, not public" in line for line in warnings), warnings


def test_an_import_with_a_consent_column_that_says_so_makes_them_public(staff_client):
    content = csv_bytes(
        [
            ["email", "name", "visibility", "consent"],
            ["ana@example.org", "Ana", "public", "2024-05-31"],
            ["bo@example.org", "Bo", "public", "yes"],
            ["cy@example.org", "Cy", "public", ""],
        ]
    )

    import_file(staff_client, "leader", content)

    ana, bo, cy = (Leader.objects.get(email=f"{n}@example.org") for n in ("ana", "bo", "cy"))
    assert ana.visibility == bo.visibility == Leader.Visibility.PUBLIC
    assert timezone.localtime(ana.consent_at).date() == datetime(2024, 5, 31).date()
    assert "2024-05-31" in ana.consent_text
    assert bo.consent_at is not None and "yes" in bo.consent_text
    assert (cy.visibility, cy.consent_at) == (Leader.Visibility.MEMBERS, None)


@pytest.mark.parametrize("cell", ["sometime", "2999-01-01"])
def test_a_consent_cell_that_is_not_a_past_date_or_yes_refuses_the_file(staff_client, cell):
    content = csv_bytes(
        [["email", "name", "visibility", "consent"], ["ana@example.org", "Ana", "public", cell]]
    )

    response = upload(staff_client, "leader", content)

    assert any("column consent" in problem for problem in problems(response)), problems(response)
    assert not Leader.objects.exists()


def test_an_import_never_overwrites_the_consent_a_person_gave(staff_client):
    given = timezone.now()
    LeaderFactory(email="ana@example.org", consent_at=given, consent_text=WORDING)
    content = csv_bytes([["email", "consent"], ["ana@example.org", "2020-01-01"]])

    import_file(staff_client, "leader", content)

    leader = Leader.objects.get(email="ana@example.org")
    assert (leader.consent_at, leader.consent_text) == (given, WORDING)
