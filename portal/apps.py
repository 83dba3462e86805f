from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The one app that composes the others: home, /me/ and the demo seeding."""

    name = "portal"
    verbose_name = _("Portal")
