"""The survey results as a method section of the dashboard and the period reports (and so of
their PDF, DOCX and XLSX): per instrument version and respondent group of the intervention's
surveys, the share positive per indicator in the period. Suppressed for every audience as on
the results pages: shares over fewer than 5 respondents are "för få svar för att visa".
The section is generic JSON (``SectionContent`` of samsyn/reporting/content_types.py),
written here as plain dicts so this app does not import reporting. ``forbund_survey_lines``
gives the same figures over the whole förbund for the förbund overview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Shown
from samsyn.surveys.models import Survey
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


@dataclass(frozen=True)
class ForbundSurveyLine:
    """One indicator of one instrument version and respondent group, over all the förbund's
    surveys (its interventions' and its own) in a period."""

    scope: str
    responses: Shown
    response_rate_text: str
    indicator: str
    respondents: Shown
    share_text: str


def forbund_survey_lines(forbund: Forbund, period: Period) -> list[ForbundSurveyLine]:
    """The förbund overview's survey results: the answers of ``period`` to every survey of the
    förbund whose period overlaps it, pooled per instrument version and respondent group
    (as on the intervention's results page, suppressed below 5 respondents for everyone).

    Queries: one for the surveys, then a fixed number per instrument version and respondent
    group among them, whatever the number of answers."""
    surveys = list(
        Survey.objects.filter(
            forbund=forbund, period_from__lte=period.end, period_to__gte=period.start
        )
        .select_related("forbund", "instrument")
        .order_by("instrument__key", "instrument__version", "respondent_group", "period_from")
    )
    lines = []
    for block in blocks_for(surveys, period, compare=False):
        results = block.results
        lines += [
            ForbundSurveyLine(
                scope=block.title,  # the instrument with its version, and the group
                responses=results.responses,
                response_rate_text=results.response_rate_text,
                indicator=f"{row.code} {row.name}",
                respondents=row.respondents,
                share_text=row.share_text,
            )
            for row in results.indicators
        ]
    return lines
