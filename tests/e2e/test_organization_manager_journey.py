"""Journey: a leader who manages a partner organization's profile finds it in My organizing,
adds a logo (with its description) and a Spanish description, and sees the public page show
them. Run at desktop width and on a 390 px phone, with axe on every page visited."""

import pytest
from playwright.sync_api import expect

from directory.models import Organization
from tests.actlocal.factories import UserFactory
from tests.directory.factories import AffiliationFactory, LeaderFactory, OrganizationFactory
from tests.pictures import png

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.django_db(transaction=True)
def test_a_manager_adds_a_logo_and_a_spanish_description_from_my_organizing(
    page, live_server, sign_in, assert_accessible, viewport, tmp_path
):
    page.set_viewport_size(VIEWPORTS[viewport])
    user = UserFactory(email="mara@example.org", name="Mara Manager")
    organization = OrganizationFactory(
        name="Riverside Tenants Union", description="Tenants of Riverside, organized."
    )
    AffiliationFactory(
        leader=LeaderFactory(user=user, email=user.email),
        organization=organization,
        manages_profile=True,
    )
    logo = tmp_path / "logo.png"
    logo.write_bytes(png().read())
    sign_in(user)

    page.goto(live_server.url + "/me/organizing/")
    expect(page.get_by_role("heading", name="Organizations")).to_be_visible()
    assert_accessible("My organizing")
    page.get_by_role("link", name="Add a logo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Riverside Tenants Union")
    assert_accessible("the manage page")

    page.locator("input[type=file]").set_input_files(str(logo))
    page.get_by_role("button", name="Save the profile").click()
    error = page.get_by_text("Describe the logo for people who cannot see it.")
    expect(error.first).to_be_visible()
    assert_accessible("the manage page with an error")
    assert Organization.objects.get(pk=organization.pk).logo_image == ""

    page.locator("input[type=file]").set_input_files(str(logo))
    page.get_by_label("Description of the logo").fill("A blue river under a roof")
    page.get_by_label("Description in Spanish").fill("Inquilinos de Riverside, organizados.")
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_text("The profile is saved")).to_be_visible()

    page.get_by_role("link", name="See the public page").click()
    expect(page.get_by_role("img", name="A blue river under a roof")).to_be_visible()
    assert_accessible("the public page with its logo")
