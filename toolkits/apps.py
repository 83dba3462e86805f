from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = _("Toolkits")

    def ready(self) -> None:
        from actlocal.persondata import persondata_register

        from . import organizing, receivers, search
        from .persondata import PERSON_DATA_PART

        receivers.connect()
        search.register()
        persondata_register(part=PERSON_DATA_PART)
        organizing.register()
