from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from actlocal.persondata import persondata_register

        from . import deliveries
        from .importers.kinds import import_runners_register
        from .persondata import PERSON_DATA_PART

        import_runners_register()
        persondata_register(part=PERSON_DATA_PART)
        deliveries.register()

        from . import organizing

        organizing.register()
