from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpsConfig(AppConfig):
    name = "samsyn.ips"
    label = "ips"
    verbose_name = _("IPS och Supported Employment")

    def ready(self) -> None:
        # The IPS outcomes join the one registry of samsyn.stats, for IPS and Supported
        # Employment interventions only (docs/ips-outcomes.md).
        from samsyn.ips.selectors.outcomes import IPS_OUTCOME_METRICS
        from samsyn.ips.selectors.participant_progress import employer_contacts_of
        from samsyn.ips.services import personal_data
        from samsyn.participants.selectors.placement_progress import register_employer_contacts
        from samsyn.stats.metrics import register_source

        register_source(IPS_OUTCOME_METRICS)
        # A participant's progress in IPS counts its employer contacts
        # (docs/participants-journey.md, "Progress in IPS").
        register_employer_contacts(employer_contacts_of)
        # The career profile and contacts join retention and the register extract
        # (docs/data-lifecycle.md).
        personal_data.register()
