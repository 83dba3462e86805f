from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from . import receivers
        from .importexport.jobs import import_runners_register

        receivers.connect()
        import_runners_register()
