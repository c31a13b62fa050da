from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samsyn.surveys"
    label = "surveys"
    verbose_name = _("Enkäter")

    def ready(self) -> None:
        # The exit page (participants, a lower layer) offers the exit form through a
        # registry (docs/development.md, "Layers").
        from samsyn.participants.exit_offers import register_exit_offers
        from samsyn.surveys import log_filter
        from samsyn.surveys.exit_offers import exit_survey_offers

        register_exit_offers("surveys", exit_survey_offers)
        # No answering link in the server's log lines (docs/surveys.md).
        log_filter.install()

        # The indicators' shares positive join the one metric registry of samsyn.stats, so
        # goals can target them (docs/surveys.md, "Goals").
        from samsyn.stats.metrics import register_source
        from samsyn.surveys.selectors.metrics import SURVEY_METRICS

        register_source(SURVEY_METRICS)

        # What can be restored after a delete, and by whom (docs/deleting.md).
        from samsyn.surveys.services.results import register_restorable

        register_restorable()
