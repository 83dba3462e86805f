from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActlocalConfig(AppConfig):
    name = "actlocal"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import outbox, receivers  # noqa: F401  (receivers connects the allauth receivers)

        outbox.register()
