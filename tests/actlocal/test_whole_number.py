"""Numbers from URLs and forms: anything but plain ASCII digits is no number (never a 500)."""

import pytest
from django.urls import reverse

from actlocal.text import whole_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (3, 3),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("1" * 5000, None),
        ("1e3", None),
    ],
)
def test_whole_number_accepts_only_plain_digits(raw, expected):
    assert whole_number(raw) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["²", "9" * 5000])
def test_odd_page_numbers_are_a_clear_400_not_a_500(anon_client, page):
    response = anon_client.get(reverse("events:list"), {"page": page})
    assert response.status_code == 400
    assert "is not a page number" in response.content.decode()
