"""Custom RSVP questions and the reminder schedule pages."""

import pytest
from django.urls import reverse

from events.models import Question, ReminderOffset

from .factories import EventFactory, QuestionFactory
from .setup_roles import co_organizer, role_client

REFUSED = [
    ("anonymous", 302),
    ("member", 404),
    ("invitee", 403),
    ("attendee", 403),
    ("other_team", 404),
    ("checkin", 403),
]


def questions_url(event) -> str:
    return reverse("events:questions", kwargs={"slug": event.slug})


def reminders_url(event) -> str:
    return reverse("events:reminders", kwargs={"slug": event.slug})


def labels(event) -> list[str]:
    return list(event.questions.order_by("position", "id").values_list("label", flat=True))


# --- questions --------------------------------------------------------------------------------


def test_lead_adds_text_choice_and_yes_no_questions_in_order(team_client, event):
    for payload in [
        {"label": "What do you hope to learn?", "kind": "text"},
        {"label": "Which track?", "kind": "choice", "choices": "Housing\n\nHealth\nHousing\n"},
        {"label": "Bringing a child?", "kind": "yes_no", "required": "on"},
    ]:
        response = team_client.post(questions_url(event), {"action": "save", **payload})
        assert response.status_code == 302
    assert labels(event) == ["What do you hope to learn?", "Which track?", "Bringing a child?"]
    choice = Question.objects.get(label="Which track?")
    assert choice.choice_list == ["Housing", "Health"]
    assert Question.objects.get(label="Bringing a child?").required


def test_a_choice_question_needs_two_choices(team_client, event):
    response = team_client.post(
        questions_url(event),
        {"action": "save", "label": "Which track?", "kind": "choice", "choices": "Only\nOnly"},
    )
    assert response.status_code == 400
    assert "at least two different choices" in response.content.decode()
    assert not Question.objects.exists()


def test_an_empty_question_is_refused(team_client, event):
    response = team_client.post(
        questions_url(event), {"action": "save", "label": "", "kind": "text"}
    )
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_choices_of_a_non_choice_question_are_dropped(team_client, event):
    team_client.post(
        questions_url(event),
        {"action": "save", "label": "Anything else?", "kind": "text", "choices": "a\nb"},
    )
    assert Question.objects.get().choices == ""


def test_lead_edits_reorders_and_deletes_questions(team_client, event):
    first = QuestionFactory(event=event, label="First", position=0)
    second = QuestionFactory(event=event, label="Second", position=1)
    third = QuestionFactory(event=event, label="Third", position=2)
    team_client.post(questions_url(event), {"action": "up", "pk": third.pk})
    assert labels(event) == ["First", "Third", "Second"]
    team_client.post(questions_url(event), {"action": "down", "pk": first.pk})
    assert labels(event) == ["Third", "First", "Second"]
    team_client.post(questions_url(event), {"action": "up", "pk": third.pk})  # already first
    assert labels(event) == ["Third", "First", "Second"]
    team_client.post(
        questions_url(event),
        {"action": "save", "pk": second.pk, "label": "Second, clearer", "kind": "text"},
    )
    team_client.post(questions_url(event), {"action": "delete", "pk": first.pk})
    assert labels(event) == ["Third", "Second, clearer"]


def test_a_question_of_another_event_cannot_be_changed_here(team_client, event):
    elsewhere = QuestionFactory(event=EventFactory(), label="Not yours")
    for action in ("delete", "up", "save"):
        response = team_client.post(
            questions_url(event), {"action": action, "pk": elsewhere.pk, "label": "x"}
        )
        assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.label == "Not yours"


def test_co_organizer_manages_questions(client, event):
    client.force_login(co_organizer(event))
    response = client.post(questions_url(event), {"action": "save", "label": "Q", "kind": "text"})
    assert response.status_code == 302


@pytest.mark.parametrize(("role", "status"), REFUSED)
def test_people_off_the_team_cannot_change_questions(request, event, role, status):
    question = QuestionFactory(event=event, label="Keep me")
    client = role_client(request, role, event)
    payload = {"action": "save", "label": "New", "kind": "text"}
    assert client.post(questions_url(event), payload).status_code == status
    response = client.post(questions_url(event), {"action": "delete", "pk": question.pk})
    assert response.status_code == status
    assert labels(event) == ["Keep me"]


# --- reminders --------------------------------------------------------------------------------


def hours(event) -> list[int]:
    return sorted(ReminderOffset.objects.filter(event=event).values_list("hours_before", flat=True))


def test_the_page_lists_the_default_schedule_in_days(team_client, event):
    page = team_client.get(reminders_url(event)).content.decode()
    assert "7 days before the start" in page and "1 day before the start" in page


def test_lead_adds_reminders_in_hours_or_days_and_removes_one(team_client, event):
    team_client.post(reminders_url(event), {"action": "add", "amount": "3", "unit": "hours"})
    team_client.post(reminders_url(event), {"action": "add", "amount": "2", "unit": "days"})
    assert hours(event) == [3, 24, 48, 168]
    offset = ReminderOffset.objects.get(event=event, hours_before=168)
    response = team_client.post(reminders_url(event), {"action": "remove", "pk": offset.pk})
    assert response.status_code == 302
    assert hours(event) == [3, 24, 48]


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        ("1", "days", "already scheduled"),
        ("24", "hours", "already scheduled"),
        ("0", "hours", "greater than or equal to 1"),
        ("-4", "days", "greater than or equal to 1"),
        ("61", "days", "between 1 hour and 60 days"),
        ("1441", "hours", "between 1 hour and 60 days"),
        ("soon", "days", "whole number"),
        ("2", "weeks", "valid choice"),
    ],
)
def test_bad_reminders_are_refused(team_client, event, amount, unit, message):
    response = team_client.post(
        reminders_url(event), {"action": "add", "amount": amount, "unit": unit}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert hours(event) == [24, 168]


def test_sixty_days_is_the_longest_reminder(team_client, event):
    team_client.post(reminders_url(event), {"action": "add", "amount": "60", "unit": "days"})
    assert 1440 in hours(event)


def test_a_reminder_of_another_event_cannot_be_removed_here(team_client, event):
    other = EventFactory()
    offset = ReminderOffset.objects.filter(event=other).first()
    response = team_client.post(reminders_url(event), {"action": "remove", "pk": offset.pk})
    assert response.status_code == 404
    assert ReminderOffset.objects.filter(pk=offset.pk).exists()


@pytest.mark.parametrize(("role", "status"), REFUSED)
def test_people_off_the_team_cannot_change_reminders(request, event, role, status):
    client = role_client(request, role, event)
    response = client.post(reminders_url(event), {"action": "add", "amount": "3", "unit": "hours"})
    assert response.status_code == status
    offset = ReminderOffset.objects.filter(event=event).first()
    response = client.post(reminders_url(event), {"action": "remove", "pk": offset.pk})
    assert response.status_code == status
    assert hours(event) == [24, 168]


def test_staff_change_reminders(staff_client, event):
    staff_client.post(reminders_url(event), {"action": "add", "amount": "6", "unit": "hours"})
    assert 6 in hours(event)
