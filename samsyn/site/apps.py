from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top layer: URL wiring, the start page and the demo across every app. It has no
    models, so nothing of it is shown by name."""

    name = "samsyn.site"
    label = "site"
