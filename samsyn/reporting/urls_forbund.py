"""The förbund overview, the SUS-style reports and the Uppföljning Finsam export
(/rapporter/forbund/…)."""

from django.urls import URLPattern, path

from samsyn.reporting import views_forbund

forbund_patterns: list[URLPattern] = [
    path("forbund/", views_forbund.forbund_overview_view, name="forbund_overview"),
    path(
        "forbund/deltagare/", views_forbund.forbund_participants_view, name="forbund_participants"
    ),
    path(
        "forbund/insatser/", views_forbund.forbund_interventions_view, name="forbund_interventions"
    ),
    path("forbund/kostnader/", views_forbund.forbund_costs_view, name="forbund_costs"),
    path("forbund/finsam/", views_forbund.forbund_finsam_view, name="forbund_finsam"),
]
