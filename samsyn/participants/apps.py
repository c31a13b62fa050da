from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "samsyn.participants"
    label = "participants"
    verbose_name = _("Deltagare")

    def ready(self) -> None:
        # The registration metrics join the one registry of samsyn.stats (docs/metrics.md).
        from samsyn.participants.selectors import intervention_page
        from samsyn.participants.selectors.metrics import (
            RECOMMENDATION_SOURCE,
            REGISTRATION_METRICS,
        )
        from samsyn.stats.metrics import register_source

        register_source(REGISTRATION_METRICS)
        # The recommendation shares apply to resursinventering interventions only.
        register_source(RECOMMENDATION_SOURCE)
        # The intervention page's figures and participant list, and what keeps a phase,
        # step or indicator in use (docs/development.md, "Layers").
        intervention_page.register()
