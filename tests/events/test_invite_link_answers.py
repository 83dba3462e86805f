"""Answers typed into an invite link wait for the mailbox: nothing of anyone before that."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from actlocal.delivery import deliver_claimed
from directory.models import Leader
from events.models import RSVP, Event, Invitation, InviteLink, LinkAnswer
from events.services.invitations import LINK_REFUSED, InvitationError
from events.services.link_answers import CHANNEL, link_answer_confirm, link_answer_record
from events.services.rsvps import RSVPDetails
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, RSVPFactory
from .test_invite_links import YES, make_link

CHECK_MAIL = b"Check your mail"


def _url(link) -> str:
    return reverse("events:invitation", kwargs={"token": link.token})


def _confirm_url(message) -> str:
    return re.search(r"https?://[^/\s]+(/events/invitations/confirm/[^/\s]+/)", message.body)[1]


def _answer(client, link, data=YES):
    """Type an answer into the link page and have the outbox send what it wrote."""
    response = client.post(_url(link), data)
    deliver_claimed(channel=CHANNEL)
    return response


@pytest.fixture
def link(event):
    return make_link(event)


def _nothing_recorded(email="lin@example.org"):
    assert not RSVP.objects.exists()
    assert not Invitation.objects.filter(email=email).exists()


@pytest.mark.django_db
def test_a_typed_answer_is_kept_and_mailed_and_touches_nothing(
    anon_client, link, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(_url(link), {**YES, "dietary_needs": "vegan"})
    assert response.status_code == 200
    assert CHECK_MAIL in response.content
    _nothing_recorded()
    assert not Leader.objects.filter(email="lin@example.org").exists()
    link.refresh_from_db()
    assert link.uses == 0
    answer = LinkAnswer.objects.get()
    assert (answer.email, answer.name, answer.dietary_needs) == (
        "lin@example.org",
        "Lin Kuser",
        "vegan",
    )
    # The kick after commit sent it at once.
    assert [message.to for message in mail.outbox] == [["lin@example.org"]]
    assert answer.get_absolute_url() in mail.outbox[0].body


@pytest.mark.django_db
def test_following_the_mailed_link_records_the_answer(anon_client, link):
    _answer(anon_client, link, {**YES, "dietary_needs": "vegan"})
    url = _confirm_url(mail.outbox[0])
    assert anon_client.get(url).status_code == 200  # a mail scanner's GET changes nothing
    _nothing_recorded()

    response = anon_client.post(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/events/{link.event.slug}/rsvp/")
    leader = Leader.objects.get(email="lin@example.org")
    assert leader.visibility == Leader.Visibility.ORGANIZERS  # its owner never chose a listing
    invitation = Invitation.objects.get(email="lin@example.org")
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.leader == leader
    rsvp = RSVP.objects.get()
    assert (rsvp.invitation, rsvp.status, rsvp.dietary_needs) == (invitation, "going", "vegan")
    link.refresh_from_db()
    assert link.uses == 1
    assert "_auth_user_id" not in anon_client.session
    # The confirmation link works once.
    assert anon_client.post(url).status_code == 410
    assert RSVP.objects.count() == 1


def _known(event):
    LeaderFactory(email="lin@example.org", name="Linnea Secretname", city="Hiddenville")


def _invited(event):
    _known(event)
    InvitationFactory(event=event, email="lin@example.org", name="Linnea Secretname")


def _answered(event):
    leader = LeaderFactory(email="lin@example.org", name="Linnea Secretname")
    RSVPFactory(event=event, leader=leader)


def _removed(event):
    InvitationFactory(
        event=event, email="lin@example.org", name="Linnea Secretname", status="revoked"
    )


def _page_text(response) -> str:
    # Only the per-request CSRF token may differ.
    return re.sub(r'("X-CSRFToken": |value=)"[^"]+"', "", response.content.decode())


@pytest.mark.django_db
def test_the_page_after_typing_is_the_same_whoever_owns_the_address(anon_client, event):
    pages = []
    for setup in (None, _known, _invited, _answered, _removed):
        RSVP.objects.all().delete()
        Invitation.objects.all().delete()
        Leader.objects.filter(email="lin@example.org").delete()
        if setup:
            setup(event)
        response = anon_client.post(_url(make_link(event)), YES)
        assert response.status_code == 200
        assert "Secretname" not in response.content.decode()
        assert "Hiddenville" not in response.content.decode()
        pages.append(_page_text(response))
    assert all(page == pages[0] for page in pages)


@pytest.mark.django_db
def test_an_existing_profile_is_matched_only_after_confirmation(anon_client, link):
    existing = LeaderFactory(email="lin@example.org", name="Lin Existing")
    _answer(anon_client, link)
    assert not RSVP.objects.exists()
    anon_client.post(_confirm_url(mail.outbox[0]))
    assert Leader.objects.filter(email="lin@example.org").count() == 1
    assert RSVP.objects.get().leader == existing


@pytest.mark.django_db
def test_someone_already_invited_answers_through_their_invitation_without_spending_a_use(
    anon_client, link
):
    invitation = InvitationFactory(event=link.event, email="lin@example.org")
    _answer(anon_client, link)
    anon_client.post(_confirm_url(mail.outbox[0]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert RSVP.objects.get().invitation == invitation
    link.refresh_from_db()
    assert link.uses == 0


@pytest.mark.django_db
def test_typing_someone_elses_address_changes_nothing_of_their_answer(anon_client, link):
    leader = LeaderFactory(email="lin@example.org")
    RSVPFactory(event=link.event, leader=leader, dietary_needs="")
    response = _answer(anon_client, link, {**YES, "dietary_needs": "x"})
    assert response.status_code == 200
    assert RSVP.objects.get().dietary_needs == ""  # only the mailbox's owner can confirm it


@pytest.mark.django_db
def test_a_removed_person_cannot_come_back_through_the_link(anon_client, link):
    _removed(link.event)
    _answer(anon_client, link)
    response = anon_client.post(_confirm_url(mail.outbox[0]))
    assert response.status_code == 400
    assert str(LINK_REFUSED).encode() in response.content.replace(b"&#x27;", b"'")
    assert not RSVP.objects.exists()
    link.refresh_from_db()
    assert link.uses == 0


@pytest.mark.django_db
def test_typing_the_same_address_again_soon_sends_no_second_mail(anon_client, link):
    _answer(anon_client, link)
    _answer(anon_client, link, {**YES, "dietary_needs": "vegan"})
    assert len(mail.outbox) == 1
    assert LinkAnswer.objects.get().dietary_needs == "vegan"


@pytest.mark.django_db
def test_the_mail_and_the_pages_before_going_never_show_the_venue(anon_client, event):
    Event.objects.filter(pk=event.pk).update(venue="Secret Hall", address="12 Hidden Lane")
    link = make_link(event)
    assert b"Secret Hall" not in anon_client.get(_url(link)).content
    response = _answer(anon_client, link)
    assert b"Secret Hall" not in response.content
    body = mail.outbox[0].body + mail.outbox[0].alternatives[0][0]
    assert "Secret Hall" not in body and "Hidden Lane" not in body
    assert b"Secret Hall" not in anon_client.get(_confirm_url(mail.outbox[0])).content


@pytest.mark.django_db
def test_the_last_use_goes_to_the_first_confirmed_answer(anon_client, event):
    link = make_link(event, max_uses=1)
    _answer(anon_client, link)
    _answer(anon_client, link, {**YES, "email": "second@example.org"})
    first, second = sorted(mail.outbox, key=lambda message: message.to[0])
    assert anon_client.post(_confirm_url(first)).status_code == 302
    response = anon_client.post(_confirm_url(second))
    assert response.status_code == 400
    assert not Leader.objects.filter(email="second@example.org").exists()


@pytest.mark.django_db
def test_a_link_that_runs_out_before_confirmation_refuses_it(event):
    link = make_link(event, max_uses=1)
    answer = link_answer_record(
        link=link, name="Lin", email="lin@example.org", details=RSVPDetails()
    )
    InviteLink.objects.filter(pk=link.pk).update(uses=1)  # spent by someone else meanwhile
    with pytest.raises(InvitationError):
        link_answer_confirm(answer=answer, actor=None)
    _nothing_recorded()
    assert LinkAnswer.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_an_old_confirmation_link_no_longer_works(anon_client, link):
    _answer(anon_client, link)
    LinkAnswer.objects.update(created_at=timezone.now() - timedelta(days=3))
    response = anon_client.post(_confirm_url(mail.outbox[0]))
    assert response.status_code == 410
    _nothing_recorded()


@pytest.mark.django_db
def test_an_unknown_confirmation_token_is_a_404(anon_client):
    url = reverse("events:link_answer_confirm", kwargs={"token": "x" * 43})
    assert anon_client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_confirmed_answer_on_a_full_event_gets_a_waitlist_place(anon_client, event):
    Event.objects.filter(pk=event.pk).update(capacity=0)
    link = make_link(event)
    _answer(anon_client, link)
    anon_client.post(_confirm_url(mail.outbox[0]))
    assert RSVP.objects.get().status == RSVP.Status.WAITLISTED


def _in_threads(target, count):
    barrier = threading.Barrier(count)
    outcomes = []

    def run(n):
        try:
            barrier.wait()
            target(n)
            outcomes.append("ok")
        except InvitationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_never_use_a_link_more_than_allowed():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY, capacity=100)
    link = make_link(event, max_uses=3)
    answers = [
        link_answer_record(
            link=link, name=f"P{n}", email=f"person{n}@example.org", details=RSVPDetails()
        )
        for n in range(12)
    ]
    outcomes = _in_threads(lambda n: link_answer_confirm(answer=answers[n], actor=None), 12)
    link.refresh_from_db()
    assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 9
    assert link.uses == 3
    assert RSVP.objects.filter(event=event).count() == 3


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_of_one_address_make_one_profile():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY)
    link = make_link(event, max_uses=10)
    answers = [
        LinkAnswer.objects.create(
            event=event,
            link=link,
            email="same@example.org",
            token=f"t{n}" * 20,
            token_selector=f"t{n}" * 6,
        )
        for n in range(6)
    ]
    _in_threads(lambda n: link_answer_confirm(answer=answers[n], actor=None), 6)
    assert Leader.objects.filter(email="same@example.org").count() == 1
    assert RSVP.objects.filter(event=event).count() == 1
    link.refresh_from_db()
    assert link.uses == 1


@pytest.mark.django_db
def test_a_link_holds_a_bounded_number_of_unconfirmed_answers(anon_client, event):
    link = make_link(event, max_uses=1)
    LinkAnswer.objects.bulk_create(
        LinkAnswer(
            event=event,
            link=link,
            email=f"p{n}@example.org",
            token=f"tok{n:03d}" * 6,
            token_selector=f"tok{n:03d}" * 2,
            sent_at=timezone.now(),
        )
        for n in range(22)
    )
    response = _answer(anon_client, link)
    assert response.status_code == 200
    assert CHECK_MAIL in response.content  # the same page: nothing says why
    assert not LinkAnswer.objects.filter(email="lin@example.org").exists()
    assert not mail.outbox
