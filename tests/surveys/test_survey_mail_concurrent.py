"""Survey mail sweeps at the same moment, each in its own thread and connection (PostgreSQL)."""

import time
from collections import Counter

import pytest
from django.utils import timezone

from surveys.models import SurveyDelivery
from surveys.services.mailing import survey_mail_sweep
from tests.events.factories import RSVPFactory
from tests.threads import run_in_threads

from .factories import PostEventSurveyFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_sweeps_send_each_survey_invitation_exactly_once(mailoutbox, monkeypatch):
    survey = PostEventSurveyFactory()
    came = [RSVPFactory(event=survey.event, checked_in_at=timezone.now()) for _ in range(40)]
    from actlocal import mail as core_mail

    real = core_mail.send_templated_mail

    def slow(**kwargs):
        time.sleep(0.005)  # widen the window in which the sweeps overlap
        real(**kwargs)

    monkeypatch.setattr(core_mail, "send_templated_mail", slow)

    sent = run_in_threads(4, survey_mail_sweep)

    assert sum(sent) == 40
    per_address = Counter(address for message in mailoutbox for address in message.to)
    assert per_address == Counter(r.leader.email for r in came)
    assert SurveyDelivery.objects.count() == 40
    assert SurveyDelivery.objects.filter(sent_at__isnull=False).count() == 40
