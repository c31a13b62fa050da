from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "samsyn.stats"
    label = "stats"
    verbose_name = "Statistik"
