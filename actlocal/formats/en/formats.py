"""English date and time formats: one per context (see actlocal/dates.py for the contexts).

Django's own English formats still apply to everything not named here. Every user-facing date
goes through one of these names (`{{ value|when:"card" }}`, `actlocal.dates.when()`);
tests/core/test_date_formats.py fails on any other format string in templates and mail code.
"""

# A list row or card: "Sat, Mar 14, 6:30 PM PDT".
WHEN_CARD_FORMAT = "D, M j, g:i A T"
# An event's or meeting's own page and its mails: "Saturday, March 14, 2026, 6:30 PM PDT".
WHEN_EVENT_FORMAT = "l, F j, Y, g:i A T"
# A day without a time: "March 14, 2026".
WHEN_DATE_FORMAT = "F j, Y"
# A day in a table or a dense list: "Mar 14, 2026".
WHEN_SHORT_DATE_FORMAT = "M j, Y"
# A time of day with its zone (the end of a range, a check-in): "8:00 PM PDT".
WHEN_TIME_FORMAT = "g:i A T"
# Tables and CSV files, sortable as text: "2026-03-14 18:30".
WHEN_STAMP_FORMAT = "Y-m-d H:i"
