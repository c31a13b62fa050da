"""What an application must hold to be submitted (seed 003's fields marked (*)).

A draft may be incomplete; the submission is refused with every missing thing listed, so the
applicant can fix them in one go. The budget rules (each line adds up, co-financing at most
100 %) are also checked when a line is saved (``budget_line_errors``); they are checked again
here because a submission must never carry a budget that does not add up.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.applications.models import Application, ApplicationBudgetLine, ApplicationSignature
from samsyn.applications.services.calls import call_is_open, deadline_message
from samsyn.applications.services.common import Errors, add
from samsyn.interventions.models import CostCategory

REQUIRED_SECTIONS = {
    "name": gettext_lazy("Insatsens namn saknas."),
    "contact_name": gettext_lazy("Kontaktperson saknas."),
    "contact_email": gettext_lazy("Kontaktpersonens e-post saknas."),
    "purpose": gettext_lazy("Syftet med insatsen saknas."),
    "goals_text": gettext_lazy("Målen med insatsen saknas."),
    "background": gettext_lazy("Bakgrund och behov saknas."),
    "target_group": gettext_lazy("Målgruppen saknas."),
    "method": gettext_lazy("Metod eller metoder saknas."),
    "implementation": gettext_lazy("Hur insatsen ska implementeras saknas."),
    "follow_up": gettext_lazy("Uppföljning och utvärdering av målen saknas."),
    "anchoring": gettext_lazy("Hur ansökan är förankrad saknas."),
}
FUNDER_FIELDS = (
    "forbund_amount",
    "own_money_amount",
    "in_kind_amount",
    "sold_places_amount",
    "other_amount",
)
COFINANCING_FIELDS = FUNDER_FIELDS[1:]


def line_sums(line: ApplicationBudgetLine) -> tuple[Decimal, Decimal]:
    """(all funder columns, the co-financing columns) of one line."""
    cofinancing = sum((getattr(line, name) for name in COFINANCING_FIELDS), Decimal(0))
    return line.forbund_amount + cofinancing, cofinancing


def budget_line_message(line: ApplicationBudgetLine) -> str:
    """Why one line is not acceptable, or "" (the two budget rules of issue #12)."""
    funded, cofinancing = line_sums(line)
    if cofinancing > line.amount:
        return _(
            "Medfinansieringen (%(co)s kr) är mer än 100 %% av radens totala kostnad "
            "(%(total)s kr)."
        ) % {"co": cofinancing, "total": line.amount}
    if funded != line.amount:
        return _(
            "Budgeten går inte ihop: finansieringen är %(funded)s kr men kostnaden är "
            "%(total)s kr. Skillnaden är %(diff)s kr."
        ) % {"funded": funded, "total": line.amount, "diff": line.amount - funded}
    return ""


def _section_errors(application: Application, errors: Errors) -> None:
    for name, message in REQUIRED_SECTIONS.items():
        if not str(getattr(application, name)).strip():
            add(errors, name, str(message))
    if application.lokus_discussed is None:
        add(
            errors,
            "lokus_discussed",
            _("Svara på om ansökan har diskuterats i LOKUS-gruppen eller utvecklingsgruppen."),
        )


def _date_errors(application: Application, errors: Errors) -> None:
    start, end = application.planned_start, application.planned_end
    if start is None:
        add(errors, "planned_start", _("Planerat startdatum saknas."))
    if end is None:
        add(errors, "planned_end", _("Planerat slutdatum saknas."))
    if start and end and end < start:
        add(errors, "planned_end", _("Slutdatum kan inte vara före startdatum."))


def _budget_errors(application: Application, errors: Errors) -> None:
    lines = list(application.budget_lines.all())
    if not lines:
        add(errors, "budget", _("Budgeten saknas: lägg till minst en budgetrad."))
    start, end = application.planned_start, application.planned_end
    for line in lines:
        label = f"{line.year} {line.get_category_display()}"
        message = budget_line_message(line)
        if message:
            add(errors, "budget", f"{label}: {message}")
        if line.category == CostCategory.SALARIES and (
            line.fte_percent is None or line.period_from is None or line.period_to is None
        ):
            add(
                errors,
                "budget",
                _("%(line)s: ange tjänstgöringsgrad och period.") % {"line": label},
            )
        if start and end and not start.year <= line.year <= end.year:
            add(
                errors,
                "budget",
                _("%(line)s: året ligger utanför insatsens planerade tid.") % {"line": label},
            )


def _signature_errors(application: Application, errors: Errors) -> None:
    party_ids = {application.applicant_party_id}
    party_ids |= {party.pk for party in application.partner_parties.all()}
    signed = set(
        ApplicationSignature.objects.filter(application=application).values_list(
            "party_id", flat=True
        )
    )
    missing = application.partner_parties.model.objects.filter(
        Q(pk__in=party_ids - signed)
    ).order_by("name")
    for party in missing:
        add(errors, "signatures", _("Underskrift saknas från %(party)s.") % {"party": party.name})


def submission_errors(application: Application) -> Errors:
    """Everything that stops the submission, per section; empty when it may be submitted."""
    errors: Errors = {}
    _section_errors(application, errors)
    _date_errors(application, errors)
    _budget_errors(application, errors)
    _signature_errors(application, errors)
    call = application.call
    if call is not None and not call_is_open(call):
        add(errors, "call", deadline_message(call))
    return errors
