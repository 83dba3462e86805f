"""The language switcher's target: Django's set_language, plus the saved preference.

The switcher is a plain form in the header and the footer of every page, so it works without
JavaScript. Anonymous pages are shared through the page cache and carry no CSRF token (see
docs/directory.md), so for visitors who are not signed in the switch is CSRF-exempt: all it can
change is their own language cookie. For signed-in people it also saves the preference on the
account, so there the CSRF check applies as on any other form (their pages are never cached).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import LANGUAGE_QUERY_PARAMETER, set_language

from .accounts import account_language_set
from .languages import language_supported


def _csrf_refusal(request: HttpRequest) -> HttpResponse | None:
    return CsrfViewMiddleware(lambda request: HttpResponse()).process_view(request, None, (), {})


@csrf_exempt
@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Switch the language, back to the page it was asked from (`next`)."""
    if request.user.is_authenticated:
        refusal = _csrf_refusal(request)
        if refusal is not None:
            return refusal
        chosen = language_supported(request.POST.get(LANGUAGE_QUERY_PARAMETER, ""))
        if chosen:
            account_language_set(user=request.user, language=chosen)
    return set_language(request)
