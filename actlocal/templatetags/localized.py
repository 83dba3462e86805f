"""`{{ event|localized:"description" }}`: a written field in the reader's language
(see actlocal.translated)."""

from django import template

from actlocal.translated import localized as _localized

register = template.Library()


@register.filter
def localized(obj, field: str):
    return _localized(obj, field)
