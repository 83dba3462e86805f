"""Spanish date and time formats: the same contexts as actlocal/formats/en/formats.py.

Day and month names come from Django's Spanish translations ("sáb", "marzo"); the 24-hour
clock is the usual one in Spanish texts.
"""

# "sáb 14 de mar, 18:30 PDT"
WHEN_CARD_FORMAT = r"D j \d\e b, H:i T"
# "sábado 14 de marzo de 2026, 18:30 PDT"
WHEN_EVENT_FORMAT = r"l j \d\e F \d\e Y, H:i T"
# "14 de marzo de 2026"
WHEN_DATE_FORMAT = r"j \d\e F \d\e Y"
# "14 mar 2026"
WHEN_SHORT_DATE_FORMAT = "j b Y"
# "20:00 PDT"
WHEN_TIME_FORMAT = "H:i T"
# "2026-03-14 18:30"
WHEN_STAMP_FORMAT = "Y-m-d H:i"
