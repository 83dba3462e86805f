from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from actlocal.accounts import account_profile_hook_register
        from actlocal.persondata import persondata_register

        from . import (
            account_receivers,  # noqa: F401  (connects the allauth receivers)
            deliveries,
            organizing,
            receivers,
        )
        from .accounts import PERSON_DATA_PART, PROFILE_HOOK
        from .importexport.jobs import import_runners_register
        from .map_layers import register_directory_layers

        receivers.connect()
        import_runners_register()
        account_profile_hook_register(hook=PROFILE_HOOK)
        persondata_register(part=PERSON_DATA_PART)
        deliveries.register()
        register_directory_layers()
        organizing.register()
