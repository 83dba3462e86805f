from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActlocalConfig(AppConfig):
    name = "actlocal"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import outbox

        outbox.register()
