from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Values every page needs: the site URL and whether the user organizes for the network."""
    from .organizing import organizing_link_shown
    from .permissions import is_organizer

    return {
        "SITE_URL": settings.SITE_URL,
        # Error pages (e.g. a disallowed Host) render before authentication has run.
        "user_is_organizer": is_organizer(getattr(request, "user", None)),
        "show_organizing_link": organizing_link_shown(request),
    }
