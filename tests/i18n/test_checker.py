"""The pseudo catalog and the checker themselves: they would notice what they are meant to."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from .pseudo import pseudo
from .visible import english, findings, visible_texts
from .world import delta


def test_the_pseudo_translation_keeps_placeholders_and_tags_outside_the_markers():
    text = 'Hello %(name)s, <a href="%(url)s">see {count} more</a> &amp; %s'
    assert pseudo(text) == (
        '⟦Hello⟧ %(name)s⟦,⟧ <a href="%(url)s">⟦see⟧ {count} ⟦more⟧</a> &amp; %s'
    )


def test_english_outside_markers_is_found_and_data_is_not():
    assert english("⟦Going⟧ ΔMaria ΔLopez (ΔSpringfield, MA) 3 de ⟪marzo⟫ 10:00 EST") == []
    assert english("⟦Going⟧ Not translated") == ["Not", "translated"]
    assert english("Mail hello@example.org or see https://example.org/a/b") == ["Mail", "or", "see"]
    assert english("America/New_York") == [] and english("Europe/Isle of Man") == []


def test_visible_text_includes_what_screen_readers_and_buttons_say():
    html = (
        '<title>T1</title><script>var hidden = "x"</script><p title="T2">T3</p>'
        '<img alt="T4" src="/a.png"><input type="submit" value="T5"><input type="hidden" '
        'value="secret"><meta name="description" content="T6"><svg><title>T7</title></svg>'
    )
    assert visible_texts(html) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]


def test_data_marking_leaves_merge_fields_links_and_tags_alone():
    assert delta("Hi {{ leader.first_name }}, see <b>https://x.org</b>") == (
        "ΔHi {{ leader.first_name }}, Δsee <b>https://x.org</b>"
    )


@pytest.mark.usefixtures("spanish")
def test_an_unmarked_template_string_is_reported_and_a_marked_one_is_not():
    template = Template(
        "{% load i18n %}<h1>{% translate 'Events' %}</h1><p>Forgot to mark this</p>"
        "<button aria-label=\"{% translate 'Close' %}\">×</button>"
    )
    with translation.override("es"):
        html = template.render(Context())
    assert findings(visible_texts(html)) == ["Forgot to mark this"]
