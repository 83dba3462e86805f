from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from actlocal.persondata import persondata_register
        from campaigns.dashboard_links import dashboard_links_register
        from events.kit_hooks import kit_copy_hook_register

        from . import receivers  # noqa: F401  (connects the report cache's receivers)
        from .dashboard import campaign_survey_links
        from .persondata import PERSON_DATA_PART
        from .services import mailing
        from .services.surveys import survey_copy_with_event

        mailing.register()
        persondata_register(part=PERSON_DATA_PART)
        kit_copy_hook_register(name="surveys", hook=survey_copy_with_event)
        dashboard_links_register(name="surveys", provider=campaign_survey_links)
