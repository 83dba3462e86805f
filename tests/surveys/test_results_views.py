"""Results, reports and exports: who sees what, and no small cell outside staff-only exports."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.answering import Value
from surveys.models import Question, Survey
from surveys.services.responses import response_save_page
from surveys.services.rollups import survey_rollups_rebuild
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventRoleFactory, RSVPFactory

from .factories import PostEventSurveyFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    """An event survey answered by 13 urban, 11 rural and 2 suburban attendees."""
    survey = PostEventSurveyFactory()
    choice = QuestionFactory(survey=survey, label="Top priority?")
    text = QuestionFactory(survey=survey, kind=Question.Kind.LONG_TEXT, choices=[], label="Say")
    questions = [choice, text]
    plan = [("urban", "housing")] * 8 + [("urban", "health")] * 5
    plan += [("rural", "housing")] * 6 + [("rural", "voting")] * 5 + [("suburban", "health")] * 2
    for n, (area, answer) in enumerate(plan):
        leader = LeaderFactory(area_type=area, name=f"Person {n}", email=f"p{n}@private.example")
        RSVPFactory(event=survey.event, leader=leader, checked_in_at=timezone.now())
        values = {
            choice.pk: [Value(choice=answer)],
            text.pk: [Value(text=f"=HYPERLINK(secret {n})")],
        }
        response_save_page(
            survey=survey, leader=leader, questions=questions, page=1, values=values, submit=True
        )
    survey_rollups_rebuild(survey_pk=survey.pk)
    return survey


def _team_client(survey, role="lead"):
    user = UserFactory(organizer=True)
    EventRoleFactory(event=survey.event, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def test_results_per_role(answered, anon_client, member_client, organizer_client, staff_client):
    url = reverse("surveys:results", kwargs={"slug": answered.slug})
    assert anon_client.get(url).status_code == 302
    assert member_client.get(url).status_code == 403
    assert organizer_client.get(url).status_code == 403  # an organizer of no part of it
    assert _team_client(answered, role="checkin").get(url).status_code == 403
    assert _team_client(answered).get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    event_url = reverse("event_survey:results", kwargs={"event_slug": answered.event.slug})
    assert _team_client(answered).get(event_url).status_code == 200
    assert member_client.get(event_url).status_code == 403


def test_the_results_page_shows_shares_hides_small_groups_and_free_text(answered, staff_client):
    page = staff_client.get(reverse("surveys:results", kwargs={"slug": answered.slug}))
    html = page.content.decode()
    assert "<svg" in html and "<table" in html
    assert "54% of respondents (n = 26) chose “Housing”" in html
    assert "secret" not in html
    # Suburban has 2 people: hidden; rural would give it away from the total: hidden too.
    assert "not shown: fewer than 5 respondents" in html


def test_the_headline_gives_the_range_across_area_types_and_leans(answered, staff_client):
    page = staff_client.get(reverse("surveys:results", kwargs={"slug": answered.slug}))
    html = page.content.decode()
    # Urban 8/13 and blue 14/26; rural is hidden to protect the 2 suburban respondents.
    assert "with enough respondents to show the share is between 54% and 62%" in html


def test_the_report_is_public_only_once_published(answered, anon_client, staff_client):
    report = reverse("surveys:report", kwargs={"slug": answered.slug})
    assert anon_client.get(report).status_code == 404
    publish = reverse("surveys:publish", kwargs={"slug": answered.slug})
    assert anon_client.post(publish, {"publish": "1"}).status_code == 302  # to sign in
    assert Client().get(report).status_code == 404
    team = _team_client(answered)
    assert team.post(publish, {"publish": "1"}).status_code == 302
    page = anon_client.get(report)
    assert page.status_code == 200
    html = page.content.decode()
    assert "secret" not in html and "private.example" not in html and "Person 1" not in html


def test_the_aggregate_csv_suppresses_small_cells(answered, anon_client):
    url = reverse("surveys:results_csv", kwargs={"slug": answered.slug})
    assert anon_client.get(url).status_code == 404
    Survey.objects.filter(pk=answered.pk).update(published_at=timezone.now())
    rows = list(csv.reader(io.StringIO(anon_client.get(url).content.decode())))
    for row in rows[1:]:
        for value in row[4:6]:
            assert value == "suppressed" or int(value) == 0 or int(value) >= 5, row
    assert not any("secret" in value for row in rows for value in row)


def test_raw_responses_are_for_staff_only_and_formula_safe(answered, staff_client):
    url = reverse("surveys:responses_export", kwargs={"slug": answered.slug})
    assert _team_client(answered).get(url).status_code == 403
    rows = list(csv.reader(io.StringIO(staff_client.get(url).content.decode())))
    assert rows[0][:3] == ["response", "name", "email"]
    assert any(value.startswith("'=HYPERLINK") for value in rows[1])
    xlsx = staff_client.get(url + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_anonymous_surveys_export_no_identities(answered, staff_client):
    Survey.objects.filter(pk=answered.pk).update(anonymous=True)
    url = reverse("surveys:responses_export", kwargs={"slug": answered.slug})
    body = staff_client.get(url).content.decode()
    assert "private.example" not in body and "Person 1" not in body


def test_filtering_by_a_segment_shows_only_that_group(answered, staff_client):
    url = reverse("surveys:results", kwargs={"slug": answered.slug})
    page = staff_client.get(url, {"segment": "area_type:urban", "by": "lean"})
    html = page.content.decode()
    assert page.status_code == 200 and "(n = " not in html  # no headline for a single group
    assert "61.5%" in html  # 8 of the 13 urban respondents chose housing
    assert staff_client.get(url, {"segment": "nonsense", "by": "<x>"}).status_code == 200


def test_the_needs_map_shows_requests_beside_resources_and_the_gaps(staff_client):
    from actlocal.models import Topic
    from tests.directory.factories import ResourceFactory

    survey = PostEventSurveyFactory(event=None, audience="leaders")
    needs = QuestionFactory(survey=survey, kind=Question.Kind.NEEDS, choices=[])
    housing, voting = (
        Topic.objects.get_or_create(slug="housing", defaults={"name": "Housing"})[0],
        (Topic.objects.get_or_create(slug="voting-rights", defaults={"name": "Voting rights"})[0]),
    )
    resource = ResourceFactory(state="TX", scope="state")
    resource.topics.add(housing)
    for _n in range(6):
        leader = LeaderFactory(state="TX")
        response_save_page(
            survey=survey, leader=leader, questions=[needs], page=1,
            values={needs.pk: [Value(choice="housing"), Value(choice="voting-rights")]},
            submit=True,
        )  # fmt: skip
    survey_rollups_rebuild(survey_pk=survey.pk)
    url = reverse("surveys:needs", kwargs={"slug": survey.slug})
    assert _team_client_none(url) == 403
    html = staff_client.get(url).content.decode()
    assert "1 request has no resource in the directory" in html
    gap = html.index("None: a gap")
    assert html.index(voting.name) < gap < html.index(housing.name)


def _team_client_none(url):
    client = Client()
    client.force_login(UserFactory(organizer=True))
    return client.get(url).status_code


def test_cities_are_offered_as_a_split(answered, staff_client):
    url = reverse("surveys:results", kwargs={"slug": answered.slug})
    page = staff_client.get(url, {"by": "city"}).content.decode()
    assert "By City" in page
    assert '<option value="city" selected' in page
