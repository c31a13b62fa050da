"""IPS pages: outcomes."""

from django.urls import URLPattern, path

from samsyn.ips import views_outcomes

outcomes_patterns: list[URLPattern] = [
    path("resultat/<int:pk>/", views_outcomes.outcomes, name="outcomes"),
]
