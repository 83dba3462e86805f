"""The home page, the portal's: it renders with its directory search."""

import pytest


@pytest.mark.django_db
def test_home_page_renders(anon_client):
    response = anon_client.get("/")
    assert response.status_code == 200
    assert b"Find who already works on it" in response.content
