"""The public report is cached for anonymous visitors under the survey's results version and
the language; a change to the counts shows at once, and no signed-in page is ever shared."""

import gzip

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from directory.cache import CACHE_HIT_HEADER
from surveys.answering import Value
from surveys.models import Survey
from surveys.report_cache import _key
from surveys.services.responses import response_save_page
from surveys.services.rollups import (
    response_rollup_apply,
    results_version_bump,
    survey_rollups_rebuild,
)
from surveys.services.surveys import survey_publish
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


def test_an_anonymous_visitor_gets_the_cached_page_without_a_query(
    published, anon_client, django_assert_num_queries
):
    survey, _question = published
    first = anon_client.get(_url(survey))
    assert first[CACHE_HIT_HEADER] == "miss"
    with django_assert_num_queries(0):  # the report's version is in the cache with the page
        again = anon_client.get(_url(survey))
    assert again[CACHE_HIT_HEADER] == "hit"
    assert again.content == first.content


def test_the_results_are_shared_across_urls_of_the_same_view(
    published, anon_client, django_assert_num_queries
):
    survey, _question = published
    anon_client.get(_url(survey), {"by": "state", "x": "1"})
    # Another URL of the same split: the page is new (the survey is read for its title,
    # introduction and results version), the results come from the cache.
    with django_assert_num_queries(1):
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


def test_publishing_changes_and_withdrawal_are_never_served_stale(
    published, anon_client, staff_user
):
    survey, _question = published
    assert anon_client.get(_url(survey)).status_code == 200
    assert anon_client.get(_url(survey))[CACHE_HIT_HEADER] == "hit"
    survey_publish(survey=survey, actor=staff_user, publish=False)
    assert anon_client.get(_url(survey)).status_code == 404


def test_a_deleted_survey_is_never_served_from_the_cache(published, anon_client):
    survey, _question = published
    assert anon_client.get(_url(survey), HTTP_ACCEPT_ENCODING="gzip").status_code == 200
    Survey.objects.filter(pk=survey.pk).delete()
    assert anon_client.get(_url(survey), HTTP_ACCEPT_ENCODING="gzip").status_code == 404


def test_changes_that_bypass_the_services_are_seen_after_a_bump(published, anon_client):
    survey, _question = published
    anon_client.get(_url(survey))
    Survey.objects.filter(pk=survey.pk).update(title="Renamed in bulk")
    assert "Renamed in bulk" not in anon_client.get(_url(survey)).content.decode()
    results_version_bump(survey_pk=survey.pk)  # what every service that changes a survey calls
    page = anon_client.get(_url(survey))
    assert page[CACHE_HIT_HEADER] == "miss" and "Renamed in bulk" in page.content.decode()


def test_one_surveys_change_leaves_anothers_report_cached(published, anon_client):
    survey, _question = published
    other = SurveyFactory(published_at=timezone.now())
    anon_client.get(_url(survey))
    anon_client.get(_url(other))
    results_version_bump(survey_pk=other.pk)
    assert anon_client.get(_url(survey))[CACHE_HIT_HEADER] == "hit"
    assert anon_client.get(_url(other))[CACHE_HIT_HEADER] == "miss"


def test_the_page_is_cached_by_language(published, anon_client):
    survey, _question = published
    english = anon_client.get(_url(survey), HTTP_ACCEPT_LANGUAGE="en")
    spanish = anon_client.get(_url(survey), HTTP_ACCEPT_LANGUAGE="es")
    assert spanish[CACHE_HIT_HEADER] == "miss" and english.content != spanish.content
    assert anon_client.get(_url(survey), HTTP_ACCEPT_LANGUAGE="es").content == spanish.content


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
    assert again.content == zipped.content


def test_a_new_page_around_compressed_results_is_the_same_page_compressed(
    published, anon_client, django_assert_num_queries
):
    survey, _question = published
    # Another URL of the same view: the results come compressed from the cache, only the page
    # around them is compressed now.
    anon_client.get(_url(survey), {"by": "state", "x": "1"}, HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(1):
        zipped = anon_client.get(
            _url(survey), {"by": "state", "x": "2"}, HTTP_ACCEPT_ENCODING="gzip"
        )
    assert zipped[CACHE_HIT_HEADER] == "miss" and zipped["Content-Encoding"] == "gzip"
    assert int(zipped["Content-Length"]) == len(zipped.content)
    plain = anon_client.get(_url(survey), {"by": "state", "x": "2"})
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"] and "Cookie" in zipped["Vary"]


def test_signed_in_people_get_their_page_uncompressed(published, member_client):
    survey, _question = published
    page = member_client.get(_url(survey), HTTP_ACCEPT_ENCODING="gzip")
    # It carries their CSRF token: compressing it beside reflected input would risk BREACH.
    assert page.status_code == 200 and not page.has_header("Content-Encoding")
    assert "private" in page["Cache-Control"]
