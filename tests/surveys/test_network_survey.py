"""Staff create network surveys outside the admin: the audience is form fields (states, topics,
area type, lean, role, city) with a count of the leaders it selects; bad values are form errors.
The admin uses the same fields, never typed JSON."""

import pytest
from django.test import Client
from django.urls import reverse

from actlocal.models import Topic
from directory.models import LeaderRole
from surveys.audiences import survey_audience
from surveys.models import Survey
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventRoleFactory

from .factories import PostEventSurveyFactory, SurveyFactory

pytestmark = pytest.mark.django_db

NEW = reverse("surveys:new")
COUNT = reverse("surveys:audience_count")


@pytest.fixture
def network():
    housing = Topic.objects.get_or_create(slug="housing", defaults={"name": "Housing"})[0]
    faith = LeaderRole.objects.get_or_create(slug="faith", defaults={"name": "Faith (test)"})[0]
    people = {
        "worcester": LeaderFactory(city="Worcester", state="MA", area_type="urban",
                                   topics=[housing], roles=[faith]),
        "boston": LeaderFactory(city="Boston", state="MA", area_type="urban", topics=[housing]),
        "rural_ma": LeaderFactory(city="Ware", state="MA", area_type="rural"),
        "austin": LeaderFactory(city="Austin", state="TX", area_type="urban", topics=[housing]),
        "macon": LeaderFactory(city="Macon", state="GA", area_type="rural", area_lean="red"),
    }  # fmt: skip
    return people


def _settings(**audience):
    data = {"action": "settings", "title": "Network priorities", "intro": "",
            "opens_at": "2030-01-01T10:00", "reminder_after_days": 3}  # fmt: skip
    data.update(audience)
    return data


def test_new_network_survey_per_role(anon_client, member_client, organizer_client, staff_client):
    event_team = Client()
    team_user = UserFactory(organizer=True)
    EventRoleFactory(event=PostEventSurveyFactory().event, user=team_user, role="lead")
    event_team.force_login(team_user)
    assert anon_client.get(NEW).status_code == 302
    for client in (member_client, organizer_client, event_team):
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, _settings()).status_code == 403
        assert client.get(COUNT).status_code == 403
    assert Survey.objects.filter(event=None).count() == 0
    assert staff_client.get(NEW).status_code == 200
    assert anon_client.get(COUNT).status_code == 302


def test_staff_create_a_survey_whose_audience_is_the_chosen_leaders(network, staff_client):
    page = staff_client.post(
        NEW, _settings(states=["MA", "TX"], topics=["housing"], area_type="urban")
    )
    survey = Survey.objects.get()
    assert page.status_code == 302
    assert page["Location"] == reverse("surveys:manage", kwargs={"slug": survey.slug})
    assert survey.audience == Survey.Audience.LEADERS and survey.status == Survey.Status.DRAFT
    assert survey.audience_filter == {
        "states": ["MA", "TX"], "topics": ["housing"], "area_type": "urban",
    }  # fmt: skip
    assert set(survey_audience(survey=survey)) == {
        network["worcester"], network["boston"], network["austin"],
    }  # fmt: skip
    # The manage page shows the saved audience in its fields and adds questions.
    manage = staff_client.get(page["Location"]).content.decode()
    assert 'value="TX" selected' in manage and "Add a question" in manage


def test_role_lean_and_city_narrow_the_audience(network, staff_client):
    staff_client.post(NEW, _settings(role="faith", city="worcester"))
    survey = Survey.objects.get()
    assert survey.audience_filter == {"role": "faith", "city": "worcester"}
    assert list(survey_audience(survey=survey)) == [network["worcester"]]
    staff_client.post(NEW, _settings(title="Red", lean="red"))
    red = Survey.objects.get(title="Red")
    assert list(survey_audience(survey=red)) == [network["macon"]]


def test_the_preview_counts_the_audience_without_saving(network, staff_client):
    data = _settings(states=["MA"], area_type="urban")
    data["action"] = "preview"
    page = staff_client.post(NEW, data)
    assert page.status_code == 200
    assert "This audience has 2 leaders." in page.content.decode()
    assert not Survey.objects.exists()
    live = staff_client.get(COUNT, {"states": ["MA"], "area_type": "rural"})
    assert live.status_code == 200 and "This audience has 1 leader." in live.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"states": ["ZZ"]},
        {"topics": ["no-such-topic"]},
        {"area_type": "lunar"},
        {"lean": "green"},
        {"role": "astronaut"},
        {"city": "Atlantis"},
        {"title": ""},
        {"reminder_after_days": 99},
    ],
)
def test_unknown_values_are_form_errors_and_save_nothing(network, staff_client, bad):
    page = staff_client.post(NEW, _settings(**bad))
    assert page.status_code == 400
    assert not Survey.objects.exists()
    if "title" not in bad and "reminder_after_days" not in bad:
        live = staff_client.get(COUNT, bad)
        assert live.status_code == 400 and "not known" in live.content.decode()


def test_the_manage_page_edits_the_audience_and_refuses_team_surveys(network, staff_client):
    survey = SurveyFactory(status=Survey.Status.DRAFT, audience_filter={"state": "GA"})
    url = reverse("surveys:manage", kwargs={"slug": survey.slug})
    assert 'value="GA" selected' in staff_client.get(url).content.decode()  # the old key too
    assert staff_client.post(url, _settings(states=["TX"])).status_code == 302
    survey.refresh_from_db()
    assert survey.audience_filter == {"states": ["TX"]}
    event_survey = PostEventSurveyFactory()
    other = reverse("surveys:manage", kwargs={"slug": event_survey.slug})
    assert staff_client.get(other).status_code == 404


def test_the_admin_edits_the_audience_with_the_same_fields(network, staff_client):
    survey = SurveyFactory(audience_filter={"states": ["MA"]})
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="states"' in page and 'name="audience_filter"' not in page
    data = {
        "title": survey.title, "slug": survey.slug, "intro": "", "audience": "leaders",
        "opens_at_0": "2030-01-01", "opens_at_1": "10:00:00", "status": "open",
        "send_after_hours": 2, "reminder_after_days": 3, "states": ["TX"], "city": "Austin",
        "questions-TOTAL_FORMS": 0, "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    assert staff_client.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert survey.audience_filter == {"states": ["TX"], "city": "Austin"}
    bad = staff_client.post(url, {**data, "city": "Atlantis"})
    assert bad.status_code == 200 and "No leader in the directory lists this city." in (
        bad.content.decode()
    )
    survey.refresh_from_db()
    assert survey.audience_filter == {"states": ["TX"], "city": "Austin"}
