import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_unknown_page_gets_the_site_404_page(anon_client):
    response = anon_client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert b'class="site-header"' in response.content


@override_settings(DEBUG=False)
def test_server_error_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


@pytest.mark.django_db
def test_a_disallowed_host_gets_400_not_a_server_error(anon_client):
    response = anon_client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
