import pytest


@pytest.mark.django_db(transaction=True)
def test_home_page_loads_in_chromium_and_is_accessible(page, live_server, assert_accessible):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text()
    assert_accessible("home")
