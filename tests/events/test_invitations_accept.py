"""Answering a personal invitation: tokens, profiles without duplicates, sign-in, waitlist."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from actlocal.models import User
from directory.models import Leader
from events import tokens
from events.models import RSVP, Event, Invitation
from events.services.invitations import InvitationError, invitation_accept
from events.services.rsvps import RSVPDetails
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, QuestionFactory, RSVPFactory

YES = {"going": "yes", "name": "Rosa Diaz", "dietary_needs": "vegetarian"}
NO = {"going": "no"}


def _url(invitation) -> str:
    return reverse("events:invitation", kwargs={"token": invitation.token})


@pytest.fixture
def invitation(event):
    return InvitationFactory(event=event, email="rosa@example.org", name="Rosa D.")


def _nothing_changed():
    assert not RSVP.objects.exists()
    assert not Leader.objects.filter(email="rosa@example.org").exists()


# --- Tokens ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_token_is_a_clear_404(anon_client, invitation):
    for token in (
        "nope",
        "x" * 43,
        invitation.token[:-1] + ("A" if invitation.token[-1] != "A" else "B"),
    ):
        response = anon_client.get(reverse("events:invitation", kwargs={"token": token}))
        assert response.status_code == 404
        assert b"We could not find this invitation" in response.content
    response = anon_client.post(
        reverse("events:invitation", kwargs={"token": invitation.token[:-1] + "~"}), YES
    )
    assert response.status_code == 404
    _nothing_changed()


@pytest.mark.django_db
def test_the_token_is_compared_in_constant_time(anon_client, invitation, monkeypatch):
    calls = []
    real = tokens.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(tokens.hmac, "compare_digest", spy)
    assert anon_client.get(_url(invitation)).status_code == 200
    assert (invitation.token.encode(), invitation.token.encode()) in calls
    calls.clear()
    guessed = invitation.token_selector + "A" * (len(invitation.token) - 12)
    assert (
        anon_client.get(reverse("events:invitation", kwargs={"token": guessed})).status_code == 404
    )
    assert calls, "a guess with the right selector is still compared with compare_digest"


# --- The page -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_the_event_and_the_form_but_not_the_hidden_address(anon_client, invitation):
    response = anon_client.get(_url(invitation))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Springfield Convening</h1>" in content
    assert "Will you be there?" in content
    assert 'name="name"' in content  # a first-time invitee gives their name
    assert 'name="email"' not in content  # the address is the invited one
    assert "12 Main Street" not in content and "Cambridge" in content
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_team_questions_appear_and_required_ones_must_be_answered(anon_client, invitation):
    question = QuestionFactory(event=invitation.event, label="T-shirt size?", required=True)
    assert b"T-shirt size?" in anon_client.get(_url(invitation)).content
    response = anon_client.post(_url(invitation), YES)
    assert response.status_code == 400
    _nothing_changed()
    response = anon_client.post(_url(invitation), {**YES, f"question_{question.pk}": "M"})
    assert response.status_code == 302
    assert RSVP.objects.get().answers == {str(question.pk): "M"}


@pytest.mark.django_db
def test_an_answer_without_a_choice_is_refused_with_400(anon_client, invitation):
    response = anon_client.post(_url(invitation), {"name": "Rosa"})
    assert response.status_code == 400
    assert b"Tell us whether you will be there." in response.content
    _nothing_changed()


# --- Accepting ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_accepting_creates_a_profile_and_a_verified_account_and_signs_the_person_in(
    anon_client, invitation
):
    response = anon_client.post(_url(invitation), YES)
    assert response.status_code == 302
    assert response["Location"] == invitation.event.get_absolute_url()
    leader = Leader.objects.get(email="rosa@example.org")
    assert leader.name == "Rosa Diaz"
    assert leader.source == Leader.Source.SELF
    # Answering an invitation is no agreement to be listed.
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    assert leader.consent_at is None
    user = User.objects.get(email="rosa@example.org")
    assert leader.user == user
    assert EmailAddress.objects.get(user=user, email="rosa@example.org").verified
    assert anon_client.session["_auth_user_id"] == str(user.pk)
    rsvp = RSVP.objects.get(event=invitation.event, leader=leader)
    assert rsvp.status == RSVP.Status.GOING and rsvp.invitation == invitation
    assert rsvp.dietary_needs == "vegetarian"
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.responded_at is not None and invitation.leader == leader
    # Signed in and going: the invite-only page now opens, with the address.
    page = anon_client.get(invitation.event.get_absolute_url())
    assert page.status_code == 200


@pytest.mark.django_db
def test_accepting_claims_the_existing_profile_with_that_address(anon_client, invitation):
    existing = LeaderFactory(email="rosa@example.org", name="Rosa Existing", user=None)
    response = anon_client.post(_url(invitation), YES)
    assert response.status_code == 302
    assert Leader.objects.filter(email="rosa@example.org").count() == 1
    existing.refresh_from_db()
    assert existing.name == "Rosa Existing"  # their profile, not the form's name
    assert existing.user is not None and existing.user.email == "rosa@example.org"
    assert RSVP.objects.get().leader == existing


@pytest.mark.django_db
def test_accepting_twice_keeps_one_profile_and_one_rsvp(anon_client, invitation):
    anon_client.post(_url(invitation), YES)
    anon_client.post(_url(invitation), {**YES, "dietary_needs": "vegan"})
    assert Leader.objects.filter(email="rosa@example.org").count() == 1
    assert User.objects.filter(email="rosa@example.org").count() == 1
    assert RSVP.objects.get().dietary_needs == "vegan"


@pytest.mark.django_db
def test_an_account_with_its_own_password_is_not_signed_in_by_the_link(anon_client, invitation):
    user = UserFactory(email="rosa@example.org")
    LeaderFactory(email="rosa@example.org", user=user)
    response = anon_client.post(_url(invitation), YES)
    rsvp = RSVP.objects.get()
    assert rsvp.status == RSVP.Status.GOING
    assert "_auth_user_id" not in anon_client.session
    # Not signed in: sent to the signed link where the answer can be seen and changed.
    assert response["Location"].startswith(f"/events/{invitation.event.slug}/rsvp/")
    assert anon_client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_team_or_staff_account_is_never_signed_in_by_a_mailed_link(anon_client, event):
    staff = UserFactory(email="boss@example.org", is_staff=True)
    staff.set_unusable_password()
    staff.save()
    LeaderFactory(email="boss@example.org", user=staff)
    invitation = InvitationFactory(event=event, email="boss@example.org")
    anon_client.post(_url(invitation), YES)
    assert RSVP.objects.get().leader.user == staff
    assert "_auth_user_id" not in anon_client.session


@pytest.mark.django_db
def test_the_invited_directory_leader_answers_even_if_their_address_changed(anon_client, event):
    leader = LeaderFactory(email="new-address@example.org")
    invitation = InvitationFactory(event=event, email="old-address@example.org", leader=leader)
    anon_client.post(_url(invitation), YES)
    assert RSVP.objects.get().leader == leader
    assert not Leader.objects.filter(email="old-address@example.org").exists()
    assert "_auth_user_id" not in anon_client.session  # the token proves the old mailbox only


@pytest.mark.django_db
def test_someone_signed_in_as_another_account_answers_for_the_invited_address(
    member_client, invitation
):
    response = member_client.get(_url(invitation))
    assert b"not to the account you are signed in with" in response.content
    member_client.post(_url(invitation), YES)
    assert RSVP.objects.get().leader.email == "rosa@example.org"
    assert member_client.session["_auth_user_id"] != str(
        User.objects.get(email="rosa@example.org").pk
    )


@pytest.mark.django_db
def test_a_full_event_puts_the_invitee_on_the_waitlist(anon_client, invitation):
    Event.objects.filter(pk=invitation.event_id).update(capacity=1)
    RSVPFactory(event=invitation.event)
    response = anon_client.post(_url(invitation), YES, follow=True)
    rsvp = RSVP.objects.get(leader__email="rosa@example.org")
    assert rsvp.status == RSVP.Status.WAITLISTED and rsvp.waitlist_position == 1
    assert b"you are on the waitlist" in response.content
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


@pytest.mark.django_db
def test_the_waitlist_message_counts_the_people_still_waiting(anon_client, invitation):
    Event.objects.filter(pk=invitation.event_id).update(capacity=1)
    RSVPFactory(event=invitation.event)
    RSVPFactory(event=invitation.event, status=RSVP.Status.CANCELLED)  # was number 1, left
    RSVPFactory(event=invitation.event, status=RSVP.Status.WAITLISTED, waitlist_position=2)
    response = anon_client.post(_url(invitation), YES, follow=True)
    rsvp = RSVP.objects.get(leader__email="rosa@example.org")
    assert rsvp.waitlist_position == 3
    assert b"waitlist (number 2)" in response.content


# --- Declining ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_declining_marks_the_invitation_declined_without_making_a_profile(anon_client, invitation):
    response = anon_client.post(_url(invitation), NO)
    assert response.status_code == 200
    assert b"Thanks for your answer" in response.content
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED and invitation.responded_at
    _nothing_changed()
    assert not User.objects.filter(email="rosa@example.org").exists()


@pytest.mark.django_db
def test_declining_after_accepting_frees_the_seat_for_the_waitlist(anon_client, invitation):
    Event.objects.filter(pk=invitation.event_id).update(capacity=1)
    anon_client.post(_url(invitation), YES)
    waiting = RSVPFactory(
        event=invitation.event, status=RSVP.Status.WAITLISTED, waitlist_position=1
    )
    anon_client.post(_url(invitation), NO)
    assert RSVP.objects.get(leader__email="rosa@example.org").status == RSVP.Status.DECLINED
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.GOING
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_revoked_invitation_is_refused_and_nothing_changes(anon_client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.REVOKED)
    for response in (anon_client.get(_url(invitation)), anon_client.post(_url(invitation), YES)):
        assert response.status_code == 410
        assert b"This invitation is no longer valid" in response.content
    _nothing_changed()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "status", "text"),
    [
        ({"status": Event.Status.CANCELLED}, 410, b"This event was cancelled"),
        ({"status": Event.Status.DRAFT}, 404, b"This event is not open yet"),
        (
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=1),
            },
            410,
            b"already taken place",
        ),
    ],
)
def test_a_closed_event_gets_a_clear_message_and_nothing_changes(
    anon_client, invitation, change, status, text
):
    Event.objects.filter(pk=invitation.event_id).update(**change)
    for response in (anon_client.get(_url(invitation)), anon_client.post(_url(invitation), YES)):
        assert response.status_code == status
        assert text in response.content
    _nothing_changed()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT


@pytest.mark.django_db
def test_a_failure_midway_leaves_no_profile_behind(event):
    """The profile is made before the seat is decided; a refusal rolls both back."""
    invitation = InvitationFactory(event=event, email="rosa@example.org")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(InvitationError):
        invitation_accept(
            invitation=invitation, name="Rosa", details=RSVPDetails(), going=True, user=None
        )
    _nothing_changed()
    assert not User.objects.filter(email="rosa@example.org").exists()


@pytest.mark.django_db
def test_invitations_to_a_public_event_work_the_same(anon_client):
    event = EventFactory(visibility=Event.Visibility.PUBLIC)
    invitation = InvitationFactory(event=event, email="rosa@example.org")
    response = anon_client.get(_url(invitation))
    assert b"12 Main Street" in response.content  # public events show the address
    anon_client.post(_url(invitation), YES)
    assert RSVP.objects.get().status == RSVP.Status.GOING


@pytest.mark.django_db
@pytest.mark.parametrize(
    "client_fixture",
    [
        "anon_client",
        "member_client",
        "invitee_client",
        "attendee_client",
        "other_team_client",
        "team_client",
        "staff_client",
    ],
)
def test_the_token_is_the_key_whoever_opens_it(request, invitation, client_fixture):
    """Anyone holding a valid token sees the invitation; nobody gets anything from a bad one."""
    client = request.getfixturevalue(client_fixture)
    assert client.get(_url(invitation)).status_code == 200
    guessed = reverse("events:invitation", kwargs={"token": invitation.token_selector + "x" * 31})
    assert client.get(guessed).status_code == 404
    assert client.post(guessed, YES).status_code == 404
    assert not RSVP.objects.filter(leader__email="rosa@example.org").exists()


@pytest.mark.django_db
def test_an_attendee_reopening_their_invitation_sees_their_answer_and_the_address(
    attendee_client, attendee_user, event
):
    invitation = Invitation.objects.get(email=attendee_user.email)
    content = attendee_client.get(_url(invitation)).content.decode()
    assert "Your current answer: Going" in content
    assert "12 Main Street" in content
