"""The time zone is chosen from a list (U.S. zones first), not typed as free text."""

import pytest
from django import forms

from actlocal.time_fields import TimeZoneField


class ZoneForm(forms.Form):
    time_zone = TimeZoneField()


def test_the_field_is_a_select_with_the_us_zones_first():
    html = str(ZoneForm(initial={"time_zone": "America/Chicago"})["time_zone"])

    assert html.startswith("<select")
    assert '<optgroup label="United States">' in html
    assert html.index("America/New_York") < html.index("Europe/Madrid")
    assert '<option value="America/Chicago" selected>Central (America/Chicago)</option>' in html


def test_a_zone_outside_the_us_can_be_chosen_and_stays_selected():
    form = ZoneForm({"time_zone": "Europe/Madrid"})

    assert form.is_valid()
    assert form.cleaned_data["time_zone"] == "Europe/Madrid"
    assert '<option value="Europe/Madrid" selected>' in str(form["time_zone"])


@pytest.mark.parametrize("value", ["Mars/Olympus", "<script>"])
def test_a_zone_not_in_the_list_is_refused_with_a_clear_message(value):
    form = ZoneForm({"time_zone": value})

    assert not form.is_valid()
    assert "is not a known time zone" in form.errors["time_zone"][0]
