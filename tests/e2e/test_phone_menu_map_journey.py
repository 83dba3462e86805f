"""Journey: a phone-width visitor opens the menu, finds the national map, picks a state, and
searches near their ZIP code; the header stays one line and every page passes axe."""

import pytest

from tests.directory.factories import LeaderFactory, OrganizationFactory

PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True)
def test_a_phone_visitor_uses_the_menu_the_national_map_and_near_me(
    page, live_server, assert_accessible
):
    OrganizationFactory(name="Worcester Tenants Union", city="Worcester", zip_code="01608")
    LeaderFactory(name="Ines Alvarado", city="Springfield", zip_code="01103")
    # Across the country, so the national view fits both states without zooming in as far as
    # the clusters (map.js CLUSTER_ZOOM): neighbouring states would switch it to places.
    LeaderFactory(name="Carla Coast", state="CA", city="Los Angeles", zip_code="90012")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/directory/")

    header = page.locator(".site-header")
    menu_button = page.get_by_role("button", name="Menu")
    menu_button.wait_for()
    # Brand and menu button on one line: the header is no taller than one row of it.
    assert header.bounding_box()["height"] < 70
    assert not page.get_by_role("link", name="Near me").is_visible()
    assert_accessible("directory at 390 px, menu closed")

    menu_button.click()
    assert menu_button.get_attribute("aria-expanded") == "true"
    assert_accessible("directory at 390 px, menu open")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Map").click()

    page.wait_for_url("**/directory/map/")
    markers = page.locator("#directory-map path.leaflet-interactive")
    markers.first.wait_for()
    page.wait_for_selector("#directory-map[data-ready='true']")
    assert markers.count() == 2  # Massachusetts and California
    assert_accessible("national map at 390 px")

    page.get_by_role("link", name="Massachusetts").click()
    page.wait_for_url("**/directory/map/?state=MA")
    page.locator("#directory-map path.leaflet-interactive").first.wait_for()
    assert page.get_by_role("link", name="Worcester Tenants Union").is_visible()

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Near me").click()
    page.get_by_label("Your ZIP code").fill("01604")
    page.get_by_role("button", name="Find who works nearby").click()
    page.get_by_role("link", name="Worcester Tenants Union").wait_for()
    assert "Carla Coast" not in page.content()
    # The small map draws the listed places from the page itself.
    page.locator("#directory-map path.leaflet-interactive").first.wait_for()
    page.get_by_role("heading", name="Events nearby").wait_for()
    assert_accessible("near me at 390 px")


@pytest.mark.django_db(transaction=True)
def test_on_a_desktop_the_menu_is_open_without_a_button(page, live_server, assert_accessible):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/directory/map/")
    assert (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Near me").is_visible()
    )
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert_accessible("national map on a desktop")
