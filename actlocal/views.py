"""Site-wide views of the core: the health check and robots.txt (the home page is the portal's)."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _cache_ok() -> bool:
    from django.core.cache import cache

    ping = getattr(cache, "ping", None)
    if ping is None:
        return True  # local memory or the dummy cache: nothing to reach
    return ping()


def _broker_ok() -> bool:
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        return True  # embedded mode: tasks run in-process, there is no broker to reach
    from actlocal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 otherwise; never cached.

    A cache outage is reported ("status": "degraded") but keeps the 200: pages are then served
    from the database, so a load balancer must not take the site out of rotation for it.
    """
    from django.conf import settings

    checks = {
        "database": "ok" if _database_ok() else "unavailable",
        "cache": "ok" if _cache_ok() else "unavailable",
        "broker": "ok" if _broker_ok() else "unavailable",
    }
    healthy = checks["database"] == "ok" and checks["broker"] == "ok"
    degraded = healthy and checks["cache"] != "ok"
    body = {
        "status": "degraded" if degraded else "ok" if healthy else "unavailable",
        "checks": checks,
        "broker": "redis" if settings.CELERY_BROKER_URL else "in-process",
    }
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


# Crawlers may index the public directory, but not accounts, the staff admin, personal pages or
# the endless variations of the radius search and the map data.
ROBOTS_TXT = """User-agent: *
Disallow: /accounts/
Disallow: /admin/
Disallow: /me/
Disallow: /directory/near/
Disallow: /directory/map.geojson
Disallow: /directory/leaders/*/contact/
"""


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Plain text, no database access: also the benchmark's trivial view."""
    response = HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
