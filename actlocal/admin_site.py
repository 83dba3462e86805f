"""Rate limiting for the Django admin's login form, which allauth's limits do not cover."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .clientip import client_ip
from .ratelimit import hit


def rate_limited_admin_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not hit(
            scope="admin-login", key=client_ip(request), rate=settings.ADMIN_LOGIN_RATE
        ):
            return TemplateResponse(
                request,
                "actlocal/rate_limited.html",
                {"message": _("Too many sign-in attempts. Please wait a minute and try again.")},
                status=429,
            )
        return view(request, *args, **kwargs)

    return wrapped
