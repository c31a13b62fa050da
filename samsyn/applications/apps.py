from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "samsyn.applications"
    label = "applications"
    verbose_name = _("Ansökningar och beslut")

    def ready(self) -> None:
        # The intervention page (interventions sits below applications) shows the
        # intervention's applications, decisions and grants through its section registry
        # (samsyn/interventions/page_sections.py, ARCHITECTURE.md "Layout").
        from samsyn.applications.selectors.decisions import intervention_section
        from samsyn.interventions.page_sections import PageSection, Slot, register_section

        register_section(
            PageSection(
                name="applications_decisions",
                slot=Slot.END,
                template="applications/decision/intervention_section.html",
                build=intervention_section,
            )
        )

        # The intervention page shows the utilisation of the förbund's grants; interventions
        # sits below applications and renders the registered section (page_sections.py).
        from samsyn.applications.selectors import intervention_page

        intervention_page.register()

        # What can be restored after a delete, and by whom (docs/deleting.md).
        from samsyn.applications.services.deleted import register_restorable

        register_restorable()
