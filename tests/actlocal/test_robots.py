"""/robots.txt: plain text for crawlers, served without touching the database."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("client_fixture", ["anon_client", "member_client"])
def test_robots_txt_is_plain_text_for_everyone(request, client_fixture):
    response = request.getfixturevalue(client_fixture).get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("User-agent: *\n")


def test_robots_txt_keeps_crawlers_out_of_accounts_admin_and_personal_pages(anon_client):
    lines = anon_client.get("/robots.txt").content.decode().splitlines()
    for private in ("/accounts/", "/admin/", "/me/", "/directory/map.geojson"):
        assert f"Disallow: {private}" in lines
    # The public directory itself stays indexable.
    assert "Disallow: /directory/" not in lines
    assert "Disallow: /" not in lines


def test_robots_txt_runs_no_database_query(anon_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anon_client.get("/robots.txt")
    assert response.status_code == 200


def test_robots_txt_may_be_cached_by_browsers_and_proxies(anon_client):
    response = anon_client.get("/robots.txt")
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]


def test_robots_txt_refuses_writes(anon_client):
    assert anon_client.post("/robots.txt").status_code == 405
