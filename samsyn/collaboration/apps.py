from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "samsyn.collaboration"
    label = "collaboration"
    verbose_name = _("Samverkansmöten")

    def ready(self) -> None:
        # The teams' figures join the one registry of samsyn.stats (dashboard, period
        # reports, goals), and a referral learns which team's case it came from
        # (docs/collaboration-cases.md).
        from samsyn.collaboration.selectors.figures import COLLABORATION_SOURCE
        from samsyn.collaboration.services.cases import TEAM_CASE_ORIGIN
        from samsyn.participants.referral_origins import register_origin
        from samsyn.stats.metrics import register_source

        register_source(COLLABORATION_SOURCE)
        register_origin(TEAM_CASE_ORIGIN)

        # What can be restored after a delete, and by whom (docs/deleting.md).
        from samsyn.collaboration.services.deleted import register_restorable

        register_restorable()
