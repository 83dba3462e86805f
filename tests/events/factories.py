from datetime import timedelta

import factory
from django.utils import timezone

from events.models import RSVP, Event, EventRole, Invitation, Question, ReminderOffset, Session
from events.services.rsvps import new_checkin_code
from events.tokens import new_token
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory


def _soon(days: int = 14):
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.CONVENING
    title = factory.Sequence(lambda n: f"Springfield Convening {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    description = "A day of workshops, trainings and networking."
    starts_at = factory.LazyFunction(_soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=7))
    time_zone = "America/New_York"
    venue = "Union Hall"
    address = "12 Main Street"
    city = "Cambridge"
    state = "MA"
    zip_code = "02139"
    capacity = 50
    visibility = Event.Visibility.PUBLIC
    status = Event.Status.PUBLISHED

    @factory.post_generation
    def reminders(obj, create, extracted, **kwargs):
        """Default schedule (7 days, 1 day); pass reminders=[] for none."""
        if not create:
            return
        hours = [168, 24] if extracted is None else extracted
        for h in hours:
            ReminderOffset.objects.create(event=obj, hours_before=h)


class EventRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRole

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    role = EventRole.Role.LEAD


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    kind = Session.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    room = "Room A"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.TEXT


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation
        exclude = ["pair"]

    event = factory.SubFactory(EventFactory, visibility=Event.Visibility.INVITE_ONLY)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    pair = factory.LazyFunction(new_token)
    token = factory.LazyAttribute(lambda o: o.pair[0])
    token_selector = factory.LazyAttribute(lambda o: o.pair[1])
    status = Invitation.Status.SENT


class RSVPFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RSVP

    event = factory.SubFactory(EventFactory)
    leader = factory.SubFactory(LeaderFactory)
    status = RSVP.Status.GOING
    checkin_code = factory.LazyFunction(new_checkin_code)
