"""The team's invitation pages: who may use them, directory and address-list invites, links."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.models import Affiliation, Leader
from events.models import RSVP, Event, Invitation, InviteLink, Nomination
from tests.actlocal.factories import TopicFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

from .factories import EventFactory, InvitationFactory, RSVPFactory

ROLES_REFUSED = [
    # (client fixture, status): anonymous people sign in; those who cannot see the event get
    # 404; those who can see it but not run it get 403.
    ("anon_client", 302),
    ("member_client", 404),
    ("other_team_client", 404),
    ("invitee_client", 403),
    ("attendee_client", 403),
    ("checkin_volunteer_client", 403),
]
ROLES_ALLOWED = ["team_client", "staff_client"]


@pytest.fixture
def followup(event, lead_user):
    from events.models import EventRole

    dinner = EventFactory(
        parent=event,
        kind=Event.Kind.DINNER,
        visibility=Event.Visibility.INVITE_ONLY,
        title="Follow-up dinner",
    )
    EventRole.objects.create(event=dinner, user=lead_user, role=EventRole.Role.LEAD)
    return dinner


def _pages(event):
    """Every organizer page of this area, with a harmless request for each."""
    invitation = InvitationFactory(event=event, email="someone@example.org")
    nomination = Nomination.objects.create(event=event, name="Nia", email="nia@example.org")
    slug = event.slug
    return [
        ("get", reverse("events:invitation_list", args=[slug]), {}),
        ("get", reverse("events:invite_leaders", args=[slug]), {}),
        ("get", reverse("events:invite_emails", args=[slug]), {}),
        ("get", reverse("events:invite_links", args=[slug]), {}),
        ("post", reverse("events:invitation_action", args=[slug, invitation.pk, "resend"]), {}),
        ("post", reverse("events:invitation_action", args=[slug, invitation.pk, "revoke"]), {}),
        ("post", reverse("events:nomination_decide", args=[slug, nomination.pk, "decline"]), {}),
        ("post", reverse("events:invite_emails", args=[slug]), {"addresses": "x@example.org"}),
        ("post", reverse("events:invite_links", args=[slug]), {"max_uses": "3"}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("client_fixture", "status"), ROLES_REFUSED)
def test_people_outside_the_team_are_refused_every_invitation_page(
    request, event, client_fixture, status
):
    client = request.getfixturevalue(client_fixture)
    for method, url, data in _pages(event):
        response = getattr(client, method)(url, data)
        assert response.status_code == status, (method, url)
        if status == 302:
            assert response["Location"].startswith(reverse("account_login"))
    assert not Invitation.objects.filter(email="x@example.org").exists()
    assert not InviteLink.objects.exists()
    assert Invitation.objects.get(email="someone@example.org").status == Invitation.Status.SENT
    assert Nomination.objects.get().status == Nomination.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ROLES_ALLOWED)
def test_the_team_and_staff_open_every_invitation_page(request, event, followup, client_fixture):
    client = request.getfixturevalue(client_fixture)
    for name in ("invitation_list", "invite_leaders", "invite_emails", "invite_links"):
        response = client.get(reverse(f"events:{name}", args=[event.slug]))
        assert response.status_code == 200, name
        assert response.content.count(b"<h1") == 1
    response = client.get(reverse("events:invite_parent_attendees", args=[followup.slug]))
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("client_fixture", "status"), ROLES_REFUSED)
def test_people_outside_the_team_cannot_invite_a_follow_ups_guests(
    request, followup, client_fixture, status
):
    client = request.getfixturevalue(client_fixture)
    response = client.get(reverse("events:invite_parent_attendees", args=[followup.slug]))
    # The follow-up is invite-only and nobody but its team is invited to it.
    assert response.status_code == (302 if status == 302 else 404)


# --- The list -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_counts_invitations_by_status_and_filters_them(team_client, event):
    InvitationFactory(event=event, email="sent@example.org")
    InvitationFactory(event=event, email="bounced@example.org", status="bounced", last_error="550")
    InvitationFactory(event=event, email="declined@example.org", status="declined")
    url = reverse("events:invitation_list", args=[event.slug])
    content = team_client.get(url).content.decode()
    assert "sent@example.org" in content and "bounced@example.org" in content
    assert "<strong>3</strong>" in content
    filtered = team_client.get(url, {"status": "bounced"}).content.decode()
    assert "bounced@example.org" in filtered and "sent@example.org" not in filtered
    assert "550" in filtered  # the team sees why it bounced


@pytest.mark.django_db
def test_an_unknown_status_filter_is_a_400_with_a_message(team_client, event):
    response = team_client.get(
        reverse("events:invitation_list", args=[event.slug]), {"status": "x"}
    )
    assert response.status_code == 400
    assert b"is not an invitation status" in response.content


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_one_or_fifty_invitations(team_client, event):
    url = reverse("events:invitation_list", args=[event.slug])
    InvitationFactory(event=event)
    team_client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        team_client.get(url)
    for _n in range(49):
        InvitationFactory(event=event, leader=LeaderFactory())
    with CaptureQueriesContext(connection) as fifty:
        team_client.get(url)
    assert len(fifty) == len(one), [q["sql"] for q in fifty.captured_queries]


@pytest.mark.django_db
def test_resend_and_revoke_buttons(
    team_client, event, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = InvitationFactory(event=event, email="someone@example.org")
    url = reverse("events:invitation_action", args=[event.slug, invitation.pk, "resend"])
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(url)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    url = reverse("events:invitation_action", args=[event.slug, invitation.pk, "revoke"])
    response = team_client.post(url, follow=True)
    assert b"was revoked" in response.content
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    url = reverse("events:invitation_action", args=[event.slug, invitation.pk, "resend"])
    response = team_client.post(url, follow=True)
    assert b"cannot be sent again" in response.content
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_invitation_actions_need_post_a_known_action_and_this_events_invitation(team_client, event):
    invitation = InvitationFactory(event=event)
    elsewhere = InvitationFactory()
    slug = event.slug
    assert (
        team_client.get(
            reverse("events:invitation_action", args=[slug, invitation.pk, "revoke"])
        ).status_code
        == 405
    )
    assert (
        team_client.post(
            reverse("events:invitation_action", args=[slug, invitation.pk, "delete"])
        ).status_code
        == 404
    )
    assert (
        team_client.post(
            reverse("events:invitation_action", args=[slug, elsewhere.pk, "revoke"])
        ).status_code
        == 404
    )
    assert (
        team_client.post(
            reverse("events:nomination_decide", args=[slug, 999, "approve"])
        ).status_code
        == 404
    )
    elsewhere.refresh_from_db()
    assert elsewhere.status == Invitation.Status.SENT


# --- From the directory ---------------------------------------------------------------------


@pytest.fixture
def directory(db):
    topic = TopicFactory(slug="housing", name="Housing")
    org = OrganizationFactory(name="Tenants United", slug="tenants-united")
    rosa = LeaderFactory(
        name="Rosa Ortiz",
        city="Springfield",
        state="IL",
        email="rosa@private.example.org",
        visibility=Leader.Visibility.ORGANIZERS,
        topics=[topic],
    )
    Affiliation.objects.create(leader=rosa, organization=org)
    noemail = LeaderFactory(name="Nomail Nguyen", city="Springfield", state="IL", email="")
    boston = LeaderFactory(name="Bo Boston", city="Boston", state="MA")
    return {"rosa": rosa, "noemail": noemail, "boston": boston, "topic": topic, "org": org}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"state": "IL"},
        {"city": "springfield"},
        {"topic": "housing"},
        {"organization": "tenants-united"},
        {"q": "Ortiz"},
    ],
)
def test_the_team_filters_the_whole_directory(team_client, event, directory, query):
    response = team_client.get(reverse("events:invite_leaders", args=[event.slug]), query)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rosa Ortiz" in content  # organizers-only profiles are listed for the team
    assert "Bo Boston" not in content
    assert "rosa@private.example.org" not in content  # but never their address


@pytest.mark.django_db
def test_a_bad_filter_value_is_a_400_with_a_message(team_client, event, directory):
    response = team_client.get(reverse("events:invite_leaders", args=[event.slug]), {"state": "ZZ"})
    assert response.status_code == 400
    assert b"not a US state code" in response.content


@pytest.mark.django_db
def test_people_without_email_or_already_invited_are_marked_and_not_selectable(
    team_client, event, directory
):
    InvitationFactory(event=event, email=directory["rosa"].email, leader=directory["rosa"])
    content = team_client.get(
        reverse("events:invite_leaders", args=[event.slug]), {"state": "IL"}
    ).content.decode()
    assert "No email address: cannot be invited" in content
    assert "Already invited (Sent)" in content
    assert f'value="{directory["rosa"].pk}"' not in content
    assert f'value="{directory["noemail"].pk}"' not in content


@pytest.mark.django_db
def test_inviting_selected_leaders(
    team_client, event, directory, django_capture_on_commit_callbacks, mailoutbox
):
    url = reverse("events:invite_leaders", args=[event.slug]) + "?state=IL"
    people = [directory["rosa"].pk, directory["boston"].pk, directory["noemail"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(url, {"people": people}, follow=True)
    assert response.redirect_chain[-1][0] == url
    content = response.content.decode()
    assert "2 invitations created" in content
    assert "1 person has no email address" in content
    invited = Invitation.objects.filter(event=event).exclude(email__endswith="@example.org")
    assert {i.leader for i in invited} == {directory["rosa"], directory["boston"]}
    assert len(mailoutbox) == 2
    again = team_client.post(url, {"people": [directory["rosa"].pk]}, follow=True)
    assert b"already invited and was skipped" in again.content


@pytest.mark.django_db
def test_selecting_nobody_or_an_unknown_person_is_a_400(team_client, event, directory):
    url = reverse("events:invite_leaders", args=[event.slug])
    assert team_client.post(url, {}).status_code == 400
    response = team_client.post(url, {"people": ["999999", "abc"]})
    assert response.status_code == 400
    assert (
        not Invitation.objects.filter(event=event, leader__isnull=False)
        .exclude(email__endswith="@example.org")
        .exists()
    )


@pytest.mark.django_db
def test_a_draft_event_cannot_invite_yet(team_client, event, directory):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    response = team_client.post(
        reverse("events:invite_leaders", args=[event.slug]), {"people": [directory["rosa"].pk]}
    )
    assert response.status_code == 400
    assert b"Publish the event before inviting people." in response.content
    assert not Invitation.objects.filter(leader=directory["rosa"]).exists()


# --- From pasted addresses or a CSV file --------------------------------------------------------


def _emails_url(event):
    return reverse("events:invite_emails", args=[event.slug])


def _created():
    return set(
        Invitation.objects.exclude(
            email__in=["invitee@example.org", "attendee@example.org"]
        ).values_list("email", "name")
    )


@pytest.mark.django_db
def test_pasted_addresses_with_or_without_names_are_invited(team_client, event):
    text = 'Ana Ruiz <Ana@Example.org>\n\n  bo@example.org  \n"Cruz, Carla" <carla@example.org>\n'
    response = team_client.post(_emails_url(event), {"addresses": text})
    assert response.status_code == 302
    assert _created() == {
        ("ana@example.org", "Ana Ruiz"),
        ("bo@example.org", ""),
        ("carla@example.org", "Cruz, Carla"),
    }


@pytest.mark.django_db
def test_a_malformed_line_names_the_line_and_creates_nothing(team_client, event):
    text = "ok@example.org\nnot an address\nAna <ana@example>\nfine@example.org\n"
    response = team_client.post(_emails_url(event), {"addresses": text})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Line 2" in content and "Line 3" in content and "Line 1" not in content
    assert "Nothing was sent" in content
    assert _created() == set()


@pytest.mark.django_db
def test_an_empty_form_is_a_400(team_client, event):
    response = team_client.post(_emails_url(event), {"addresses": "  \n"})
    assert response.status_code == 400
    assert b"Paste at least one address" in response.content


def _csv(content: bytes, name="people.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.django_db
def test_a_csv_with_email_and_name_columns_is_invited(team_client, event):
    data = (
        "\ufeffName,Email,City\nAna Ruiz,ana@example.org,Springfield\n,bo@example.org,\n".encode()
    )
    response = team_client.post(_emails_url(event), {"csv_file": _csv(data)})
    assert response.status_code == 302
    assert _created() == {("ana@example.org", "Ana Ruiz"), ("bo@example.org", "")}


@pytest.mark.django_db
def test_a_csv_with_semicolons_is_read_too(team_client, event):
    data = b"email;name\nana@example.org;Ana\n"
    assert team_client.post(_emails_url(event), {"csv_file": _csv(data)}).status_code == 302
    assert _created() == {("ana@example.org", "Ana")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,email\nAna,ana@example.org\nBo,bo-at-example\n", "Row 3"),
        (b"name,mail\nAna,ana@example.org\n", "one called “email”"),
        ("name,email\nJosé,jose@example.org\n".encode("latin-1"), "not UTF-8 text"),
        (b"", "file is empty"),
    ],
    ids=["bad-row", "no-email-header", "wrong-encoding", "empty"],
)
def test_a_bad_csv_gets_a_clear_message_and_creates_nothing(team_client, event, data, message):
    response = team_client.post(_emails_url(event), {"csv_file": _csv(data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _created() == set()


@pytest.mark.django_db
def test_addresses_already_invited_are_skipped_not_duplicated(team_client, event):
    InvitationFactory(event=event, email="ana@example.org")
    response = team_client.post(
        _emails_url(event), {"addresses": "ANA@example.org\nbo@example.org"}, follow=True
    )
    assert b"1 address was already invited and was skipped." in response.content
    assert Invitation.objects.filter(email="ana@example.org").count() == 1


# --- Links ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_team_creates_lists_and_turns_off_links(team_client, event):
    url = reverse("events:invite_links", args=[event.slug])
    expires = (timezone.now() + timedelta(days=3)).astimezone(event.tzinfo)
    response = team_client.post(
        url,
        {
            "label": "Faith leaders",
            "max_uses": "5",
            "expires_at": expires.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )
    link = InviteLink.objects.get()
    assert link.max_uses == 5 and link.label == "Faith leaders"
    # The expiry was typed in the event's time zone.
    assert abs((link.expires_at - expires).total_seconds()) < 60
    content = response.content.decode()
    assert f"/events/invitations/{link.token}/" in content
    assert "0 of 5" in content and "Active" in content
    team_client.post(url, {"revoke": str(link.pk)})
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "Turned off" in team_client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"max_uses": "0", "expires_at": "2999-01-01T10:00"},
        {"max_uses": "5", "expires_at": "2001-01-01T10:00"},
        {"max_uses": "five", "expires_at": "soon"},
    ],
)
def test_a_bad_link_form_is_a_400_and_creates_nothing(team_client, event, data):
    response = team_client.post(reverse("events:invite_links", args=[event.slug]), data)
    assert response.status_code == 400
    assert not InviteLink.objects.exists()


@pytest.mark.django_db
def test_turning_off_another_events_link_is_a_404(team_client, event):
    from .test_invite_links import make_link

    other = make_link(EventFactory())
    for value in (str(other.pk), "abc"):
        response = team_client.post(
            reverse("events:invite_links", args=[event.slug]), {"revoke": value}
        )
        assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


# --- Follow-ups: inviting the parent's attendees ------------------------------------------------


@pytest.mark.django_db
def test_an_event_without_a_parent_has_no_attendee_invite_page(team_client, event):
    response = team_client.get(reverse("events:invite_parent_attendees", args=[event.slug]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_team_invites_the_parents_attendees_to_the_follow_up(
    team_client, event, followup, django_capture_on_commit_callbacks, mailoutbox
):
    going = RSVPFactory(event=event, leader=LeaderFactory(name="Gina Going"))
    came = RSVPFactory(
        event=event, leader=LeaderFactory(name="Carl Came"), attendance=RSVP.Attendance.ATTENDED
    )
    declined = RSVPFactory(
        event=event, leader=LeaderFactory(name="Dee Declined"), status=RSVP.Status.DECLINED
    )
    url = reverse("events:invite_parent_attendees", args=[followup.slug])
    content = team_client.get(url).content.decode()
    assert "Gina Going" in content and "Carl Came" in content
    assert "Dee Declined" not in content
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(url, {"people": [going.leader.pk, came.leader.pk]})
    assert response.status_code == 302
    assert set(followup.invitations.values_list("leader", flat=True)) == {
        going.leader.pk,
        came.leader.pk,
    }
    assert len(mailoutbox) == 2
    refused = team_client.post(url, {"people": [declined.leader.pk]})
    assert refused.status_code == 400
    assert not followup.invitations.filter(leader=declined.leader).exists()
