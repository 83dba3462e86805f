"""The owners' results page draws its charts and tables from cached parts keyed by the results
version, language, split and filter; the trends beside them are each viewer's own."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from surveys.answering import Value
from surveys.models import Survey
from surveys.results_parts import _key
from surveys.services.responses import response_save_page
from surveys.services.rollups import response_rollup_apply, survey_rollups_rebuild
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventRoleFactory, RSVPFactory

from .factories import PostEventSurveyFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def _answer(survey, question, n, *, choice="housing", state="MA"):
    leader = LeaderFactory(state=state, city=f"Town {n}")
    if survey.event_id:
        RSVPFactory(event=survey.event, leader=leader, checked_in_at=timezone.now())
    return response_save_page(
        survey=survey, leader=leader, questions=[question], page=1,
        values={question.pk: [Value(choice=choice)]}, submit=True,
    )  # fmt: skip


@pytest.fixture
def survey():
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey, label="Top priority?", trend_key="priority")
    for n in range(6):
        _answer(survey, question, n)
    survey_rollups_rebuild(survey_pk=survey.pk)
    return survey


def _url(survey):
    return reverse("surveys:results", kwargs={"slug": survey.slug})


def test_a_second_view_reads_no_rollup(survey, staff_client, django_assert_max_num_queries):
    staff_client.get(_url(survey))
    with django_assert_max_num_queries(20) as captured:
        page = staff_client.get(_url(survey))
    assert page.status_code == 200 and "6 respondents." in page.content.decode()
    # The results read the rollups of a split (segment_kind IN ...); the trends only "all".
    assert not any('"segment_kind" IN' in q["sql"] for q in captured.captured_queries)


def test_a_new_answer_shows_at_once(survey, staff_client):
    staff_client.get(_url(survey))
    question = survey.questions.get()
    response_rollup_apply(response_pk=_answer(survey, question, 7, choice="health").pk)
    assert "7 respondents." in staff_client.get(_url(survey)).content.decode()


def test_parts_are_keyed_by_language_version_split_and_filter(survey):
    with translation.override("en"):
        english = _key(survey, "state", "", "head")
        filtered = _key(survey, "state", "area_type:rural", "head")
        by_city = _key(survey, "city", "", "head")
    with translation.override("es"):
        spanish = _key(survey, "state", "", "head")
    survey.results_version += 1
    with translation.override("en"):
        newer = _key(survey, "state", "", "head")
    assert len({english, filtered, by_city, spanish, newer}) == 5


def test_the_spanish_page_is_not_the_english_one(survey, staff_client):
    english = staff_client.get(_url(survey), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    staff_client.cookies.pop("django_language", None)
    spanish = staff_client.get(_url(survey), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "6 respondents." in english and "6 respondents." not in spanish


def test_a_group_hidden_by_suppression_stays_hidden_from_the_cache(survey, staff_client):
    question = survey.questions.get()
    for n in range(2):
        _answer(survey, question, 20 + n, state="TX")
    survey_rollups_rebuild(survey_pk=survey.pk)
    for _ in range(2):  # rendered, then from the cache
        html = staff_client.get(_url(survey), {"by": "state"}).content.decode()
        assert "not shown: fewer than 5 respondents" in html
        assert "(2)" not in html


def test_trends_are_each_owners_own(staff_client):
    # An event's survey, and an unpublished survey asking the same question that only staff
    # may see: the event's lead must not see it, even from parts staff's visit cached.
    survey = PostEventSurveyFactory()
    question = QuestionFactory(survey=survey, trend_key="priority")
    other = SurveyFactory(title="A network survey", status=Survey.Status.OPEN)
    same = QuestionFactory(survey=other, trend_key="priority")
    for n in range(6):
        _answer(survey, question, n)
        _answer(other, same, 40 + n, choice="health")
    survey_rollups_rebuild(survey_pk=survey.pk)
    survey_rollups_rebuild(survey_pk=other.pk)
    assert "A network survey" in staff_client.get(_url(survey)).content.decode()
    lead = UserFactory(organizer=True)
    EventRoleFactory(event=survey.event, user=lead, role="lead")
    client = Client()
    client.force_login(lead)
    page = client.get(_url(survey))
    assert page.status_code == 200 and "6 respondents." in page.content.decode()
    assert "A network survey" not in page.content.decode()


def test_the_public_report_shows_the_same_results_with_its_embed_line(survey, staff_client):
    survey.published_at = timezone.now()
    survey.save(update_fields=["published_at"])
    owners = staff_client.get(_url(survey)).content.decode()
    report = Client().get(reverse("surveys:report", kwargs={"slug": survey.slug}))
    assert "Embed this chart" in report.content.decode() and "Embed this chart" not in owners


def test_a_cached_results_page_reads_one_survey_row_and_renders_no_part(
    survey, staff_client, django_assert_num_queries
):
    from django.test.signals import template_rendered

    survey.questions.update(trend_key="")  # no trend to read
    staff_client.get(_url(survey), {"by": "state"})
    names: list[str] = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        # The session and its user, the survey: its questions come with the cached parts.
        with django_assert_num_queries(3) as captured:
            page = staff_client.get(_url(survey), {"by": "state"})
    finally:
        template_rendered.disconnect(record)
    assert page.status_code == 200 and "6 respondents." in page.content.decode()
    survey_sql = captured.captured_queries[2]["sql"]
    assert "JOIN" not in survey_sql  # staff own every survey: no team is read
    # No template per question: the cached parts are joined around the trends (none here).
    switch = "components/_language_switch.html"
    # A signed-in person's menus are rendered for them (actlocal/templatetags/site_chrome.py).
    menus, footer = "components/_site_menus.html", "components/_footer_links.html"
    chrome = ["base.html", "components/_htmx_config.html", menus, switch, footer, switch]
    assert names == ["surveys/results.html", *chrome]
