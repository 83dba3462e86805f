from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActlocalConfig(AppConfig):
    name = "actlocal"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import account_receivers, outbox  # noqa: F401  (receivers connect on import)
        from .collation import register_sqlite_collations

        outbox.register()
        connection_created.connect(register_sqlite_collations, dispatch_uid="actlocal.collation")
