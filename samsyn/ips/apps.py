from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpsConfig(AppConfig):
    name = "samsyn.ips"
    label = "ips"
    verbose_name = _("IPS och Supported Employment")
