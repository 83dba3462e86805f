"""Text PostgreSQL cannot store (NUL, lone surrogates) in any query or form value is a 400."""

from __future__ import annotations

import pytest
from django.http import HttpResponse, QueryDict
from django.test import Client, RequestFactory
from django.urls import reverse

from actlocal.middleware import unstorable_text_middleware
from events.models import EventRole
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignRoleFactory
from tests.campaigns.manage_roles import ordinance_campaign
from tests.events.factories import EventFactory, EventRoleFactory

pytestmark = pytest.mark.django_db

CLEAR_MESSAGE = "cannot be stored"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def organizer(db):
    return UserFactory(email="lead@example.org", organizer=True)


def assert_refused(response) -> None:
    assert response.status_code == 400
    assert CLEAR_MESSAGE in response.content.decode()


def test_a_nul_in_the_agenda_search_is_a_400(organizer):
    event = EventFactory()
    EventRoleFactory(event=event, user=organizer, role=EventRole.Role.LEAD)
    url = reverse("events:agenda", args=[event.slug])
    client = signed_in(organizer)

    assert client.get(url, {"find": "ok"}).status_code == 200
    assert_refused(client.get(url, {"find": "a\x00b"}))


def test_a_nul_in_the_leadership_search_is_a_400(organizer):
    role = CampaignRoleFactory(user=organizer, campaign=ordinance_campaign())
    url = reverse("campaigns:leadership", args=[role.campaign.slug])
    client = signed_in(organizer)

    assert client.get(url, {"find": "ok"}).status_code == 200
    assert_refused(client.get(url + "?find=%00"))


@pytest.mark.parametrize(
    "query", ["q=%00", "state=%00", "%00=1", "topics__id__exact=1%00"], ids=str
)
def test_a_nul_in_an_admin_list_filter_or_search_is_a_400(staff_client, query):
    assert_refused(staff_client.get("/admin/directory/leader/?" + query))


def test_a_lone_surrogate_is_a_400():
    # Django's own decoding turns undecodable bytes into U+FFFD, so a surrogate half only gets
    # into request data through code that fills it in; the guard refuses it all the same.
    request = RequestFactory().get("/directory/leaders/")
    request.GET = QueryDict(mutable=True)
    request.GET["q"] = "\ud800"
    middleware = unstorable_text_middleware(lambda request: HttpResponse("reached the view"))

    response = middleware(request)

    assert_refused(response)


def test_an_encoded_surrogate_arrives_as_a_replacement_character(anon_client):
    assert anon_client.get("/directory/leaders/?q=%ED%A0%80").status_code == 200


def test_a_nul_in_a_form_post_changes_nothing(anon_client):
    response = anon_client.post(
        reverse("account_signup"),
        {
            "name": "Nul\x00Person",
            "email": "nul@example.org",
            "password1": "x" * 12,
            "password2": "x" * 12,
        },
    )

    assert_refused(response)
    from actlocal.models import User

    assert not User.objects.filter(email="nul@example.org").exists()


def test_a_nul_in_the_path_is_a_400(anon_client):
    assert_refused(anon_client.get("/directory/leaders/a%00b/"))


def test_ordinary_text_passes(anon_client):
    assert anon_client.get("/directory/leaders/", {"q": "Ana María – 日本"}).status_code == 200
