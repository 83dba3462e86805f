"""The demo world with every word people wrote marked as data.

`seed_demo` gives each page real rows (long names, a legislature, surveys with answers, toolkits).
Its text is invented English, so before the pages are read every word of user-written content
gets a leading Δ ("Springfield Tenants Union" -> "ΔSpringfield ΔTenants ΔUnion"). The checker
skips Δ-words and nothing else, so an English word on a page is either a string the templates
or code show (reported) or data (never reported) with no list of names in between.

Left as they are: identifiers and machine values (slugs, addresses, tokens, codes, URLs, time
zones, stored choice values) and the lookup tables behind geography, which code matches on.
"""

from __future__ import annotations

import io
import re

from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.test import TestCase

# Enough invented survey respondents that results show segments and suppressed cells alike;
# the demo's 2,400 (about 40,000 answers) took half the world's build.
RESPONDENTS = 300
DATA_APPS = ("actlocal", "directory", "toolkits", "events", "campaigns", "surveys")
# Rows no person wrote, or that code matches text against.
_SKIP_MODELS = {
    "actlocal.auditentry",
    "actlocal.outboxmail",
    "actlocal.importjob",
    "campaigns.districtarea",
    "campaigns.zipdistrict",
    "surveys.surveyrollup",
    "surveys.response",
    # Segment keys copied from respondents, as on responses: a key, not text anyone reads.
    "surveys.segmentcombination",
    "surveys.segmentcity",
    # The directory's counts, keyed by codes (visibility, kind, state), not words.
    "directory.tally",
    "directory.tallychange",
}
_MACHINE_FIELD = re.compile(
    r"password|email|slug|phone|zip|time_zone|token|selector|checkin_code|url|website|domain"
    r"|image|thumbnail|content_type|ocd_id|openstates_id|_key$|last_error"
    r"|show_if_value|trend_key|filename"
)
_PROTECTED = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<[^<>]*>|https?://\S+|\S+@\S+|&#?\w+;")
_LETTERS = re.compile(r"[A-Za-z]+")


def delta(text: str) -> str:
    """Prefix every run of letters with Δ, leaving merge fields, tags, links and addresses."""
    out, position = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_LETTERS.sub(r"Δ\g<0>", text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_LETTERS.sub(r"Δ\g<0>", text[position:]))
    return "".join(out)


def _data_fields(model) -> list[str]:
    names = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or isinstance(field, models.SlugField):
            continue
        if _MACHINE_FIELD.search(field.name):
            continue
        names.append(field.name)
    return names


# JSON whose strings people wrote: choice labels of survey questions, headings of documents,
# answers to an event's questions (None: every string value).
_JSON_TEXT = {
    ("surveys.question", "choices"): "label",
    ("toolkits.document", "toc"): "text",
    ("events.rsvp", "answers"): None,
    ("events.linkanswer", "answers"): None,
}


def _json_marked(value, key: str | None):
    if isinstance(value, list):
        return [_json_marked(item, key) for item in value]
    if isinstance(value, dict):
        return {
            k: delta(v) if isinstance(v, str) and key in (None, k) else _json_marked(v, key)
            for k, v in value.items()
        }
    return delta(value) if isinstance(value, str) and key is None else value


def _rows_update(model, fields: list[str], rows: list[tuple]) -> None:
    """One UPDATE per row through executemany (psycopg pipelines it): far quicker than
    bulk_update's CASE expressions on tables of thousands of rows."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    columns = ", ".join(f"{quote(model._meta.get_field(name).column)} = %s" for name in fields)
    with connection.cursor() as cursor:
        sql = f"UPDATE {table} SET {columns} WHERE {pk} = %s"  # noqa: S608 (names from the models)
        cursor.executemany(sql, rows)


def world_mark_data() -> None:
    """Rewrite the text of every row people write in place (see the module docstring)."""
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in _SKIP_MODELS:
                continue
            fields = _data_fields(model)
            if fields:
                rows = model.objects.values_list("pk", *fields)
                _rows_update(
                    model, fields, [(*(delta(v or "") for v in rest), pk) for pk, *rest in rows]
                )
            for (label_lower, name), key in _JSON_TEXT.items():
                if model._meta.label_lower == label_lower:
                    for row in model.objects.only("pk", name):
                        setattr(row, name, _json_marked(getattr(row, name), key))
                        row.save(update_fields=[name])


def _checkin_codes_marked() -> None:
    """Check-in codes are shown to their person; their first letter becomes Δ (same length, the
    column is short), unless that would collide with another code."""
    from events.models import RSVP

    taken = set(RSVP.objects.exclude(checkin_code="").values_list("checkin_code", flat=True))
    rows = []
    for pk, code in RSVP.objects.exclude(checkin_code="").values_list("pk", "checkin_code"):
        marked = "Δ" + code[1:]
        if marked not in taken:
            taken.add(marked)
            rows.append((marked, pk))
    _rows_update(RSVP, ["checkin_code"], rows)


def world_build() -> None:
    """The seeded demo, its words marked as data. Its after-commit work (mail kicks) is left
    undone: the world is never committed, and the mail test sends rows itself."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        call_command(
            "seed_demo",
            "--allow-without-debug",
            f"--respondents={RESPONDENTS}",
            stdout=io.StringIO(),
        )
    world_mark_data()
    _checkin_codes_marked()
