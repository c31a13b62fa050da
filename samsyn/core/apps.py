from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samsyn.core"
    label = "core"
    verbose_name = _("Organisation och användare")

    def ready(self) -> None:
        from samsyn.core.services import access_log  # noqa: F401  (connects the log-in handlers)
