"""Numbers and times in messages are formatted for the reader's language, never hard-coded."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import get_format

from actlocal.importing.files import Limits, _megabytes, too_many_rows
from actlocal.time_fields import local_to_aware


def _message(error) -> str:
    return error.problems[0].message


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_row_limit_is_written_with_the_languages_grouping(language):
    with translation.override(language):
        shown = f"12{get_format('THOUSAND_SEPARATOR')}345"  # "12,345"; Spanish groups otherwise
        assert shown in _message(too_many_rows("people.csv", Limits(max_bytes=1, max_rows=12345)))
    if language == "es":
        assert "12,345" not in shown


@pytest.mark.parametrize(("language", "shown"), [("en", "2.5 MB"), ("es", "2,5 MB")])
def test_sizes_use_the_languages_decimal_separator(language, shown):
    with translation.override(language):
        assert _megabytes(int(2.5 * 1024 * 1024)) == shown


def test_a_skipped_clock_time_is_named_in_the_languages_time_context():
    skipped = dt.datetime(2031, 3, 9, 2, 30)  # the clocks jump from 2:00 to 3:00 that night
    with translation.override("es"), pytest.raises(forms.ValidationError) as error:
        local_to_aware(skipped, "America/New_York")
    assert error.value.params["time"] == "02:30"
    with translation.override("en"), pytest.raises(forms.ValidationError) as error:
        local_to_aware(skipped, "America/New_York")
    assert error.value.params["time"] == "2:30 AM"
