"""Segments: the profile first, then an organizer's override, then the shipped state table;
leaders see and correct theirs on /me/, organizers set overrides."""

import pytest
from django.test import Client
from django.urls import reverse

from surveys.lean_table import MARGIN_2020, SOURCE, lean_for_margin, state_lean
from surveys.models import LeanOverride
from surveys.segments import leader_segments
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def test_the_state_table_has_every_state_with_a_vote_and_its_source():
    assert len(MARGIN_2020) == 51  # 50 states and DC; Puerto Rico casts no electoral votes
    assert "FEC" in SOURCE
    assert (state_lean("MA"), state_lean("GA"), state_lean("WY"), state_lean("PR")) == (
        "blue",
        "purple",
        "red",
        "",
    )
    assert (lean_for_margin(5.0), lean_for_margin(4.9), lean_for_margin(-5.0)) == (
        "blue",
        "purple",
        "red",
    )


def test_the_profile_wins_then_the_override_then_the_state_table(organizer_user):
    leader = LeaderFactory(area_lean="", state="TX")
    assert leader_segments(leader=leader).area_lean == "red"
    assert leader_segments(leader=leader).lean_source == "state"
    LeanOverride.objects.create(leader=leader, area_lean="purple", set_by=organizer_user)
    assert leader_segments(leader=leader).area_lean == "purple"
    leader.area_lean = "blue"
    assert leader_segments(leader=leader).area_lean == "blue"


def test_a_leader_sees_their_segments_on_me_and_corrects_them(member_client, member_user):
    leader = member_user.leader
    leader.area_lean = ""
    leader.save()
    page = member_client.get(reverse("me")).content.decode()
    assert "How your survey answers are counted" in page
    assert "from your state" in page  # MA from the table


def _organizer_client():
    client = Client()
    client.force_login(UserFactory(organizer=True))
    return client


def test_organizers_override_a_leaders_lean_and_others_cannot(member_client, anon_client):
    leader = LeaderFactory(area_lean="", state="OH")
    url = reverse("surveys:lean_override", kwargs={"leader_slug": leader.slug})
    assert anon_client.get(url).status_code == 302
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, {"area_lean": "blue"}).status_code == 403
    organizer = _organizer_client()
    assert organizer.get(url).status_code == 200
    assert organizer.post(url, {"area_lean": "nonsense"}).status_code == 400
    assert not LeanOverride.objects.exists()
    assert organizer.post(url, {"area_lean": "purple"}).status_code == 302
    assert LeanOverride.objects.get(leader=leader).area_lean == "purple"
    assert organizer.post(url, {"area_lean": ""}).status_code == 302
    assert not LeanOverride.objects.exists()
    missing = reverse("surveys:lean_override", kwargs={"leader_slug": "nobody"})
    assert organizer.get(missing).status_code == 404


def test_a_deleted_account_leaves_no_response_and_no_count_behind(member_user):
    from surveys.answering import Value
    from surveys.models import Response, SurveyRollup
    from surveys.services.responses import response_save_page
    from surveys.services.rollups import response_rollup_apply

    from .factories import QuestionFactory, SurveyFactory

    survey = SurveyFactory()
    question = QuestionFactory(survey=survey)
    response = response_save_page(
        survey=survey,
        leader=member_user.leader,
        questions=[question],
        page=1,
        values={question.pk: [Value(choice="housing")]},
        submit=True,
    )
    response_rollup_apply(response_pk=response.pk)
    assert SurveyRollup.objects.get(question_key=0, segment_kind="all").count == 1
    from actlocal.accounts import account_delete

    account_delete(user=member_user)
    assert not Response.objects.exists()
    assert not SurveyRollup.objects.filter(count__gt=0).exists()
