from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samsyn.surveys"
    label = "surveys"
    verbose_name = _("Enkäter")

    def ready(self) -> None:
        # The indicators' shares positive join the one metric registry of samsyn.stats, so
        # goals can target them (docs/surveys.md, "Goals").
        from samsyn.stats.metrics import register_source
        from samsyn.surveys.selectors.metrics import SURVEY_METRICS

        register_source(SURVEY_METRICS)
