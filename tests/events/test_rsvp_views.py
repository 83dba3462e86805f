"""/events/<slug>/rsvp/: a signed-in person answers, changes, cancels or leaves the waitlist."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from directory.models import Leader
from events.models import RSVP, Event, Question
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, QuestionFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def rsvp_url(event: Event) -> str:
    return reverse("events:rsvp", kwargs={"slug": event.slug})


def yes(**extra) -> dict:
    return {"going": "yes", "accessibility_needs": "", "dietary_needs": "", **extra}


def rsvp_of(user, event) -> RSVP | None:
    return RSVP.objects.filter(event=event, leader__user=user).first()


# --- Access ------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(anon_client):
    event = EventFactory()

    response = anon_client.get(rsvp_url(event))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_anonymous_post_changes_nothing(anon_client):
    event = EventFactory()

    response = anon_client.post(rsvp_url(event), yes())

    assert response.status_code == 302
    assert not RSVP.objects.exists()


@pytest.mark.parametrize("role", ["member_client", "other_team_client"])
def test_invite_only_rsvp_page_is_404_without_an_invitation(request, event, role):
    client = request.getfixturevalue(role)

    assert client.get(rsvp_url(event)).status_code == 404
    assert client.post(rsvp_url(event), yes()).status_code == 404
    assert not RSVP.objects.filter(event=event).exists()


def test_draft_event_rsvp_page_is_404(member_client):
    draft = EventFactory(status=Event.Status.DRAFT)

    assert member_client.post(rsvp_url(draft), yes()).status_code == 404
    assert not RSVP.objects.exists()


def test_revoked_invitation_cannot_rsvp(invitee_client, invitee_user, event):
    event.invitations.update(status="revoked")

    assert invitee_client.post(rsvp_url(event), yes()).status_code == 404
    assert not RSVP.objects.filter(event=event).exists()


# --- Answering ---------------------------------------------------------------------------------


def test_member_rsvps_yes_to_a_public_event(member_client, member_user):
    event = EventFactory(title="Open Convening")

    page = member_client.get(rsvp_url(event))
    response = member_client.post(
        rsvp_url(event), yes(accessibility_needs="Step-free access", dietary_needs="Vegan")
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    rsvp = rsvp_of(member_user, event)
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.accessibility_needs == "Step-free access"
    assert rsvp.dietary_needs == "Vegan"
    followed = member_client.get(response["Location"]).content.decode()
    assert "You’re going to Open Convening" in followed


def test_member_says_no(member_client, member_user):
    event = EventFactory()

    member_client.post(rsvp_url(event), {"going": "no"})

    assert rsvp_of(member_user, event).status == RSVP.Status.DECLINED


def test_invitee_rsvps_to_an_invite_only_event_with_their_invitation(
    invitee_client, invitee_user, event
):
    response = invitee_client.post(rsvp_url(event), yes())

    assert response.status_code == 302
    rsvp = rsvp_of(invitee_user, event)
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.invitation.email == invitee_user.email


def test_invitation_by_email_is_found_for_an_account_without_a_profile(client):
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY)
    user = UserFactory(email="newcomer@example.org", name="Nia Newcomer")
    InvitationFactory(event=event, email="Newcomer@Example.org")
    client.force_login(user)

    response = client.post(rsvp_url(event), yes())

    assert response.status_code == 302
    leader = Leader.objects.get(user=user)
    assert rsvp_of(user, event).leader == leader


def test_team_member_without_invitation_is_refused_with_400_and_nothing_changes(
    team_client, lead_user, event
):
    response = team_client.post(rsvp_url(event), yes())

    assert response.status_code == 400
    assert "by invitation only" in response.content.decode()
    assert not RSVP.objects.filter(event=event, leader__user=lead_user).exists()
    assert not Leader.objects.filter(user=lead_user).exists()  # no profile left behind


def test_account_without_profile_claims_the_imported_profile_with_its_email(client):
    event = EventFactory()
    imported = LeaderFactory(email="imported@example.org", user=None, source="import")
    user = UserFactory(email="imported@example.org")
    client.force_login(user)

    client.post(rsvp_url(event), yes())

    imported.refresh_from_db()
    assert imported.user == user
    assert RSVP.objects.get(event=event).leader == imported


def test_unverified_account_without_profile_is_refused_and_nothing_changes(client):
    event = EventFactory()
    user = UserFactory(email="unverified@example.org", verified=False)
    client.force_login(user)

    response = client.post(rsvp_url(event), yes())

    assert response.status_code == 400
    assert "Confirm your email address first" in response.content.decode()
    assert not Leader.objects.filter(user=user).exists()
    assert not RSVP.objects.exists()


def test_full_event_puts_the_member_on_the_waitlist_with_their_number(member_client, member_user):
    event = EventFactory(capacity=1, title="Small Dinner")
    RSVPFactory(event=event)
    RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    response = member_client.post(rsvp_url(event), yes(), follow=True)

    rsvp = rsvp_of(member_user, event)
    assert rsvp.status == RSVP.Status.WAITLISTED
    assert "you are number 2 on the waitlist" in response.content.decode()


def test_changing_needs_keeps_the_seat(member_client, member_user):
    event = EventFactory(capacity=1)
    rsvp = RSVPFactory(event=event, leader=member_user.leader, dietary_needs="None")

    member_client.post(rsvp_url(event), yes(dietary_needs="Gluten-free"))

    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.dietary_needs == "Gluten-free"


def test_form_starts_from_the_existing_rsvp(member_client, member_user):
    event = EventFactory()
    question = QuestionFactory(event=event, label="Your organization?")
    RSVPFactory(
        event=event,
        leader=member_user.leader,
        dietary_needs="Halal",
        answers={question.answer_key: "Neighbors United"},
    )

    form = member_client.get(rsvp_url(event)).context["form"]

    assert form.initial["going"] == "yes"
    assert form.initial["dietary_needs"] == "Halal"
    assert form.initial[f"question_{question.pk}"] == "Neighbors United"


# --- Custom questions --------------------------------------------------------------------------


def _questions(event):
    text = QuestionFactory(event=event, label="What do you hope to learn?", required=True)
    choice = QuestionFactory(
        event=event,
        label="Which track?",
        kind=Question.Kind.CHOICE,
        choices="Housing\nHealth care\n",
        required=True,
    )
    yes_no = QuestionFactory(event=event, label="Need childcare?", kind=Question.Kind.YES_NO)
    return text, choice, yes_no


def test_answers_are_saved_by_question(member_client, member_user):
    event = EventFactory()
    text, choice, yes_no = _questions(event)

    response = member_client.post(
        rsvp_url(event),
        yes(
            **{
                f"question_{text.pk}": "Power mapping",
                f"question_{choice.pk}": "Health care",
                f"question_{yes_no.pk}": "no",
            }
        ),
    )

    assert response.status_code == 302
    assert rsvp_of(member_user, event).answers == {
        text.answer_key: "Power mapping",
        choice.answer_key: "Health care",
        yes_no.answer_key: "no",
    }


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"text": "", "choice": "Housing"}, "This field is required."),
        ({"text": "x", "choice": "Skydiving"}, "Select a valid choice."),
        ({"text": "x", "choice": "Housing", "yes_no": "maybe"}, "Select a valid choice."),
    ],
)
def test_bad_answers_are_400_and_nothing_changes(member_client, member_user, answers, message):
    event = EventFactory()
    text, choice, yes_no = _questions(event)
    data = yes(
        **{
            f"question_{text.pk}": answers["text"],
            f"question_{choice.pk}": answers["choice"],
        }
    )
    if "yes_no" in answers:
        data[f"question_{yes_no.pk}"] = answers["yes_no"]

    response = member_client.post(rsvp_url(event), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert rsvp_of(member_user, event) is None


def test_saying_no_does_not_require_answers(member_client, member_user):
    event = EventFactory()
    _questions(event)

    response = member_client.post(rsvp_url(event), {"going": "no"})

    assert response.status_code == 302
    assert rsvp_of(member_user, event).status == RSVP.Status.DECLINED


@pytest.mark.parametrize("going", ["", "maybe", "yes'; --"])
def test_missing_or_bad_answer_to_going_is_400(member_client, member_user, going):
    event = EventFactory()

    response = member_client.post(rsvp_url(event), {"going": going})

    assert response.status_code == 400
    assert rsvp_of(member_user, event) is None


def test_overlong_needs_are_400(member_client, member_user):
    event = EventFactory()

    response = member_client.post(rsvp_url(event), yes(dietary_needs="x" * 301))

    assert response.status_code == 400
    assert rsvp_of(member_user, event) is None


# --- Closed events -----------------------------------------------------------------------------


def test_cancelled_event_refuses_rsvps_with_400(member_client, member_user):
    event = EventFactory(status=Event.Status.CANCELLED)

    page = member_client.get(rsvp_url(event))
    response = member_client.post(rsvp_url(event), yes())

    assert "This event has been cancelled" in page.content.decode()
    assert response.status_code == 400
    assert "This event has been cancelled." in response.content.decode()
    assert rsvp_of(member_user, event) is None


def test_event_that_has_started_refuses_rsvps_with_400(member_client, member_user):
    start = timezone.now() - timedelta(hours=1)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=4))

    response = member_client.post(rsvp_url(event), yes())

    assert response.status_code == 400
    assert "already started" in response.content.decode()
    assert rsvp_of(member_user, event) is None


# --- Cancelling and leaving the waitlist --------------------------------------------------------


def test_attendee_cancels_and_the_first_waiting_person_gets_the_seat(
    attendee_client, attendee_user, event
):
    event.capacity = 1
    event.save()
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    response = attendee_client.post(rsvp_url(event), {"action": "cancel"})

    assert response.status_code == 302
    assert rsvp_of(attendee_user, event).status == RSVP.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.GOING
    assert AuditEntry.objects.filter(action="rsvp.cancel").exists()


def test_waitlisted_member_leaves_the_waitlist(member_client, member_user):
    event = EventFactory(capacity=1)
    RSVPFactory(event=event)
    RSVPFactory(
        event=event,
        leader=member_user.leader,
        status=RSVP.Status.WAITLISTED,
        waitlist_position=1,
    )

    response = member_client.post(rsvp_url(event), {"action": "cancel"}, follow=True)

    assert rsvp_of(member_user, event).status == RSVP.Status.CANCELLED
    assert "You have left the waitlist." in response.content.decode()


def test_cancelling_without_an_rsvp_is_400(member_client):
    event = EventFactory()

    response = member_client.post(rsvp_url(event), {"action": "cancel"})

    assert response.status_code == 400
    assert "There is no seat or waitlist place to cancel." in response.content.decode()


def test_cancelling_after_the_start_is_400_and_keeps_the_seat(member_client, member_user):
    start = timezone.now() - timedelta(hours=1)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=4))
    rsvp = RSVPFactory(event=event, leader=member_user.leader)

    response = member_client.post(rsvp_url(event), {"action": "cancel"})

    assert response.status_code == 400
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_rsvp_again_after_cancelling(member_client, member_user):
    event = EventFactory()
    RSVPFactory(event=event, leader=member_user.leader, status=RSVP.Status.CANCELLED)

    member_client.post(rsvp_url(event), yes())

    assert rsvp_of(member_user, event).status == RSVP.Status.GOING


def test_staff_can_rsvp_to_a_public_event(staff_client, staff_user):
    event = EventFactory()

    response = staff_client.post(rsvp_url(event), yes())

    assert response.status_code == 302
    assert rsvp_of(staff_user, event).status == RSVP.Status.GOING


def test_answering_through_the_site_marks_the_invitation_answered(
    invitee_client, invitee_user, event
):
    invitation = event.invitations.get(email=invitee_user.email)

    invitee_client.post(rsvp_url(event), yes())
    invitation.refresh_from_db()
    assert invitation.status == "accepted"

    invitee_client.post(rsvp_url(event), {"going": "no"})
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert rsvp_of(invitee_user, event).status == RSVP.Status.DECLINED
