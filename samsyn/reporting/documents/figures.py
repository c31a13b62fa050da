"""The context that renders a report content's figures in HTML (the report page and the
PDF): the shared body template of the reports, which draws its charts itself."""

from __future__ import annotations

from typing import Any

from samsyn.reporting.content_types import ReportContent

REPORT_BODY = "reporting/_report_body.html"


def figures_context(content: ReportContent) -> dict[str, Any]:
    return {"content": content, "body_template": REPORT_BODY}
