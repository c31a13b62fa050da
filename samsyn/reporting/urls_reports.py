"""Period reports of an intervention (/rapporter/insats/<pk>/rapporter/…)."""

from django.urls import URLPattern, path

from samsyn.reporting import views_reports

report_patterns: list[URLPattern] = [
    path("insats/<int:pk>/rapporter/", views_reports.report_list_view, name="report_list"),
    path(
        "insats/<int:pk>/rapporter/skapa/",
        views_reports.report_create_view,
        name="report_create",
    ),
    path(
        "insats/<int:pk>/rapporter/<int:report_pk>/",
        views_reports.report_detail_view,
        name="report_detail",
    ),
    path(
        "insats/<int:pk>/rapporter/<int:report_pk>/faststall/",
        views_reports.report_approve_view,
        name="report_approve",
    ),
    path(
        "insats/<int:pk>/rapporter/<int:report_pk>/<str:fmt>/",
        views_reports.report_download_view,
        name="report_download",
    ),
]
