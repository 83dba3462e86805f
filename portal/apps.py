from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The one app that composes the others: home, /me/ and the demo seeding."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .organizing_views import remember_team_role

        user_logged_in.connect(remember_team_role, dispatch_uid="portal.remember_team_role")
