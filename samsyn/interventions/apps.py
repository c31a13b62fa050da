from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "samsyn.interventions"
    label = "interventions"
    verbose_name = _("Insatser")

    def ready(self) -> None:
        # Core and audit (the layer below) list interventions by this app's scoping rule
        # (samsyn/core/selectors/intervention_scope.py, docs/development.md "Layers").
        from samsyn.core.selectors.intervention_scope import register_visible_to
        from samsyn.interventions.scoping import interventions_visible_to

        register_visible_to(interventions_visible_to)

        # What can be restored after a delete, and by whom (docs/deleting.md).
        from samsyn.interventions.services.deleted import register_restorable

        register_restorable()
