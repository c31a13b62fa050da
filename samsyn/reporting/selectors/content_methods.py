"""The method sections of a report: what IPS and Supported Employment interventions add to
the dashboard and the period reports (IPS outcomes, job development, fidelity trend).

Trainings (staff trained per role) are a section of every intervention that trained anyone
in the period. A section is generic JSON so every renderer (the page, the PDF, DOCX and
XLSX) can show it without knowing the method (``SectionContent`` in
samsyn/reporting/content_types.py)::

    {"id": "ips_outcomes", "title": str,
     "tables": [{"title": str, "columns": [{"label": str, "kind": kind}, …],
                 "rows": [{"cells": [cell, …], "kind": kind | None}, …], "note": str}]}

A column's ``kind`` says how its cells are shown: ``text``, ``count``, ``share`` (0–1),
``number`` or ``amount``; a row's ``kind``, when set, overrides it for the row's numbers (a
table of mixed figures). A cell is a number, ``None`` ("—") or a text (also a hidden count,
"< 5" / "dolt"). The resource inventory's recommendations need no section: they are the
metrics ``share_recommendation_<code>``, which the registry applies to resursinventering
interventions only. The IPS outcomes are registry metrics too, but their section shows them
(with the reference and the quarters), so the report's list of metrics leaves them out
(``SECTION_METRIC_IDS``).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from samsyn.collaboration.selectors.figures import (
    CASE_COUNT_KEYS,
    COLLABORATION_METRICS,
    COLLABORATION_SOURCE,
)
from samsyn.interventions.models import Intervention, TrainingRole
from samsyn.interventions.selectors.trainings import training_figures
from samsyn.ips.metrics import IPS_METRICS_BY_ID
from samsyn.ips.models import FidelityReview, ReviewStatus
from samsyn.ips.selectors.fidelity import BAND_NAMES, band_for
from samsyn.ips.selectors.job_development import job_development_summary
from samsyn.ips.selectors.outcomes import is_ips
from samsyn.ips.selectors.outcomes_summary import ips_outcomes_summary
from samsyn.reporting.content_types import (
    Cell,
    SectionColumn,
    SectionContent,
    SectionKind,
    SectionRow,
    SectionTable,
)
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Suppressed, is_small
from samsyn.surveys.selectors.report_sections import survey_sections

FIDELITY_ITEMS = 25
FIDELITY_REVIEWS_SHOWN = 6
# Registry metrics a method section shows: the report's list of metrics leaves them out.
# The teams' collaboration figures have no gender split: their own section shows the totals.
SECTION_METRIC_IDS = frozenset(IPS_METRICS_BY_ID) | frozenset(
    metric.id for metric in COLLABORATION_METRICS
)
_KIND_OF_FIGURE: dict[str, SectionKind] = {"count": "count", "share": "share", "median": "number"}


def _column(label: str, kind: SectionKind) -> SectionColumn:
    return {"label": label, "kind": kind}


def _row(*cells: Cell, kind: SectionKind | None = None, definition: str = "") -> SectionRow:
    row: SectionRow = {"cells": list(cells), "kind": kind}
    if definition:
        row["definition"] = definition
    return row


def method_sections(
    intervention: Intervention, period: Period, *, suppress: bool, today: datetime.date
) -> list[SectionContent]:
    sections = [
        _training_section(intervention, period),
        collaboration_section(intervention, period, suppress),
        *survey_sections(intervention, period),
    ]
    if is_ips(intervention):
        sections += [
            _outcomes_section(intervention, period, suppress),
            _job_development_section(intervention, period, suppress, today),
            _fidelity_section(intervention, period),
        ]
    return [section for section in sections if section is not None]


def _training_section(intervention: Intervention, period: Period) -> SectionContent | None:
    """Staff trained in the period per role (counts of staff, not of participants: no
    suppression); left out when nobody was trained."""
    figures = training_figures(intervention, period)
    if not figures["total"]:
        return None
    rows = [_row(str(label), figures[code]) for code, label in TrainingRole.choices]
    rows.append(_row(_("Totalt"), figures["total"]))
    return {
        "id": "trainings",
        "title": _("Utbildningar"),
        "tables": [
            {
                "title": _("Utbildade i perioden"),
                "columns": [_column(_("Yrkesroll"), "text"), _column(_("Antal"), "count")],
                "rows": rows,
                "note": _("Målen för utbildade står bland insatsens mål."),
            }
        ],
    }


def collaboration_section(
    intervention: Intervention, period: Period, suppress: bool
) -> SectionContent | None:
    """The teams linked to the intervention: their registry figures as totals (no gender
    split, docs/collaboration-cases.md). Counts of cases are people: hidden below the
    förbund's limit for styrgrupp. Left out when no team is linked."""
    if not COLLABORATION_SOURCE.applies_to(intervention):
        return None
    values, _counts = COLLABORATION_SOURCE.evaluate_with_counts(intervention, period)
    limit = intervention.forbund.small_count_limit
    rows = []
    for metric in COLLABORATION_METRICS:
        value: Cell = values[metric.id]["total"]
        if suppress and metric.id in CASE_COUNT_KEYS and is_small(int(value or 0), limit):
            value = str(Suppressed(limit=limit))
        rows.append(_row(str(metric.name), value, kind=_KIND_OF_FIGURE[metric.kind.value]))
    return {
        "id": "collaboration",
        "title": _("Samverkansteam"),
        "tables": [
            {
                "title": _("Kopplade teams möten, närvaro, ärenden och åtgärder"),
                "columns": [_column(_("Mått"), "text"), _column(_("Värde"), "number")],
                "rows": rows,
                "note": _(
                    "Team kopplade till insatsen: insatsens personal har en plats i teamet "
                    "eller ett ärende i teamet har anvisats till insatsen."
                ),
            }
        ],
    }


