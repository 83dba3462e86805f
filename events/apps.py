from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from actlocal.persondata import persondata_register
        from directory.leader_sections import LeaderSection, leader_section_register
        from directory.near_sections import NearSection, near_section_register

        from . import deliveries, link_answers  # noqa: F401  (link_answers registers its channel)
        from .dashboard import leader_attended_events
        from .persondata import PERSON_DATA_PART

        persondata_register(part=PERSON_DATA_PART)
        near_section_register(
            section=NearSection(
                name="events",
                heading=_("Events nearby"),
                url_name="events:near_part",
                link_url_name="events:list",
                link_text=_("See the events near this ZIP code"),
            )
        )
        leader_section_register(
            section=LeaderSection(
                name="events_attended",
                template="events/_leader_attended.html",
                load=lambda leader: leader_attended_events(leader=leader),
            )
        )
        deliveries.register()

        from directory.cache_signals import public_cache_connect, public_models

        public_cache_connect(scope="events", models=public_models(self))

        from . import map_layer, organizing

        organizing.register()
        map_layer.register()
