from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActlocalConfig(AppConfig):
    name = "actlocal"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import account_receivers, outbox  # noqa: F401  (receivers connect on import)

        outbox.register()
