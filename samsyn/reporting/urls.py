"""Reporting pages at /rapporter/: dashboards, the förbund overview, period reports and
exports."""

from django.urls import URLPattern

from samsyn.reporting.urls_forbund import forbund_patterns
from samsyn.reporting.urls_intervention import intervention_patterns
from samsyn.reporting.urls_reports import report_patterns

app_name = "reporting"

urlpatterns: list[URLPattern] = [*intervention_patterns, *report_patterns, *forbund_patterns]
