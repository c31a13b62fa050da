from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "samsyn.reporting"
    label = "reporting"
    verbose_name = _("Uppföljning och rapporter")

    def ready(self) -> None:
        # What can be restored after a delete, and by whom (docs/deleting.md).
        from samsyn.reporting.services.deleted import register_restorable

        register_restorable()
