from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from actlocal.persondata import persondata_register

        from .persondata import PERSON_DATA_PART
        from .services import mailing

        mailing.register()
        persondata_register(part=PERSON_DATA_PART)
