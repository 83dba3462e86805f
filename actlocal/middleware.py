"""Request guards: text PostgreSQL cannot store is a 400, a database outage a fast 503 page."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# PostgreSQL text holds neither NUL nor UTF-16 surrogate halves (which cannot be encoded as
# UTF-8); reaching a query with either is an error, so they are refused at the door.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _has_unstorable_text(request: HttpRequest) -> bool:
    if _UNSTORABLE.search(request.path):
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if _UNSTORABLE.search(key) or any(_UNSTORABLE.search(value) for value in values):
                return True
    return False


def unstorable_text_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answer 400 when any GET or POST key or value holds text the database cannot store."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if _has_unstorable_text(request):
            message = _(
                "The request contained characters that cannot be stored (such as a NUL byte). "
                "Remove them and try again."
            )
            if request.path.endswith(".json"):
                return JsonResponse({"errors": [message]}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return get_response(request)

    return middleware


def database_unavailable_response() -> HttpResponse:
    """The 503 page, rendered without a request so nothing in it touches the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost or refused database connection in a view into the 503 page, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unavailable: %s", exception)
        return database_unavailable_response()


def user_language_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Keep the language cookie on a signed-in person's saved preference.

    The preference rides in the cookie that LocaleMiddleware reads, so applying it costs no
    query per request (data downloads and JSON endpoints never load the account). The cookie is
    set when the person signs in (actlocal.account_receivers) and whenever the preference
    changes; and any response that loaded the account anyway corrects a cookie that disagrees
    (another browser's choice), from the next request on.
    """
    from django.conf import settings
    from django.utils.functional import empty

    from .languages import user_language

    def loaded_user(request: HttpRequest):
        user = getattr(request, "user", None)
        wrapped = getattr(user, "_wrapped", user)
        return None if wrapped is empty else wrapped

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        saved = user_language(loaded_user(request))
        cookie = settings.LANGUAGE_COOKIE_NAME
        if saved and cookie not in response.cookies and request.COOKIES.get(cookie) != saved:
            response.set_cookie(
                cookie,
                saved,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return middleware
