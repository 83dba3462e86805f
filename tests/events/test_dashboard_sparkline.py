"""The summary strip's sparkline: RSVPs per day as a small SVG, for the team only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.sparkline import sparkline_svg
from events.dashboard import rsvp_daily_counts
from events.models import RSVP

from .factories import RSVPFactory

pytestmark = pytest.mark.django_db


def _url(event):
    return reverse("events:rsvp_sparkline", kwargs={"slug": event.slug})


def test_daily_counts_cover_the_last_30_days_oldest_first(event):
    now = timezone.now()
    for days_ago, count in ((0, 2), (3, 1), (45, 4)):
        for _ in range(count):
            rsvp = RSVPFactory(event=event)
            RSVP.objects.filter(pk=rsvp.pk).update(created_at=now - timedelta(days=days_ago))
    RSVPFactory(event=event, status=RSVP.Status.DECLINED)
    counts = rsvp_daily_counts(event=event)
    assert len(counts) == 30
    assert counts[-1] == 2 and counts[-4] == 1
    assert sum(counts) == 3  # the declined one and the old ones are left out


def test_the_sparkline_is_an_svg_without_style_attributes_and_says_its_numbers():
    svg = sparkline_svg(values=[0, 1, 3, 2], title="RSVPs <per> day: 0, 1, 3, 2")
    assert svg.startswith("<svg") and "<polyline" in svg
    assert "style=" not in svg and "<script" not in svg
    assert "<title>RSVPs &lt;per&gt; day: 0, 1, 3, 2</title>" in svg


def test_the_team_gets_the_chart_and_the_dashboard_shows_it(team_client, event):
    RSVPFactory(event=event)
    response = team_client.get(_url(event))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "private" in response["Cache-Control"]
    assert ": 0, 0," in response.content.decode() and response.content.decode().count("<svg") == 1
    dashboard = team_client.get(reverse("events:manage", kwargs={"slug": event.slug}))
    assert _url(event) in dashboard.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anon_client", 302),
        ("member_client", 404),
        ("attendee_client", 403),
        ("other_team_client", 404),
    ],
)
def test_nobody_outside_the_team_gets_the_chart(request, event, role, status):
    assert request.getfixturevalue(role).get(_url(event)).status_code == status
