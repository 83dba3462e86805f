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

        from directory.cache_signals import public_cache_connect, public_models

        from .models import DistrictArea, ZipDistrict
        from .page_cache import SCOPE

        # The crosswalk and ZIP tables are replaced in bulk by their importers, which bump the
        # version themselves; a signal per row would only slow those deletes down.
        bulk_tables = (DistrictArea, ZipDistrict)
        shown = [model for model in public_models(self) if model not in bulk_tables]
        public_cache_connect(scope=SCOPE, models=shown)

        from . import organizing

        organizing.register()
