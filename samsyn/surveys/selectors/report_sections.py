"""The survey results as a method section of the dashboard and the period reports (and so of
their PDF, DOCX and XLSX): per instrument version and respondent group of the intervention's
surveys, the share positive per indicator in the period. Suppressed for every audience as on
the results pages: shares over fewer than 5 respondents are "för få svar för att visa".
The section is generic JSON (``SectionContent`` of samsyn/reporting/content_types.py),
written here as plain dicts so this app does not import reporting."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.stats.periods import Period
from samsyn.surveys.selectors.pages import blocks_for, intervention_surveys


def survey_sections(intervention: Intervention, period: Period) -> list[Any]:
    """One section with a table per instrument version and respondent group; none when the
    intervention has no surveys."""
    blocks = blocks_for(intervention_surveys(intervention), period, compare=False)
    if not blocks:
        return []
    tables = []
    for block in blocks:
        results = block.results
        rows = [
            {
                "cells": [f"{row.code} {row.name}", str(row.respondents), row.share_text],
                "kind": None,
            }
            for row in results.indicators
        ]
        tables.append(
            {
                "title": _(
                    "%(title)s (version %(version)s): svar %(answers)s, svarsfrekvens %(rate)s"
                )
                % {
                    "title": block.title,
                    "version": results.instrument.version,
                    "answers": results.responses,
                    "rate": results.response_rate_text,
                },
                "columns": [
                    {"label": _("Indikator"), "kind": "text"},
                    {"label": _("Svarande"), "kind": "text"},
                    {"label": _("Andel positiva"), "kind": "text"},
                ],
                "rows": rows,
                "note": _(
                    "Andel positiva = positiva svar ÷ alla svar på indikatorns frågor. "
                    "Ingenting visas för färre än 5 svarande."
                ),
            }
        )
    return [{"id": "surveys", "title": _("Enkätresultat"), "tables": tables}]
