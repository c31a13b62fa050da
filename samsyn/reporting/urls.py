"""Reporting pages at /rapporter/: the intervention dashboard (/rapporter/insats/<pk>/), its
period reports and their downloads (/rapporter/insats/<pk>/rapporter/…), and the förbund
overview, the SUS-style reports and the Uppföljning Finsam export (/rapporter/forbund/…)."""

from django.urls import URLPattern, path

from samsyn.reporting.views import dashboard, forbund, period_reports, report_schedule

app_name = "reporting"

urlpatterns: list[URLPattern] = [
    path("insats/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("insats/<int:pk>/rapporter/", period_reports.report_list_view, name="report_list"),
    path(
        "insats/<int:pk>/rapporter/skapa/",
        period_reports.report_create_view,
        name="report_create",
    ),
    path(
        "insats/<int:pk>/rapporter/<int:report_pk>/",
        period_reports.report_detail_view,
        name="report_detail",
    ),
    path(
        "insats/<int:pk>/rapporter/<int:report_pk>/faststall/",
        period_reports.report_approve_view,
        name="report_approve",
    ),
    path(
        "insats/<int:pk>/rapporter/<int:report_pk>/<str:fmt>/",
        period_reports.report_download_view,
        name="report_download",
    ),
    path(
        "insats/<int:pk>/rapportschema/",
        report_schedule.schedule_view,
        name="report_schedule",
    ),
    path(
        "insats/<int:pk>/rapportschema/ny/",
        report_schedule.schedule_add_view,
        name="report_schedule_add",
    ),
    path(
        "insats/<int:pk>/rapportschema/<str:kind>/<int:number>/",
        report_schedule.schedule_edit_view,
        name="report_schedule_edit",
    ),
    path(
        "insats/<int:pk>/rapportschema/<str:kind>/<int:number>/ta-bort/",
        report_schedule.schedule_remove_view,
        name="report_schedule_remove",
    ),
    path("forbund/", forbund.forbund_overview_view, name="forbund_overview"),
    path("forbund/deltagare/", forbund.forbund_participants_view, name="forbund_participants"),
    path("forbund/insatser/", forbund.forbund_interventions_view, name="forbund_interventions"),
    path("forbund/kostnader/", forbund.forbund_costs_view, name="forbund_costs"),
    path("forbund/finsam/", forbund.forbund_finsam_view, name="forbund_finsam"),
]
