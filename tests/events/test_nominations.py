"""Nominations: people going suggest others; the team approves (an invitation goes out) or not."""

import pytest
from django.urls import reverse

from events.models import Event, Invitation, Nomination
from events.services.nominations import NominationError, nomination_create, nomination_decide
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, RSVPFactory

NOMINEE = {"name": "Nia Nominee", "email": "Nia@Example.org", "reason": "Runs the food bank."}


def _url(event) -> str:
    return reverse("events:nominate", args=[event.slug])


# --- Who may nominate -------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(anon_client, event):
    for response in (anon_client.get(_url(event)), anon_client.post(_url(event), NOMINEE)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not Nomination.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("client_fixture", "status"),
    [
        ("member_client", 404),  # cannot see an invite-only event
        ("other_team_client", 404),
        ("invitee_client", 403),  # invited but not going
        ("team_client", 403),  # the team approves; it does not nominate
        ("staff_client", 403),
    ],
)
def test_only_people_going_may_nominate(request, event, client_fixture, status):
    client = request.getfixturevalue(client_fixture)
    assert client.get(_url(event)).status_code == status
    assert client.post(_url(event), NOMINEE).status_code == status
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_a_waitlisted_person_may_not_nominate(attendee_client, attendee_user, event):
    attendee_user.leader.rsvps.update(status="waitlisted", waitlist_position=1)
    assert attendee_client.get(_url(event)).status_code == 403


@pytest.mark.django_db
def test_someone_going_nominates_a_person(attendee_client, attendee_user, event):
    page = attendee_client.get(_url(event))
    assert page.status_code == 200
    assert '<label for="id_reason">' in page.content.decode()
    response = attendee_client.post(_url(event), NOMINEE, follow=True)
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert b"will review your nomination of Nia Nominee" in response.content
    nomination = Nomination.objects.get()
    assert nomination.email == "nia@example.org"
    assert nomination.nominated_by == attendee_user.leader
    assert nomination.status == Nomination.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**NOMINEE, "email": "not-an-email"}, b"Enter a valid email address."),
        ({**NOMINEE, "name": ""}, b"This field is required."),
    ],
)
def test_a_bad_nomination_is_a_400(attendee_client, event, data, message):
    response = attendee_client.post(_url(event), data)
    assert response.status_code == 400
    assert message in response.content
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_a_person_is_nominated_once_per_event(attendee_client, event):
    attendee_client.post(_url(event), NOMINEE)
    response = attendee_client.post(_url(event), {**NOMINEE, "email": "NIA@example.org"})
    assert response.status_code == 400
    assert b"already nominated" in response.content
    assert Nomination.objects.count() == 1


@pytest.mark.django_db
def test_someone_already_invited_cannot_be_nominated(attendee_client, event):
    InvitationFactory(event=event, email="nia@example.org")
    response = attendee_client.post(_url(event), NOMINEE)
    assert response.status_code == 400
    assert b"already been invited" in response.content


@pytest.mark.django_db
def test_the_service_refuses_nominators_who_are_not_going(event):
    with pytest.raises(NominationError):
        nomination_create(
            event=event, nominator_leader=LeaderFactory(), name="Nia", email="n@x.org", reason=""
        )


@pytest.mark.django_db
def test_nominations_close_with_the_event(attendee_user, event):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    event.refresh_from_db()
    with pytest.raises(NominationError):
        nomination_create(
            event=event, nominator_leader=attendee_user.leader, name="N", email="n@x.org", reason=""
        )


# --- The team decides -------------------------------------------------------------------------


@pytest.fixture
def nomination(event):
    going = RSVPFactory(event=event)
    return Nomination.objects.create(
        event=event, nominated_by=going.leader, name="Nia Nominee", email="nia@example.org"
    )


def _decide(event, nomination, decision):
    return reverse("events:nomination_decide", args=[event.slug, nomination.pk, decision])


