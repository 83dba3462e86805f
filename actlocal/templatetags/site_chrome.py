"""The site's menus, rendered once per language and section for visitors who are not signed in.

Every page carries the header's menus and the footer's links: some twenty links reversed and
translated, a fair share of what an uncached public page costs. For a visitor who is not signed
in they depend only on the language, the section the page belongs to (its `aria-current`
link) and the URL configuration, so they are kept rendered in the process under those.
Signed-in people's menus (the staff link, My organizing, the sign-out form with its CSRF
token) are rendered for each request, as is everything with DEBUG on (templates are edited
then).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# Languages × sections × templates: a few hundred at most; the bound only guards against a
# URL configuration that names a section per request.
_MAX_KEPT = 1024
_kept: dict[tuple, SafeString] = {}


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Languages, catalogs and URLs only change with the settings (in tests): start afresh.
    _kept.clear()


def _render(context: template.Context, template_name: str) -> SafeString:
    return context.template.engine.get_template(template_name).render(context)


@register.simple_tag(takes_context=True)
def site_menus(context: template.Context, template_name: str) -> SafeString:
    request = context.get("request")
    user = context.get("user")
    if settings.DEBUG or request is None or user is None or user.is_authenticated:
        return _render(context, template_name)
    match = getattr(request, "resolver_match", None)
    key = (
        template_name,
        get_language(),
        getattr(match, "url_name", None),
        getattr(match, "app_name", None),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    rendered = _kept.get(key)
    if rendered is None:
        rendered = _render(context, template_name)
        if len(_kept) >= _MAX_KEPT:
            _kept.clear()
        _kept[key] = rendered
    return rendered
