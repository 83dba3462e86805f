"""The team of an ordinance campaign adds the members of its local body (form and CSV) and
targets them; the dashboard never calls a campaign without targets complete."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actlocal.models import AuditEntry
from campaigns.models import Campaign, CampaignOfficial, Official

from .factories import CampaignFactory
from .manage_roles import (
    ROLES,
    ordinance_campaign,
    role_client,
    seat_official,
    signed_in,
    team_user,
)

pytestmark = pytest.mark.django_db

REFUSED = {"anonymous": 302, "member": 403, "constituent": 403, "other_team": 403}
REFUSED |= {"network_organizer": 403}


@pytest.fixture
def council():
    return ordinance_campaign()


@pytest.fixture
def team(council):
    return signed_in(team_user(council))


def _add(council):
    return reverse("campaigns:local_member_add", kwargs={"slug": council.slug})


def _import(council):
    return reverse("campaigns:local_members_import", kwargs={"slug": council.slug})


def _csv(text: str, name: str = "council.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _targets(council) -> list[str]:
    return sorted(
        CampaignOfficial.objects.filter(campaign=council).values_list("official__name", flat=True)
    )


def test_the_targets_page_of_a_local_body_offers_to_add_its_members(team, council):
    content = team.get(reverse("campaigns:targets", kwargs={"slug": council.slug})).content
    content = content.decode()
    assert "Members of Northampton City Council" in content
    assert _add(council) in content and _import(council) in content
    assert 'enctype="multipart/form-data"' in content


def test_a_member_added_by_form_sits_on_the_body_and_is_targeted(team, council):
    response = team.post(
        _add(council),
        {"name": "  Gina   Gomez ", "seat": "Ward 3", "party": "", "email": "gomez@city.example"},
    )
    assert response.status_code == 302
    official = Official.objects.get(name="Gina Gomez")
    assert (official.body, official.district.name, official.email) == (
        council.target_body,
        "Ward 3",
        "gomez@city.example",
    )
    assert _targets(council) == ["Gina Gomez"]
    assert AuditEntry.objects.filter(action="campaign.local_member.add").exists()


def test_a_member_already_on_record_is_targeted_not_copied(team, council):
    seat_official(council.target_body, name="Ana Alvarez")
    team.post(_add(council), {"name": "ana alvarez"})
    assert Official.objects.filter(body=council.target_body).count() == 1
    assert _targets(council) == ["Ana Alvarez"]

    again = team.post(_add(council), {"name": "Ana Alvarez"})
    assert again.status_code == 400
    assert "already a member" in again.content.decode()


@pytest.mark.parametrize(
    "data", [{"name": ""}, {"name": "   "}, {"name": "Bo", "email": "not-an-email"}]
)
def test_a_bad_member_form_is_a_400_and_changes_nothing(team, council, data):
    response = team.post(_add(council), data)
    assert response.status_code == 400
    assert not Official.objects.filter(body=council.target_body).exists()


def test_a_csv_adds_and_targets_every_member_and_warns_of_optional_values(team, council):
    seat_official(council.target_body, name="Ana Alvarez")
    upload = _csv(
        "name,seat,party,email,phone\n"
        "Ana Alvarez,Ward 1,,,\n"
        "Ben Brooks,Ward 2,,ben@city.example,413-555-0100\n"
        "Cy Chen,At-large,,not-an-email,\n"
    )
    response = team.post(_import(council), {"file": upload}, follow=True)

    assert response.status_code == 200
    assert _targets(council) == ["Ana Alvarez", "Ben Brooks", "Cy Chen"]
    assert Official.objects.filter(body=council.target_body).count() == 3
    assert Official.objects.get(name="Cy Chen").email == ""
    content = response.content.decode()
    assert "3 members targeted (2 new)." in content
    assert "row 4, column “email”" in content


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("seat,party\nWard 1,\n", "column “name”: this column is missing"),
        ("name,ward\nAna,1\n", "column “ward”: this column is not one of"),
        ("name,seat\nAna Alvarez,1\n,2\n", "row 3, column “name”"),
        (
            "name\nAna Alvarez\nana  alvarez\n",
            "row 3, column “name”: ana alvarez is already on row 2",
        ),
        ("name\n", "no members"),
        ("name\nAna\x00\n", "NUL bytes"),
    ],
)
def test_a_csv_with_errors_names_row_and_column_and_adds_nobody(team, council, text, message):
    response = team.post(_import(council), {"file": _csv(text)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was added" in response.content.decode()
    assert not Official.objects.filter(body=council.target_body).exists()


def test_a_missing_file_is_a_400(team, council):
    assert team.post(_import(council), {}).status_code == 400


@pytest.mark.parametrize("role", [r for r in ROLES if r in REFUSED])
def test_only_the_team_adds_members(request, council, role):
    client = role_client(request, role, council)
    form = client.post(_add(council), {"name": "Sneaky Pete"})
    upload = client.post(_import(council), {"file": _csv("name\nSneaky Pete\n")})
    assert (form.status_code, upload.status_code) == (REFUSED[role], REFUSED[role])
    assert not Official.objects.filter(name="Sneaky Pete").exists()


def test_a_legislative_campaign_cannot_add_legislators(campaign, campaign_team_client):
    assert campaign.kind == Campaign.Kind.LEGISLATIVE
    response = campaign_team_client.post(_add(campaign), {"name": "Fake Rep"})
    assert response.status_code == 404
    assert not Official.objects.filter(name="Fake Rep").exists()


def test_a_dashboard_with_no_targets_never_says_every_official_has_a_meeting(team, council):
    content = team.get(reverse("campaigns:manage", kwargs={"slug": council.slug})).content
    content = content.decode()
    assert "Every targeted official has a meeting." not in content
    assert "Every stance is up to date." not in content
    assert "targets no officials yet" in content
    assert reverse("campaigns:targets", kwargs={"slug": council.slug}) in content


def test_an_ordinance_campaign_on_a_state_body_gets_no_member_forms(team):
    campaign = CampaignFactory(kind=Campaign.Kind.ORDINANCE)
    client = signed_in(team_user(campaign))
    content = client.get(reverse("campaigns:targets", kwargs={"slug": campaign.slug})).content
    assert reverse("campaigns:local_member_add", kwargs={"slug": campaign.slug}) not in (
        content.decode()
    )
