from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "samsyn.applications"
    label = "applications"
    verbose_name = _("Ansökningar och beslut")

    def ready(self) -> None:
        # The intervention page shows the utilisation of the förbund's grants; interventions
        # sits below applications and renders the registered section (page_sections.py).
        from samsyn.applications.selectors import intervention_page

        intervention_page.register()
