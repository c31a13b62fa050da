"""Every read of the reporting app: the content of a report (figures, breakdowns, method
sections), the intervention dashboard, the period reports and the förbund reports."""
