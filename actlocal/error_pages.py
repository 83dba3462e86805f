"""The site's 500 handler: a database outage outside a view still gets the 503 page."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from .middleware import DATABASE_ERRORS, database_unavailable_response


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its `except` block, so the error is still at hand; middleware
    # (sessions, accounts) can meet the outage before or after the view, where
    # DatabaseUnavailableMiddleware does not see it.
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable_response()
    return defaults.server_error(request)
