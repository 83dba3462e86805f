"""The team's meeting pages: list with filters, create, edit (status rules, time zones, team)."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from campaigns.models import Meeting, MeetingReport

from .factories import CampaignFactory, DistrictFactory, OfficialFactory
from .meetings_setup import (
    TEAM_PAGE_STATUS,
    constituent_of,
    meeting_with,
    other_official,
    role_client,
    scheduled,
)

pytestmark = pytest.mark.django_db


def list_url(campaign) -> str:
    return reverse("campaigns:meeting_list", kwargs={"slug": campaign.slug})


def create_url(campaign) -> str:
    return reverse("campaigns:meeting_create", kwargs={"slug": campaign.slug})


def edit_url(meeting) -> str:
    return reverse(
        "campaigns:meeting_edit", kwargs={"slug": meeting.campaign.slug, "pk": meeting.pk}
    )


@pytest.fixture
def ana(campaign, district):
    return constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")


@pytest.fixture
def ben(campaign, district):
    return constituent_of(campaign, district, name="Ben Brown", email="ben@private.example")


@pytest.fixture
def meeting(campaign, official, ana):
    return meeting_with(campaign, official, [ana])


def form_data(**values) -> dict:
    data = {
        "status": "requested",
        "scheduled_local": "",
        "time_zone": "America/New_York",
        "format": "in_person",
        "place": "",
        "notes": "",
    }
    data.update(values)
    return data


# --- Who may use the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("role", list(TEAM_PAGE_STATUS))
@pytest.mark.parametrize("which", ["list", "create", "edit"])
def test_only_the_team_and_staff_use_the_meeting_pages(
    request, role, which, campaign, official, constituent_user, meeting
):
    other_official(campaign)
    client = role_client(request, role, campaign=campaign, attendee_user=constituent_user)
    target = {"list": list_url(campaign), "create": create_url(campaign), "edit": edit_url(meeting)}
    assert client.get(target[which]).status_code == TEAM_PAGE_STATUS[role]


@pytest.mark.parametrize("role", ["anonymous", "member", "attendee", "other_team"])
def test_refused_roles_cannot_create_or_change_meetings(
    request, role, campaign, official, constituent_user, meeting
):
    client = role_client(request, role, campaign=campaign, attendee_user=constituent_user)
    client.post(create_url(campaign), form_data(official=official.pk))
    client.post(edit_url(meeting), form_data(status="cancelled"))
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_a_meeting_of_another_campaign_is_not_found(campaign_team_client, campaign, official):
    elsewhere = meeting_with(CampaignFactory(), official)
    url = reverse("campaigns:meeting_edit", kwargs={"slug": campaign.slug, "pk": elsewhere.pk})
    assert campaign_team_client.get(url).status_code == 404
    assert campaign_team_client.post(url, form_data(status="cancelled")).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == "requested"


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_meetings_with_official_team_and_report(
    campaign_team_client, campaign, official, ana, ben
):
    held = meeting_with(
        campaign,
        official,
        [ana, ben],
        status="held",
        scheduled_at=timezone.now() - timedelta(days=1),
    )
    MeetingReport.objects.create(meeting=held, answer="leaning_yes", follow_up_needed=True)
    page = campaign_team_client.get(list_url(campaign)).content.decode()
    assert "Rep. Pat Example" in page and "Ana Alvarez, Ben Brown" in page
    assert "Leaning yes" in page and "Follow-up" in page


def test_the_list_filters_by_status_and_official(campaign_team_client, campaign, official, ana):
    other = other_official(campaign)
    scheduled(campaign, official, [ana])
    meeting_with(campaign, other, status="cancelled")
    page = campaign_team_client.get(list_url(campaign), {"status": "scheduled"}).content.decode()
    assert "1 meeting" in page and "Rep. Pat Example" in page.split("<tbody>")[1]
    assert "Rep. Olive Other" not in page.split("<tbody>")[1]
    page = campaign_team_client.get(list_url(campaign), {"official": other.pk}).content.decode()
    assert "Rep. Olive Other" in page.split("<tbody>")[1]
    assert "Rep. Pat Example" not in page.split("<tbody>")[1]


@pytest.mark.parametrize(
    "query", [{"status": "partying"}, {"official": "abc"}, {"official": 999999}]
)
def test_a_bad_filter_is_a_400_with_a_message(campaign_team_client, campaign, meeting, query):
    response = campaign_team_client.get(list_url(campaign), query)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_list_costs_the_same_queries_for_1_and_30_meetings(
    campaign_team_client, campaign, district, official, ana
):
    scheduled(campaign, official, [ana])
    with CaptureQueriesContext(connection) as few:
        assert campaign_team_client.get(list_url(campaign)).status_code == 200
    for n in range(29):
        extra = OfficialFactory(district=DistrictFactory(body=campaign.target_body))
        member = constituent_of(campaign, extra.district, name=f"P {n}", email=f"p{n}@x.example")
        held = meeting_with(
            campaign,
            extra,
            [member],
            status="held",
            scheduled_at=timezone.now() - timedelta(days=n + 1),
        )
        MeetingReport.objects.create(meeting=held, answer="supports")
    with CaptureQueriesContext(connection) as many:
        response = campaign_team_client.get(list_url(campaign))
    assert response.content.decode().count("<tr>") == 31
    assert len(many.captured_queries) == len(few.captured_queries), [
        q["sql"] for q in many.captured_queries
    ]


# --- Create ------------------------------------------------------------------------------------


def test_create_with_an_official_offers_only_their_constituents(
    campaign_team_client, campaign, official, ana
):
    other = other_official(campaign)
    constituent_of(campaign, other.district, name="Otto Ortiz", email="otto@private.example")
    page = campaign_team_client.get(
        create_url(campaign), {"official": official.pk}
    ).content.decode()
    assert "Ana Alvarez" in page and "Otto Ortiz" not in page


def test_the_team_creates_a_scheduled_meeting_in_its_own_time_zone(
    campaign_team_client, campaign, official, ana
):
    day = (timezone.now() + timedelta(days=10)).date()
    response = campaign_team_client.post(
        create_url(campaign),
        form_data(
            official=official.pk,
            status="scheduled",
            scheduled_local=f"{day:%Y-%m-%d}T09:30",
            time_zone="America/Chicago",
            format="district_office",
            place="12 Main St, Springfield",
            attendees=[ana.pk],
        ),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert meeting.scheduled_at == datetime(day.year, day.month, day.day, 9, 30, tzinfo=chicago)
    assert (meeting.status, meeting.format, meeting.time_zone) == (
        "scheduled",
        "district_office",
        "America/Chicago",
    )
    assert list(meeting.constituents.all()) == [ana]
    page = campaign_team_client.get(edit_url(meeting)).content.decode()
    assert f'value="{day:%Y-%m-%d}T09:30"' in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"status": "scheduled"}, "A scheduled meeting needs a date and time."),
        ({"status": "held"}, "Say when the meeting took place."),
        (
            {"status": "held", "scheduled_local": "2999-01-01T10:00"},
            "A meeting can only be marked held once its time has passed.",
        ),
        ({"status": "postponed"}, "Select a valid choice"),
        ({"format": "carrier_pigeon"}, "Select a valid choice"),
        ({"time_zone": "Mars/Olympus"}, "is not a known time zone"),
        ({"scheduled_local": "tomorrow-ish"}, "Enter a valid date/time."),
        ({"official": "999999"}, "Select a valid choice"),
        ({"place": "x" * 301}, "at most 300 characters"),
    ],
)
def test_bad_meetings_are_refused_with_a_message_and_nothing_is_created(
    campaign_team_client, campaign, official, values, message
):
    data = form_data(official=official.pk)
    data.update(values)
    response = campaign_team_client.post(create_url(campaign), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_constituent_of_another_official_cannot_be_on_the_team(
    campaign_team_client, campaign, official, ana
):
    other = other_official(campaign)
    otto = constituent_of(campaign, other.district, name="Otto Ortiz", email="otto@private.example")
    response = campaign_team_client.post(
        create_url(campaign), form_data(official=official.pk, attendees=[ana.pk, otto.pk])
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_a_meeting_with_an_official_of_another_body_is_refused(campaign_team_client, campaign):
    stranger = OfficialFactory(district__body__slug="ma-senate", district__body__kind="state_upper")
    response = campaign_team_client.post(create_url(campaign), form_data(official=stranger.pk))
    assert response.status_code == 400
    assert not Meeting.objects.exists()


# --- Edit --------------------------------------------------------------------------------------


def test_scheduling_a_meeting_is_audited_as_a_state_change(
    campaign_team_client, campaign, meeting, ana, ben
):
    response = campaign_team_client.post(
        edit_url(meeting),
        form_data(
            status="scheduled",
            scheduled_local="2999-03-04T14:00",
            format="virtual",
            place="https://meet.example/abc",
            attendees=[ben.pk],
            notes="Bring the fact sheet.",
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "scheduled" and meeting.format == "virtual"
    assert list(meeting.constituents.all()) == [ben]
    assert meeting.notes == "Bring the fact sheet."
    update = AuditEntry.objects.get(action="meeting.update", object_id=str(meeting.pk))
    assert update.data["status"] == "scheduled"
    assert update.data["added"] == [ben.pk] and update.data["removed"] == [ana.pk]
    assert AuditEntry.objects.filter(action="meeting.scheduled", object_id=str(meeting.pk)).exists()


def test_saving_an_untouched_time_keeps_it_exactly(campaign_team_client, campaign, official, ana):
    when = timezone.now().replace(microsecond=123456) + timedelta(days=3, seconds=17)
    meeting = meeting_with(campaign, official, [ana], status="scheduled", scheduled_at=when)
    local = when.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    response = campaign_team_client.post(
        edit_url(meeting),
        form_data(
            status="scheduled",
            scheduled_local=f"{local:%Y-%m-%dT%H:%M}",
            place="Town hall",
            attendees=[ana.pk],
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.scheduled_at == when  # no new time: no second reminder
    assert meeting.place == "Town hall"


def test_marking_a_past_meeting_held_works(campaign_team_client, campaign, meeting, ana):
    response = campaign_team_client.post(
        edit_url(meeting),
        form_data(status="held", scheduled_local="2020-05-05T10:00", attendees=[ana.pk]),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert AuditEntry.objects.filter(action="meeting.held").exists()


@pytest.mark.parametrize("status", ["requested", "scheduled", "cancelled", "refused"])
def test_a_meeting_with_a_report_stays_held(campaign_team_client, campaign, official, ana, status):
    meeting = meeting_with(
        campaign, official, [ana], status="held", scheduled_at=timezone.now() - timedelta(days=1)
    )
    MeetingReport.objects.create(meeting=meeting, answer="supports")
    response = campaign_team_client.post(
        edit_url(meeting),
        form_data(status=status, scheduled_local="2020-05-05T10:00", attendees=[ana.pk]),
    )
    assert response.status_code == 400
    assert "This meeting has a report, so it stays held." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_a_bad_edit_changes_nothing(campaign_team_client, campaign, meeting, ana):
    response = campaign_team_client.post(
        edit_url(meeting), form_data(status="scheduled", place="Somewhere", attendees=[ana.pk])
    )
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert (meeting.status, meeting.place) == ("requested", "")
    assert not AuditEntry.objects.filter(action="meeting.update").exists()


def test_staff_can_edit_any_campaigns_meeting(staff_client, campaign, meeting, ana):
    response = staff_client.post(edit_url(meeting), form_data(status="refused", attendees=[ana.pk]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "refused"
    assert AuditEntry.objects.filter(action="meeting.refused").exists()
