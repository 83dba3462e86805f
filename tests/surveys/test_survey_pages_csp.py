"""Survey pages carry no inline script, handler or style attribute (the CSP would block them),
and the embeddable chart is a standalone SVG of a published report only."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.answering import Value
from surveys.links import survey_link_path
from surveys.models import Survey
from surveys.services.responses import response_save_page
from surveys.services.rollups import survey_rollups_rebuild
from tests.actlocal.test_content_security_policy import inline_code
from tests.campaigns.factories import CampaignFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import RSVPFactory

from .factories import PostEventSurveyFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = PostEventSurveyFactory()
    question = QuestionFactory(survey=survey)
    for _n in range(6):
        leader = RSVPFactory(event=survey.event, checked_in_at=timezone.now()).leader
        values = {question.pk: [Value(choice="housing")]}
        response_save_page(
            survey=survey, leader=leader, questions=[question], page=1, values=values, submit=True
        )
    survey_rollups_rebuild(survey_pk=survey.pk)
    Survey.objects.filter(pk=survey.pk).update(published_at=timezone.now())
    return Survey.objects.get(pk=survey.pk)


def test_survey_pages_have_no_inline_code(survey, staff_client):
    leader = LeaderFactory()
    RSVPFactory(event=survey.event, leader=leader, checked_in_at=timezone.now())
    link = survey_link_path(survey_slug=survey.slug, survey_pk=survey.pk, leader_pk=leader.pk)
    network = SurveyFactory(audience_filter={"states": ["MA"]})
    campaign = CampaignFactory()
    pages = [
        (Client(), link),
        (Client(), reverse("surveys:report", kwargs={"slug": survey.slug})),
        (staff_client, reverse("surveys:results", kwargs={"slug": survey.slug})),
        (staff_client, reverse("surveys:needs", kwargs={"slug": survey.slug})),
        (staff_client, reverse("surveys:index")),
        (staff_client, reverse("event_survey:manage", kwargs={"event_slug": survey.event.slug})),
        (staff_client, reverse("surveys:lean_override", kwargs={"leader_slug": leader.slug})),
        (staff_client, reverse("surveys:new")),
        (staff_client, reverse("surveys:manage", kwargs={"slug": network.slug})),
        (staff_client, reverse("campaign_survey:new", kwargs={"campaign_slug": campaign.slug})),
        (staff_client, reverse("surveys:report", kwargs={"slug": survey.slug}) + "?by=city"),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


def test_the_chart_of_a_published_report_can_be_embedded(survey, anon_client):
    question = survey.questions.get()
    url = reverse("surveys:report_chart", kwargs={"slug": survey.slug, "question_pk": question.pk})
    chart = anon_client.get(url)
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    assert chart.content.decode().lstrip().startswith("<svg") and b"100.0% (6)" in chart.content
    Survey.objects.filter(pk=survey.pk).update(published_at=None)
    assert anon_client.get(url).status_code == 404
    missing = reverse("surveys:report_chart", kwargs={"slug": survey.slug, "question_pk": 999999})
    assert anon_client.get(missing).status_code == 404
