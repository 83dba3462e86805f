"""A public report URL new to the page cache is put together from the cached page around the
results (the shell) and the cached results: one query, nothing rendered, and the one per-URL
piece, the path the language switch returns to, always the visitor's own."""

import gzip

import pytest
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from directory.cache import CACHE_HIT_HEADER
from surveys.report_cache import BODY_MARK
from surveys.services.rollups import survey_rollups_rebuild
from surveys.services.surveys import survey_update

from .factories import QuestionFactory, SurveyFactory
from .test_report_cache import _answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = SurveyFactory(published_at=timezone.now(), title="Priorities")
    question = QuestionFactory(survey=survey, label="Top priority?")
    for n in range(6):
        _answer(survey, question, n)
    survey_rollups_rebuild(survey_pk=survey.pk)
    return survey


def _url(survey):
    return reverse("surveys:report", kwargs={"slug": survey.slug})


class _Rendered(list):
    def __call__(self, sender, template, context, **kwargs):
        self.append(template.name)


def _rendered_by(client, url, params, encoding):
    rendered = _Rendered()
    template_rendered.connect(rendered)
    try:
        page = client.get(url, params, HTTP_ACCEPT_ENCODING=encoding)
    finally:
        template_rendered.disconnect(rendered)
    assert page.status_code == 200 and page[CACHE_HIT_HEADER] == "miss"
    return rendered


@pytest.mark.parametrize("encoding", ["gzip", ""])
def test_a_new_url_of_a_known_report_renders_no_template(
    survey, anon_client, django_assert_num_queries, encoding
):
    anon_client.get(_url(survey), {"by": "state", "ref": "a"}, HTTP_ACCEPT_ENCODING=encoding)
    with django_assert_num_queries(1) as captured:  # the results version, nothing else
        rendered = _rendered_by(anon_client, _url(survey), {"by": "state", "ref": "b"}, encoding)
    assert rendered == []
    sql = captured.captured_queries[0]["sql"]
    assert '"results_version"' in sql and "JOIN" not in sql and '"intro"' not in sql
    # Another split renders its results only: the page around them comes from the cache.
    rendered = _rendered_by(anon_client, _url(survey), {"by": "city", "ref": "c"}, encoding)
    assert "surveys/_results_body.html" in rendered
    assert "surveys/report.html" not in rendered and "base.html" not in rendered


def test_the_language_switch_returns_to_the_visitors_own_url(survey, anon_client):
    anon_client.get(_url(survey), {"by": "state", "ref": "alice@example.org"})
    for encoding in ("gzip", ""):
        page = anon_client.get(
            _url(survey), {"by": "state", "ref": "bob"}, HTTP_ACCEPT_ENCODING=encoding
        )
        html = gzip.decompress(page.content) if encoding else page.content
        assert b"alice" not in html
        assert html.count(b'name="next" value="/surveys/reports/') == 2
        assert html.count(b"by=state&amp;ref=bob") == 2  # escaped, in the header and footer


@pytest.mark.parametrize("encoding", ["gzip", ""])
def test_a_path_naming_the_results_mark_does_not_move_the_results(survey, anon_client, encoding):
    page = anon_client.get(_url(survey), {"x": BODY_MARK}, HTTP_ACCEPT_ENCODING=encoding)
    html = (gzip.decompress(page.content) if encoding else page.content).decode()
    # Once as the (escaped) path in each language switch; the results once, in the main part.
    assert html.count(BODY_MARK) == 2
    assert html.index("Top priority?") > html.index('id="main"')


def test_a_changed_title_is_shown_on_a_new_url_at_once(survey, anon_client, staff_user):
    assert "Priorities" in anon_client.get(_url(survey), {"ref": "1"}).content.decode()
    survey_update(survey=survey, actor=staff_user, fields={"title": "Network priorities"})
    html = anon_client.get(_url(survey), {"ref": "2"}).content.decode()
    assert "Network priorities" in html


def test_signed_in_people_get_a_page_rendered_for_them(survey, anon_client, member_client):
    anon_client.get(_url(survey), {"ref": "shared"})
    page = member_client.get(_url(survey), {"ref": "mine"})
    html = page.content.decode()
    assert page.status_code == 200 and "shared" not in html and "Sign out" in html
