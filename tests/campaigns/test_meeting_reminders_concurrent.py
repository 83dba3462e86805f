"""Meeting reminder sweeps running at once, each in its own thread and connection (PostgreSQL)."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import emails
from campaigns.models import MeetingReminder
from campaigns.services.meetings import meeting_reminders_send_due
from tests.threads import run_in_threads

from .factories import CampaignFactory, DistrictFactory, OfficialFactory
from .meetings_setup import constituent_of, scheduled

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_sweeps_remind_each_person_of_each_meeting_exactly_once(mailoutbox, monkeypatch):
    campaign = CampaignFactory()
    people = []
    for n in range(3):
        district = DistrictFactory(body=campaign.target_body)
        official = OfficialFactory(district=district)
        members = [
            constituent_of(campaign, district, name=f"P{n} {i}", email=f"p{n}-{i}@example.org")
            for i in range(15)
        ]
        scheduled(campaign, official, members, hours=6 + n)
        people += members
    real_send = emails.send_meeting_reminder

    def slow_send(**kwargs):
        time.sleep(0.005)  # widen the window in which the sweeps overlap
        real_send(**kwargs)

    monkeypatch.setattr(emails, "send_meeting_reminder", slow_send)

    sent = run_in_threads(4, lambda: meeting_reminders_send_due(batch_size=4))

    assert sum(sent) == 45
    per_address = Counter(address for message in mailoutbox for address in message.to)
    assert per_address == Counter(m.leader.email for m in people)
    assert set(per_address.values()) == {1}
    assert MeetingReminder.objects.count() == 45
    assert MeetingReminder.objects.filter(sent_at__isnull=False).count() == 45


def test_concurrent_takeovers_of_expired_claims_send_each_once(mailoutbox):
    campaign = CampaignFactory()
    district = DistrictFactory(body=campaign.target_body)
    official = OfficialFactory(district=district)
    members = [
        constituent_of(campaign, district, name=f"T {i}", email=f"t{i}@example.org")
        for i in range(12)
    ]
    meeting = scheduled(campaign, official, members, hours=8)
    # A worker claimed every reminder and died before sending any.
    MeetingReminder.objects.bulk_create(
        MeetingReminder(
            attendee=attendee,
            scheduled_for=meeting.scheduled_at,
            claimed_at=timezone.now() - timedelta(hours=1),
        )
        for attendee in meeting.attendees.all()
    )

    sent = run_in_threads(4, lambda: meeting_reminders_send_due(batch_size=3))

    assert sum(sent) == 12
    per_address = Counter(address for message in mailoutbox for address in message.to)
    assert len(per_address) == 12 and set(per_address.values()) == {1}
