"""The intervention dashboard and its period reports (/rapporter/insats/<pk>/…)."""

from django.urls import URLPattern, path

from samsyn.reporting import views_dashboard

intervention_patterns: list[URLPattern] = [
    path("insats/<int:pk>/", views_dashboard.dashboard, name="dashboard"),
]
