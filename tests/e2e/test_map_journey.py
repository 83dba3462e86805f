"""Journey: a visitor opens the map of a state; the markers show even though tiles are blocked."""

import pytest

from directory.models import Leader
from tests.directory.factories import LeaderFactory, OrganizationFactory


@pytest.mark.django_db(transaction=True)
def test_map_draws_every_place_without_tiles_and_opens_a_popup(
    page, live_server, assert_accessible
):
    OrganizationFactory(name="Worcester Tenants Union", city="Worcester", zip_code="01608")
    LeaderFactory(name="Ines Alvarado", city="Springfield", zip_code="01103")
    LeaderFactory(name="Hidden Person", visibility=Leader.Visibility.ORGANIZERS, zip_code="01060")
    page.goto(live_server.url + "/directory/map/?state=MA")
    markers = page.locator("#directory-map path.leaflet-interactive")
    markers.first.wait_for()
    # One marker per visible place: the organizers-only leader is not on the public map.
    assert markers.count() == 2
    # The tile layer is there, but every tile failed: the page fixture aborts each request off
    # the live server, as an unreachable tile server would. The markers are drawn regardless.
    page.locator("#directory-map img.leaflet-tile").first.wait_for(state="attached")
    assert page.locator("#directory-map img.leaflet-tile-loaded").count() == 0

    markers.nth(0).click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    # Leaflet fades the popup in; check contrast once it is fully shown. A function, not an
    # expression: Playwright evaluates expressions with eval, which the CSP refuses.
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    assert popup.inner_text().strip()
    assert "Hidden Person" not in page.content()
    assert_accessible("map of Massachusetts")