def _gender_columns() -> list[SectionColumn]:
    return [
        _column(_("Mått"), "text"),
        *(_column(label, "count") for label in (_("Kvinnor"), _("Män"), _("Totalt"))),
    ]


def _outcomes_section(intervention: Intervention, period: Period, suppress: bool) -> SectionContent:
    summary = ips_outcomes_summary(intervention, period, suppress=suppress)
    table: SectionTable = {
        "title": _("IPS-resultat"),
        "columns": _gender_columns(),
        # One kind per column does not fit a table of mixed figures: each row gives the
        # kind of its numbers.
        "rows": [
            _row(
                figure["name"],
                figure["values"]["kvinna"],
                figure["values"]["man"],
                figure["values"]["total"],
                kind=_KIND_OF_FIGURE.get(figure["kind"], "number"),
                definition=str(figure["definition"]),
            )
            for figure in summary["figures"]
        ],
        # The population of the caseload and the employment rate, next to the figures.
        "note": f"{summary['reference']['text']} {summary['population']}",
    }
    quarters: SectionTable = {
        "title": _("Andel i konkurrensutsatt arbete per kvartal"),
        "columns": [
            _column(_("Kvartal"), "text"),
            _column(_("I arbete"), "count"),
            _column(_("Aktiva utan arbete vid start"), "count"),
            _column(_("Andel"), "share"),
        ],
        "rows": [
            _row(q["label"], q["in_competitive_job"], q["out_of_work_active"], q["employment_rate"])
            for q in summary["by_quarter"]
        ],
        # Issue #15: the quarters' population is not the caseload figure above it.
        "note": _(
            "Varje kvartal räknas för sig: aktiva utan arbete vid start är de i den aktiva "
            "ärendemängden kvartalets sista dag (med kontakt de senaste 28 dagarna) som inte "
            "arbetade före insatsen; i arbete är de av dem som hade ett konkurrensutsatt "
            "arbete någon dag i kvartalet. Aktiv ärendemängd ovan räknar alla aktiva "
            "periodens sista dag, också de som redan arbetade."
        ),
    }
    return {"id": "ips_outcomes", "title": _("IPS-resultat"), "tables": [table, quarters]}


def _job_development_section(
    intervention: Intervention, period: Period, suppress: bool, today: datetime.date
) -> SectionContent:
    summary = job_development_summary(intervention, period, suppress=suppress, today=today)
    first = summary["first_contact"]
    bank = summary["bank"]
    rows = [
        _row(
            _("Personliga arbetsgivarkontakter i perioden"),
            summary["face_to_face_contacts"],
            kind="count",
        ),
        _row(
            _("Personliga arbetsgivarkontakter per coach och vecka (mål 6)"),
            summary["contacts_per_coach_per_week"],
            kind="number",
        ),
        _row(_("Påbörjade med känd första arbetsgivarkontakt"), first["known"], kind="count"),
        _row(_("Första arbetsgivarkontakt inom 30 dagar"), first["within_30_days"], kind="count"),
        _row(
            _("Andel med första arbetsgivarkontakt inom 30 dagar"),
            first["share_within_30_days"],
            kind="share",
        ),
        _row(
            _("Mediantid till första arbetsgivarkontakt (dagar)"),
            first["median_days"],
            kind="number",
        ),
        _row(_("Arbetsgivare i företagsbanken vid periodens början"), bank["start"], kind="count"),
        _row(_("Arbetsgivare i företagsbanken vid periodens slut"), bank["end"], kind="count"),
        _row(_("Företagsbankens tillväxt"), bank["growth_text"] or None, kind="text"),
    ]
    table: SectionTable = {
        "title": _("Jobbutveckling"),
        "columns": [_column(_("Mått"), "text"), _column(_("Värde"), "number")],
        "rows": rows,
        "note": "",
    }
    return {"id": "job_development", "title": _("Jobbutveckling"), "tables": [table]}


def _fidelity_section(intervention: Intervention, period: Period) -> SectionContent:
    """The completed fidelity reviews up to the period's end, newest last (the trend)."""
    reviews = (
        FidelityReview.objects.filter(
            intervention=intervention,
            status=ReviewStatus.COMPLETED,
            reviewed_on__lte=period.end,
        )
        .annotate(
            total=Sum("scores__score"),
            scored=Count("scores", filter=Q(scores__score__isnull=False)),
        )
        .order_by("-reviewed_on", "-id")[:FIDELITY_REVIEWS_SHOWN]
    )
    rows = []
    for review in reversed(list(reviews)):
        complete = review.scored == FIDELITY_ITEMS and review.total is not None
        rows.append(
            _row(
                review.reviewed_on.isoformat(),
                review.get_kind_display(),
                review.total if complete else None,
                str(BAND_NAMES[band_for(review.total)]) if complete else "—",
            )
        )
    table: SectionTable = {
        "title": _("Programtrohetsmätningar"),
        "columns": [
            _column(_("Datum"), "text"),
            _column(_("Typ"), "text"),
            _column(_("Totalpoäng (25–125)"), "count"),
            _column(_("Nivå"), "text"),
        ],
        "rows": rows,
        "note": _("115–125 utmärkt, 100–114 bra, 74–99 godtagbar, högst 73 inte IPS."),
    }
    return {"id": "fidelity", "title": _("Programtrohet"), "tables": [table]}
