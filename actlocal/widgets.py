"""Form widgets that render in Python instead of one template per option.

Django renders each <option> through its own template; the directory's filter sidebars carry
about a hundred options (states, topics, roles), which made the template engine the most
expensive part of a list page. The HTML produced is the same as Django's Select.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class FrozenChoices(BaseChoiceIterator):
    """Choices that never change, shared by every copy of a field instead of deep-copied.

    Django deep-copies a form's fields (and a FilterSet its filters) for each instance; with
    the fifty-odd states and their lazy labels that copying cost more than the rest of a
    filter form's work.
    """

    def __init__(self, choices: Iterable[tuple]):
        self._choices = tuple(choices)

    def __iter__(self):
        return iter(self._choices)

    def __len__(self) -> int:
        return len(self._choices)

    def __deepcopy__(self, memo) -> FrozenChoices:
        return self


def use_fast_selects(fields: Mapping[str, forms.Field]) -> None:
    """Swap every plain single Select among `fields` for FastSelect, keeping choices and attrs."""
    for field in fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
            fast.is_required = widget.is_required
            field.widget = fast
