"""The demo surveys: a post-event survey of the past convening and the priorities survey with
thousands of responses, some cells small enough to be suppressed."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from actlocal.models import User
from surveys.demo import POST_EVENT_SLUG, PRIORITIES_SLUG, RESPONDENTS
from surveys.models import Response, Survey, SurveyRollup

from .test_rollup_agreement import _portable_rebuild

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_surveys_once_with_results_to_see():
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    priorities = Survey.objects.get(slug=PRIORITIES_SLUG)
    assert Response.objects.filter(survey=priorities).count() == RESPONDENTS
    post_event = Survey.objects.get(slug=POST_EVENT_SLUG)
    assert Response.objects.filter(survey=post_event).exists()
    assert post_event.event.slug == "central-massachusetts-convening"
    states = SurveyRollup.objects.filter(survey=priorities, segment_kind="state", question_key=0)
    assert any(row.count < 5 for row in states)  # small cells exist, to be suppressed

    page = Client().get(reverse("surveys:report", kwargs={"slug": PRIORITIES_SLUG}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "of respondents (n = 2,400) chose “Affordable housing”" in html
    by_state = Client().get(
        reverse("surveys:report", kwargs={"slug": PRIORITIES_SLUG}), {"by": "state"}
    )
    assert "not shown: fewer than 5 respondents" in by_state.content.decode()
    assert "Demo respondent" not in html

    staff = Client()
    staff.force_login(User.objects.filter(is_staff=True).first())
    results = staff.get(reverse("surveys:results", kwargs={"slug": PRIORITIES_SLUG}))
    assert "The same question in other surveys" in results.content.decode()  # 2025 → 2026
    needs = staff.get(reverse("surveys:needs", kwargs={"slug": PRIORITIES_SLUG}))
    assert needs.status_code == 200 and "Leaders asking" in needs.content.decode()
    assert (
        Client().get(reverse("surveys:needs", kwargs={"slug": PRIORITIES_SLUG})).status_code == 302
    )

    out = io.StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    assert "Demo surveys already loaded" in out.getvalue()
    assert Response.objects.filter(survey=priorities).count() == RESPONDENTS


def test_the_demo_answers_written_in_bulk_are_filed_as_the_rebuild_counts_them():
    """The demo writes its answers in bulk, not through the answer form: filed all the same,
    its rollups (the set-based rebuild's) equal those of the portable rebuild, which reads the
    responses' segment columns instead."""
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    for survey in Survey.objects.filter(slug__in=[PRIORITIES_SLUG, POST_EVENT_SLUG]):
        rows = SurveyRollup.objects.filter(survey=survey, count__gt=0)
        cells = sorted(
            rows.values_list("question_key", "choice", "segment_kind", "segment_value", "count")
        )
        _portable_rebuild(survey)
        assert cells and cells == sorted(
            rows.values_list("question_key", "choice", "segment_kind", "segment_value", "count")
        )
