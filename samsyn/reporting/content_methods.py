"""The method sections of a report: what IPS and Supported Employment interventions add to
the dashboard and the period reports (IPS outcomes, job development, fidelity trend).

Trainings (staff trained per role) are a section of every intervention that trained anyone
in the period. A section is generic JSON so every renderer (the page, the PDF, DOCX and
XLSX) can show it without knowing the method::

    {"id": "ips_outcomes", "title": str,
     "tables": [{"title": str, "headers": [str, …], "kinds": [kind, …],
                 "rows": [[cell, …], …], "note": str}]}

``kinds`` says how each column's cells are shown: ``text``, ``count``, ``share`` (0–1),
``number`` or ``amount``; a cell is a number, ``None`` ("—") or a text (also a hidden count,
"< 5" / "dolt"). The resource inventory's recommendations need no section: they are the
metrics ``share_recommendation_<code>``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention, TrainingRole
from samsyn.interventions.training_selectors import training_figures
from samsyn.ips.fidelity import BAND_NAMES, band_for
from samsyn.ips.job_development import job_development_summary
from samsyn.ips.models import FidelityReview, ReviewStatus
from samsyn.ips.outcomes import is_ips
from samsyn.ips.outcomes_summary import ips_outcomes_summary
from samsyn.stats.periods import Period

FIDELITY_ITEMS = 25
FIDELITY_REVIEWS_SHOWN = 6
_KIND_OF_FIGURE = {"count": "count", "share": "share", "median": "number"}


def method_sections(
    intervention: Intervention, period: Period, *, suppress: bool, today: datetime.date
) -> list[dict[str, Any]]:
    sections = [_training_section(intervention, period)]
    if is_ips(intervention):
        sections += [
            _outcomes_section(intervention, period, suppress),
            _job_development_section(intervention, period, suppress, today),
            _fidelity_section(intervention, period),
        ]
    return [section for section in sections if section is not None]


def _training_section(intervention: Intervention, period: Period) -> dict[str, Any] | None:
    """Staff trained in the period per role (counts of staff, not of participants: no
    suppression); left out when nobody was trained."""
    figures = training_figures(intervention, period)
    if not figures["total"]:
        return None
    rows: list[list[Any]] = [[str(label), figures[code]] for code, label in TrainingRole.choices]
    rows.append([_("Totalt"), figures["total"]])
    table = {
        "title": _("Utbildade i perioden"),
        "headers": [_("Yrkesroll"), _("Antal")],
        "kinds": ["text", "count"],
        "rows": rows,
        "note": _("Målen för utbildade står bland insatsens mål."),
    }
    return {"id": "trainings", "title": _("Utbildningar"), "tables": [table]}


def _gender_headers() -> list[str]:
    return [_("Mått"), _("Kvinnor"), _("Män"), _("Totalt")]


def _outcomes_section(intervention: Intervention, period: Period, suppress: bool) -> dict[str, Any]:
    summary = ips_outcomes_summary(intervention, period, suppress=suppress)
    rows = []
    kinds = ["text", "count", "count", "count"]
    table_kinds: list[str] = []
    for figure in summary["figures"]:
        kind = _KIND_OF_FIGURE.get(figure["kind"], "number")
        values = figure["values"]
        rows.append([figure["name"], values["kvinna"], values["man"], values["total"]])
        table_kinds.append(kind)
    table = {
        "title": _("IPS-resultat"),
        "headers": _gender_headers(),
        # One kind per column does not fit a table of mixed figures: the kind of each row's
        # numbers is given per row in ``row_kinds``.
        "kinds": kinds,
        "row_kinds": table_kinds,
        "rows": rows,
        "note": summary["reference"]["text"],
    }
    quarters = {
        "title": _("Andel i konkurrensutsatt arbete per kvartal"),
        "headers": [_("Kvartal"), _("I arbete"), _("Aktiva utan arbete vid start"), _("Andel")],
        "kinds": ["text", "count", "count", "share"],
        "rows": [
            [q["label"], q["in_competitive_job"], q["out_of_work_active"], q["employment_rate"]]
            for q in summary["by_quarter"]
        ],
        "note": "",
    }
    return {"id": "ips_outcomes", "title": _("IPS-resultat"), "tables": [table, quarters]}


def _job_development_section(
    intervention: Intervention, period: Period, suppress: bool, today: datetime.date
) -> dict[str, Any]:
    summary = job_development_summary(intervention, period, suppress=suppress, today=today)
    first = summary["first_contact"]
    bank = summary["bank"]
    rows = [
        [_("Personliga arbetsgivarkontakter i perioden"), summary["face_to_face_contacts"]],
        [
            _("Personliga arbetsgivarkontakter per coach och vecka (mål 6)"),
            summary["contacts_per_coach_per_week"],
        ],
        [_("Påbörjade med känd första arbetsgivarkontakt"), first["known"]],
        [_("Första arbetsgivarkontakt inom 30 dagar"), first["within_30_days"]],
        [_("Andel med första arbetsgivarkontakt inom 30 dagar"), first["share_within_30_days"]],
        [_("Mediantid till första arbetsgivarkontakt (dagar)"), first["median_days"]],
        [_("Arbetsgivare i företagsbanken vid periodens början"), bank["start"]],
        [_("Arbetsgivare i företagsbanken vid periodens slut"), bank["end"]],
        [_("Företagsbankens tillväxt"), bank["growth_text"] or None],
    ]
    row_kinds = ["count", "number", "count", "count", "share", "number", "count", "count", "text"]
    table = {
        "title": _("Jobbutveckling"),
        "headers": [_("Mått"), _("Värde")],
        "kinds": ["text", "number"],
        "row_kinds": row_kinds,
        "rows": rows,
        "note": "",
    }
    return {"id": "job_development", "title": _("Jobbutveckling"), "tables": [table]}


def _fidelity_section(intervention: Intervention, period: Period) -> dict[str, Any]:
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
            [
                review.reviewed_on.isoformat(),
                review.get_kind_display(),
                review.total if complete else None,
                str(BAND_NAMES[band_for(review.total)]) if complete else "—",
            ]
        )
    table = {
        "title": _("Programtrohetsmätningar"),
        "headers": [_("Datum"), _("Typ"), _("Totalpoäng (25–125)"), _("Nivå")],
        "kinds": ["text", "text", "count", "text"],
        "rows": rows,
        "note": _("115–125 utmärkt, 100–114 bra, 74–99 godtagbar, högst 73 inte IPS."),
    }
    return {"id": "fidelity", "title": _("Programtrohet"), "tables": [table]}
