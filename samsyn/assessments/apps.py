from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "samsyn.assessments"
    label = "assessments"
    verbose_name = _("Resursinventering")

    def ready(self) -> None:
        # The resource inventory joins retention and the register extract
        # (docs/data-lifecycle.md).
        from samsyn.assessments.services import personal_data

        personal_data.register()
