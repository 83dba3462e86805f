"""The public report is cached for anonymous visitors under the survey's results version and
the language; a change to the counts shows at once, and no signed-in page is ever shared."""

import gzip

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from surveys.answering import Value
from surveys.models import Survey
from surveys.report_cache import CACHE_HIT_HEADER, _key
from surveys.services.responses import response_save_page
from surveys.services.rollups import response_rollup_apply, survey_rollups_rebuild
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

STATES = ["MA", "TX", "GA", "OH", "CA", "PA", "MI", "NC", "AZ", "WI"]


def _answer(survey, question, n, choice="housing"):
    leader = LeaderFactory(state=STATES[n % len(STATES)], city=f"Town {n}")
    response = response_save_page(
        survey=survey, leader=leader, questions=[question], page=1,
        values={question.pk: [Value(choice=choice)]}, submit=True,
    )  # fmt: skip
    return response


@pytest.fixture
def published():
    survey = SurveyFactory(published_at=timezone.now())
    question = QuestionFactory(survey=survey, label="Top priority?")
    for n in range(6):
        _answer(survey, question, n)
    survey_rollups_rebuild(survey_pk=survey.pk)
    return survey, question


def _url(survey):
    return reverse("surveys:report", kwargs={"slug": survey.slug})


def test_an_anonymous_visitor_gets_the_cached_page_in_one_query(
    published, anon_client, django_assert_num_queries
):
    survey, _question = published
    first = anon_client.get(_url(survey))
    assert first[CACHE_HIT_HEADER] == "miss"
    with django_assert_num_queries(1):  # the survey's published state and results version
        again = anon_client.get(_url(survey))
    assert again[CACHE_HIT_HEADER] == "hit"
    assert again.content == first.content


def test_the_results_are_shared_across_urls_of_the_same_view(
    published, anon_client, django_assert_num_queries
):
    survey, _question = published
    anon_client.get(_url(survey), {"by": "state", "x": "1"})
    # Another URL of the same split: the page is new (the survey is read for its title and
    # introduction), the results come from the cache.
    with django_assert_num_queries(2):
        page = anon_client.get(_url(survey), {"by": "state", "x": "2"})
    assert page[CACHE_HIT_HEADER] == "miss" and "By State" in page.content.decode()


def test_a_new_answer_shows_at_once(published, anon_client):
    survey, question = published
    assert "6 respondents." in anon_client.get(_url(survey)).content.decode()
    response = _answer(survey, question, 7, choice="health")
    response_rollup_apply(response_pk=response.pk)
    page = anon_client.get(_url(survey))
    assert page[CACHE_HIT_HEADER] == "miss"
    assert "7 respondents." in page.content.decode()


def test_publishing_changes_and_withdrawal_are_never_served_stale(published, anon_client):
    survey, _question = published
    anon_client.get(_url(survey))
    Survey.objects.filter(pk=survey.pk).update(published_at=None)
    assert anon_client.get(_url(survey)).status_code == 404


def test_the_key_carries_the_language_and_the_version(published):
    survey, _question = published
    request = RequestFactory().get(_url(survey))
    with translation.override("en"):
        english = _key("report-body", survey, request, "area_type")
    with translation.override("es"):
        spanish = _key("report-body", survey, request, "area_type")
    survey.results_version += 1
    with translation.override("en"):
        newer = _key("report-body", survey, request, "area_type")
    assert len({english, spanish, newer}) == 3


def test_signed_in_people_are_never_served_or_stored(published, anon_client, member_client):
    survey, _question = published
    member_page = member_client.get(_url(survey))
    assert member_page.status_code == 200 and CACHE_HIT_HEADER not in member_page
    assert anon_client.get(_url(survey))[CACHE_HIT_HEADER] == "miss"
    assert CACHE_HIT_HEADER not in member_client.get(_url(survey))


def test_owner_results_pages_are_not_cached(published, staff_client, django_assert_num_queries):
    survey, _question = published
    url = reverse("surveys:results", kwargs={"slug": survey.slug})
    staff_client.get(url)
    page = staff_client.get(url)
    assert CACHE_HIT_HEADER not in page
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


@pytest.mark.parametrize("by", ["area_type", "state", "city"])
def test_an_uncached_report_costs_the_same_queries_for_any_number_of_groups(
    anon_client, django_assert_max_num_queries, by
):
    survey = SurveyFactory(published_at=timezone.now())
    question = QuestionFactory(survey=survey)
    _answer(survey, question, 0)
    survey_rollups_rebuild(survey_pk=survey.pk)
    with django_assert_max_num_queries(10) as captured:
        anon_client.get(_url(survey), {"by": by})
    baseline = len(captured)
    for n in range(1, 40):
        _answer(survey, question, n)
    survey_rollups_rebuild(survey_pk=survey.pk)
    with django_assert_max_num_queries(baseline):
        page = anon_client.get(_url(survey), {"by": by})
    assert page[CACHE_HIT_HEADER] == "miss"


def test_the_shared_page_carries_no_csrf_token_and_is_compressed(published, anon_client):
    survey, _question = published
    page = anon_client.get(_url(survey))
    html = page.content.decode()
    assert 'X-CSRFToken": ""' in html and "csrfmiddlewaretoken" not in html
    assert not page.cookies.get("csrftoken")
    zipped = anon_client.get(_url(survey), HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and zipped[CACHE_HIT_HEADER] == "miss"
    assert gzip.decompress(zipped.content) == page.content
    again = anon_client.get(_url(survey), HTTP_ACCEPT_ENCODING="gzip")
    assert again[CACHE_HIT_HEADER] == "hit" and again["Content-Encoding"] == "gzip"
