"""Models of the reporting app: the period reports."""

from samsyn.reporting.models.period_reports import PeriodReport, ReportKind, ReportStatus

__all__ = ["PeriodReport", "ReportKind", "ReportStatus"]
