"""Answering: only the audience, by a signed personal link or signed in; one response per
person, editable until it closes; page by page; bad input refused with nothing saved."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.links import survey_link_path
from surveys.models import Answer, Question, Response
from tests.directory.factories import LeaderFactory
from tests.events.factories import RSVPFactory

from .factories import PostEventSurveyFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = PostEventSurveyFactory()
    QuestionFactory(survey=survey, label="Top priority?", required=True)
    return survey


@pytest.fixture
def attendee(survey):
    return RSVPFactory(event=survey.event, checked_in_at=timezone.now()).leader


def _link(survey, leader):
    return survey_link_path(survey_slug=survey.slug, survey_pk=survey.pk, leader_pk=leader.pk)


def _question(survey, n=0):
    return list(survey.questions.order_by("page", "position"))[n]


def test_an_attendee_answers_from_the_personal_link_without_signing_in(survey, attendee):
    client = Client()
    url = _link(survey, attendee)
    page = client.get(url)
    assert page.status_code == 200
    assert b"Top priority?" in page.content
    q = _question(survey)
    done = client.post(url, {"page": "1", f"q{q.pk}": "health"})
    assert done.status_code == 200 and b"Thank you" in done.content
    response = Response.objects.get(survey=survey, leader=attendee)
    assert response.submitted_at is not None
    assert list(response.answers.values_list("choice", flat=True)) == ["health"]
    # Segments are filed from the profile when answering.
    assert (response.area_type, response.area_lean, response.state) == ("urban", "blue", "MA")


def test_answering_again_edits_the_one_response(survey, attendee):
    client = Client()
    url = _link(survey, attendee)
    q = _question(survey)
    client.post(url, {"page": "1", f"q{q.pk}": "health"})
    client.post(url, {"page": "1", f"q{q.pk}": "voting"})
    assert Response.objects.filter(survey=survey).count() == 1
    live = Answer.objects.filter(response__survey=survey, superseded_at=None)
    assert list(live.values_list("choice", flat=True)) == ["voting"]


def test_a_tampered_or_foreign_link_is_refused_without_a_500(survey, attendee):
    client = Client()
    url = _link(survey, attendee)
    assert client.get(url[:-3] + "xyz/").status_code == 404
    other = SurveyFactory()
    foreign = _link(other, attendee).replace(other.slug, survey.slug)
    assert client.get(foreign).status_code == 404
    assert client.get(f"/surveys/{survey.slug}/answer/%00%ff/").status_code in (400, 404)


def test_someone_outside_the_audience_cannot_answer(survey):
    not_checked_in = RSVPFactory(event=survey.event).leader
    stranger = LeaderFactory()
    client = Client()
    q = _question(survey)
    for leader in (not_checked_in, stranger):
        url = _link(survey, leader)
        assert client.get(url).status_code == 403
        assert client.post(url, {"page": "1", f"q{q.pk}": "health"}).status_code == 403
    assert not Response.objects.exists()


def test_a_closed_survey_takes_no_more_answers(survey, attendee):
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    q = _question(survey)
    page = Client().post(_link(survey, attendee), {"page": "1", f"q{q.pk}": "health"})
    assert b"closed" in page.content
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"q{q}": "not-a-choice"},
        {"q999999": "health"},
        {"q{q}": "health", "q{q}_other": "x"},  # no "other" offered: the field is ignored
        {"page": "7", "q{q}": "health"},
        {"page": "abc", "q{q}": "health"},
        {},  # required
    ],
)
def test_bad_input_is_refused_and_changes_nothing(survey, attendee, data):
    q = _question(survey)
    post = {"page": "1"}
    post.update({k.format(q=q.pk): v.format(q=q.pk) for k, v in data.items()})
    page = Client().post(_link(survey, attendee), post)
    if data.get("q{q}_other"):
        assert page.status_code == 200  # a stray field of an offered question is harmless
        return
    assert page.status_code in (400, 404)
    assert not Answer.objects.exists()


def test_out_of_range_numbers_and_overlong_text_are_refused(attendee, survey):
    number = QuestionFactory(survey=survey, kind=Question.Kind.NUMBER, number_max=100)
    text = QuestionFactory(survey=survey, kind=Question.Kind.SHORT_TEXT)
    q = _question(survey)
    url = _link(survey, attendee)
    for bad in ({f"q{number.pk}": "1000"}, {f"q{number.pk}": "1e9"}, {f"q{text.pk}": "x" * 301}):
        page = Client().post(url, {"page": "1", f"q{q.pk}": "health", **bad})
        assert page.status_code == 400
    assert not Answer.objects.exists()


def test_long_surveys_save_each_page_and_skip_logic_drops_hidden_answers(attendee):
    survey = PostEventSurveyFactory(event=None, audience="leaders")
    first = QuestionFactory(survey=survey, kind=Question.Kind.YES_NO, page=1, required=True)
    plan = QuestionFactory(
        survey=survey,
        kind=Question.Kind.SHORT_TEXT,
        page=2,
        required=True,
        show_if_question=first,
        show_if_value="yes",
    )
    last = QuestionFactory(survey=survey, page=2)
    url = _link(survey, attendee)
    client = Client()
    step = client.post(url, {"page": "1", f"q{first.pk}": "no"})
    assert step.status_code == 302 and step["Location"].endswith("?page=2")
    response = Response.objects.get(survey=survey)
    assert response.submitted_at is None and response.last_page == 1
    # The plan question is hidden (the answer was "no"): not required, its answer dropped.
    done = client.post(url, {"page": "2", f"q{plan.pk}": "a plan", f"q{last.pk}": "housing"})
    assert done.status_code == 200
    response.refresh_from_db()
    assert response.submitted_at is not None
    assert not Answer.objects.filter(question=plan).exists()


def test_a_signed_in_leader_of_the_audience_answers_at_the_survey_url(member_client, member_user):
    survey = SurveyFactory(audience="leaders", audience_filter={"state": "MA"})
    q = QuestionFactory(survey=survey)
    url = reverse("surveys:answer", kwargs={"slug": survey.slug})
    assert member_client.get(url).status_code == 200
    assert member_client.post(url, {"page": "1", f"q{q.pk}": "housing"}).status_code == 200
    assert Response.objects.get(survey=survey).leader.user == member_user


def test_the_survey_url_sends_anonymous_visitors_to_sign_in_and_hides_drafts(anon_client):
    survey = SurveyFactory()
    QuestionFactory(survey=survey)
    page = anon_client.get(reverse("surveys:answer", kwargs={"slug": survey.slug}))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    draft = SurveyFactory(status="draft")
    assert (
        anon_client.get(reverse("surveys:answer", kwargs={"slug": draft.slug})).status_code == 404
    )


def test_leaders_outside_the_filter_are_refused(member_client):
    survey = SurveyFactory(audience="leaders", audience_filter={"state": "TX"})
    QuestionFactory(survey=survey)
    url = reverse("surveys:answer", kwargs={"slug": survey.slug})
    assert member_client.get(url).status_code == 403


def test_the_survey_index_lists_surveys_to_answer_and_to_run(
    anon_client, member_client, staff_client
):
    mine = SurveyFactory(title="For Massachusetts", audience_filter={"state": "MA"})
    other = SurveyFactory(title="For Texas", audience_filter={"state": "TX"})
    url = reverse("surveys:index")
    assert anon_client.get(url).status_code == 302
    page = member_client.get(url).content.decode()
    assert mine.title in page and other.title not in page
    assert "Surveys you run" not in page
    staff_page = staff_client.get(url).content.decode()
    assert "Surveys you run" in staff_page and other.title in staff_page


def test_a_survey_opening_later_says_so(attendee):
    survey = PostEventSurveyFactory(opens_at=timezone.now() + timedelta(days=1))
    QuestionFactory(survey=survey)
    RSVPFactory(event=survey.event, leader=attendee, checked_in_at=timezone.now())
    page = Client().get(_link(survey, attendee))
    assert b"not open yet" in page.content