@pytest.mark.django_db
def test_the_team_sees_pending_nominations_with_their_reason(team_client, event, nomination):
    nomination.reason = "Runs the food bank."
    nomination.save()
    content = team_client.get(reverse("events:invitation_list", args=[event.slug])).content
    assert b"Nia Nominee" in content and b"Runs the food bank." in content
    assert b"Approve and invite" in content


@pytest.mark.django_db
def test_approving_invites_the_nominee_and_mails_them(
    team_client, lead_user, event, nomination, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(_decide(event, nomination, "approve"))
    assert response.status_code == 302
    nomination.refresh_from_db()
    invitation = Invitation.objects.get(email="nia@example.org")
    assert nomination.status == Nomination.Status.APPROVED
    assert nomination.invitation == invitation and nomination.decided_by == lead_user
    assert invitation.name == "Nia Nominee"
    assert [m.to for m in mailoutbox] == [["nia@example.org"]]


@pytest.mark.django_db
def test_declining_sends_nothing(team_client, event, nomination, mailoutbox):
    team_client.post(_decide(event, nomination, "decline"))
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DECLINED
    assert not Invitation.objects.filter(email="nia@example.org").exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_approval_reuses_an_invitation_the_person_already_has(lead_user, event, nomination):
    existing = InvitationFactory(event=event, email="nia@example.org")
    nomination_decide(nomination=nomination, approve=True, actor=lead_user)
    nomination.refresh_from_db()
    assert nomination.invitation == existing
    assert Invitation.objects.filter(email="nia@example.org").count() == 1


@pytest.mark.django_db
def test_approval_reinstates_a_revoked_invitation(
    lead_user, event, nomination, django_capture_on_commit_callbacks, mailoutbox
):
    existing = InvitationFactory(event=event, email="nia@example.org", status="revoked")
    old_token = existing.token
    with django_capture_on_commit_callbacks(execute=True):
        nomination_decide(nomination=nomination, approve=True, actor=lead_user)
    existing.refresh_from_db()
    assert existing.status == Invitation.Status.SENT
    assert existing.token != old_token  # the withdrawn link stays dead
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_nomination_is_decided_once(team_client, event, nomination):
    team_client.post(_decide(event, nomination, "decline"))
    response = team_client.post(_decide(event, nomination, "approve"), follow=True)
    assert b"already been decided" in response.content
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DECLINED
    assert not Invitation.objects.filter(email="nia@example.org").exists()


@pytest.mark.django_db
def test_an_unknown_decision_or_another_events_nomination_is_a_404(team_client, event, nomination):
    assert team_client.post(_decide(event, nomination, "maybe")).status_code == 404
    other = Nomination.objects.create(event=EventFactory(), name="X", email="x@example.org")
    assert team_client.post(_decide(event, other, "approve")).status_code == 404
    assert team_client.get(_decide(event, nomination, "approve")).status_code == 405
    other.refresh_from_db()
    assert other.status == Nomination.Status.PENDING


@pytest.mark.django_db
def test_the_lead_and_co_organizers_are_told_of_a_new_nomination(
    attendee_client, lead_user, event, django_capture_on_commit_callbacks, mailoutbox
):
    from events.models import EventRole
    from tests.actlocal.factories import UserFactory

    co = UserFactory(email="co@example.org")
    EventRole.objects.create(event=event, user=co, role=EventRole.Role.CO_ORGANIZER)
    desk = UserFactory(email="desk-only@example.org")
    EventRole.objects.create(event=event, user=desk, role=EventRole.Role.CHECKIN)

    with django_capture_on_commit_callbacks(execute=True):
        attendee_client.post(_url(event), {**NOMINEE, "reason": "Runs the food bank."})

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["co@example.org", "lead@example.org"]
    assert "Nia Nominee" in mail.subject
    assert "Runs the food bank." in mail.body
    assert reverse("events:invitation_list", args=[event.slug]) in mail.body
