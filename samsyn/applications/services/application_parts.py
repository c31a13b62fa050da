"""Writes of an application's budget lines, planned participants per year, goals and
signatures. Each write checks the application's version and bumps it, so two people
editing the same application never overwrite each other (ARCHITECTURE.md rule 9).

The budget rules (seed 003's table "Att rekvirera från Samordningsförbundet |
Projektägarnas egenfinansiering | Totalt"): the funder columns of a line add up to its total
exactly, and co-financing (everything but the förbund's money) is never over 100 %.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationGoal,
    ApplicationSignature,
    ApplicationYear,
)
from samsyn.applications.services.applications import audit_applicant_step, writable_application
from samsyn.applications.services.common import Errors, add, money_error, raise_if
from samsyn.applications.services.deleted import remember_application_part
from samsyn.applications.services.submission import COFINANCING_FIELDS, budget_line_message
from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import CostCategory, GoalComparison, GoalGender
from samsyn.interventions.selectors.goals import TRAINED_PEOPLE, goal_metric_get
from samsyn.stats.metrics import Kind

MAX_TARGET = Decimal(1_000_000)
MAX_PARTICIPANTS = 100_000


@dataclass(frozen=True)
class BudgetLineFields:
    year: int
    category: str
    amount: Decimal
    description: str = ""
    fte_percent: Decimal | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    forbund_amount: Decimal = Decimal(0)
    own_money_amount: Decimal = Decimal(0)
    in_kind_amount: Decimal = Decimal(0)
    sold_places_amount: Decimal = Decimal(0)
    other_amount: Decimal = Decimal(0)
    cofinancing_party_id: int | None = None


@dataclass(frozen=True)
class GoalFields:
    metric_id: str
    target: Decimal
    comparison: str = GoalComparison.AT_LEAST
    target_max: Decimal | None = None
    gender: str = GoalGender.TOTAL
    label: str = ""


@dataclass(frozen=True)
class SignatureFields:
    party_id: int
    signer_name: str
    signed_on: datetime.date
    signer_title: str = ""


def touch_application(application: Application, expected_version: int) -> None:
    """A change of a part is a change of the application: check and bump its version."""
    save_versioned(application, expected_version=expected_version, fields=[])


def _application_party_ids(application: Application) -> set[int]:
    ids = set(application.partner_parties.values_list("pk", flat=True))
    return ids | {application.applicant_party_id}


# --- budget -------------------------------------------------------------------------------


def _period_errors(fields: BudgetLineFields, errors: Errors) -> None:
    start, end = fields.period_from, fields.period_to
    if start and end and end < start:
        add(errors, "period_to", _("Perioden kan inte sluta före den börjar."))
    for name, day in (("period_from", start), ("period_to", end)):
        if day is not None and day.year != fields.year:
            add(errors, name, _("Perioden ska ligga inom budgetradens år."))
    fte = fields.fte_percent
    if fte is not None and not Decimal(0) < fte <= 100:
        add(errors, "fte_percent", _("Tjänstgöringsgraden anges i procent, 1–100."))


def budget_line_errors(
    application: Application, fields: BudgetLineFields
) -> tuple[ApplicationBudgetLine, Errors]:
    """The unsaved line and what is wrong with it (field names as the form's)."""
    errors: Errors = {}
    if not 2000 <= fields.year <= 2100:
        add(errors, "year", _("Ange ett år mellan 2000 och 2100."))
    if fields.category not in CostCategory.values:
        add(errors, "category", _("Välj ett kostnadsslag i listan."))
    if len(fields.description) > 200:
        add(errors, "description", _("Beskrivningen får vara högst 200 tecken."))
    for name in ("amount", "forbund_amount", *COFINANCING_FIELDS):
        message = money_error(getattr(fields, name))
        if message:
            add(errors, name, message)
    _period_errors(fields, errors)
    cofinanced = any(getattr(fields, name) for name in COFINANCING_FIELDS)
    party_id = fields.cofinancing_party_id
    if party_id is not None and party_id not in _application_party_ids(application):
        add(errors, "cofinancing_party", _("Välj insatsägaren eller en samverkanspart."))
    elif cofinanced and party_id is None and (fields.own_money_amount or fields.in_kind_amount):
        add(errors, "cofinancing_party", _("Ange vilken part som står för egenfinansieringen."))
    values = asdict(fields)
    line = ApplicationBudgetLine(application=application, **values)
    money_names = ("amount", "forbund_amount", *COFINANCING_FIELDS)
    if not any(name in errors for name in money_names):
        message = budget_line_message(line)
        if message:
            add(errors, "amount", message)
    return line, errors


@transaction.atomic
def budget_line_save(
    *,
    actor: User,
    application_id: int,
    expected_version: int,
    fields: BudgetLineFields,
    line_id: int | None = None,
) -> ApplicationBudgetLine:
    """Add a budget line (``line_id`` None) or replace one."""
    application = writable_application(actor, application_id)
    line, errors = budget_line_errors(application, fields)
    raise_if(errors)
    if line_id is not None:
        if not application.budget_lines.filter(pk=line_id).exists():
            raise Http404
        line.pk = line_id
    touch_application(application, expected_version)
    line.save()
    verb = "ändrad" if line_id else "tillagd"
    audit_applicant_step(actor, application, AuditAction.UPDATE, f"Budgetrad {verb} ({line.year})")
    return line


@transaction.atomic
def budget_line_delete(
    *, actor: User, application_id: int, expected_version: int, line_id: int
) -> None:
    application = writable_application(actor, application_id)
    line = application.budget_lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    touch_application(application, expected_version)
    label = _("Budgetrad %(year)s, %(category)s %(description)s: %(amount)s kr") % {
        "year": line.year,
        "category": line.get_category_display(),
        "description": line.description,
        "amount": line.amount,
    }
    remember_application_part(
        actor=actor, application=application, instance=line, kind="budget_line", label=label
    )
    line.delete()
    audit_applicant_step(
        actor, application, AuditAction.UPDATE, f"Budgetrad borttagen ({line.year})"
    )


# --- planned participants per year ---------------------------------------------------------


@transaction.atomic
def year_set(
    *, actor: User, application_id: int, expected_version: int, year: int, participants: int
) -> ApplicationYear | None:
    """Set the planned participants of a year; 0 removes the year."""
    application = writable_application(actor, application_id)
    errors: Errors = {}
    if not 2000 <= year <= 2100:
        add(errors, "year", _("Ange ett år mellan 2000 och 2100."))
    if not 0 <= participants <= MAX_PARTICIPANTS:
        add(errors, "planned_participants", _("Ange ett antal mellan 0 och 100 000."))
    raise_if(errors)
    touch_application(application, expected_version)
    audit_applicant_step(actor, application, AuditAction.UPDATE, f"Planerat antal deltagare {year}")
    if participants == 0:
        ApplicationYear.objects.filter(application=application, year=year).delete()
        return None
    row, _created = ApplicationYear.objects.update_or_create(
        application=application, year=year, defaults={"planned_participants": participants}
    )
    return row


# --- goals ---------------------------------------------------------------------------------


def goal_errors(fields: GoalFields) -> Errors:
    """The same rules as an intervention's goal (interventions/services/goals.py), since a
    granted application's goals become the intervention's."""
    errors: Errors = {}
    metric = goal_metric_get(fields.metric_id)
    if metric is None or metric.id == TRAINED_PEOPLE:
        add(errors, "metric_id", _("Välj ett av måtten i listan."))
    if fields.comparison not in GoalComparison.values:
        add(errors, "comparison", _("Välj minst, högst eller mellan."))
    if fields.gender not in GoalGender.values:
        add(errors, "gender", _("Välj alla, kvinnor eller män."))
    elif metric is not None and not metric.gender_split and fields.gender != GoalGender.TOTAL:
        add(errors, "gender", _("Måttet räknas inte per kön: välj Alla."))
    between = fields.comparison == GoalComparison.BETWEEN
    for name in ("target", "target_max") if between else ("target",):
        value = getattr(fields, name)
        if value is None or not value.is_finite() or not 0 <= value <= MAX_TARGET:
            add(errors, name, _("Ange ett målvärde som inte är negativt eller orimligt stort."))
        elif metric is not None and metric.kind is Kind.SHARE and value > 100:
            add(errors, name, _("En andel anges i procent och kan vara högst 100."))
    low, high = fields.target, fields.target_max
    if between and not errors and high is not None and high < low:
        add(errors, "target_max", _("Det högsta målvärdet kan inte vara lägre än det lägsta."))
    if len(fields.label) > 200:
        add(errors, "label", _("Beskrivningen får vara högst 200 tecken."))
    return errors


@transaction.atomic
def goal_add(
    *, actor: User, application_id: int, expected_version: int, fields: GoalFields
) -> ApplicationGoal:
    application = writable_application(actor, application_id)
    raise_if(goal_errors(fields))
    touch_application(application, expected_version)
    values = asdict(fields)
    if fields.comparison != GoalComparison.BETWEEN:
        values["target_max"] = None
    goal = ApplicationGoal.objects.create(application=application, **values)
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Mål tillagt")
    return goal


@transaction.atomic
def goal_delete(*, actor: User, application_id: int, expected_version: int, goal_id: int) -> None:
    application = writable_application(actor, application_id)
    goal = application.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    touch_application(application, expected_version)
    label = _("Mål: %(label)s") % {"label": goal.label or goal.metric_id}
    remember_application_part(
        actor=actor, application=application, instance=goal, kind="goal", label=label
    )
    goal.delete()
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Mål borttaget")


# --- signatures ----------------------------------------------------------------------------


@transaction.atomic
def signature_save(
    *, actor: User, application_id: int, expected_version: int, fields: SignatureFields
) -> ApplicationSignature:
    """Record (or replace) the signature of the applicant party or a partner (seed 003:
    every party's authorised decision-maker signs before the förbund treats it)."""
    application = writable_application(actor, application_id)
    errors: Errors = {}
    if fields.party_id not in _application_party_ids(application):
        add(errors, "party", _("Välj insatsägaren eller en samverkanspart."))
    if not fields.signer_name.strip():
        add(errors, "signer_name", _("Ange namnet på den som skriver under."))
    for name in ("signer_name", "signer_title"):
        if len(getattr(fields, name)) > 200:
            add(errors, name, _("Texten får vara högst 200 tecken."))
    if fields.signed_on > datetime.date.today() + datetime.timedelta(days=1):
        add(errors, "signed_on", _("Datumet kan inte ligga i framtiden."))
    raise_if(errors)
    touch_application(application, expected_version)
    signature, _created = ApplicationSignature.objects.update_or_create(
        application=application,
        party=Party.objects.get(pk=fields.party_id),
        defaults={
            "signer_name": fields.signer_name.strip(),
            "signer_title": fields.signer_title.strip(),
            "signed_on": fields.signed_on,
        },
    )
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Underskrift registrerad")
    return signature


@transaction.atomic
def signature_delete(
    *, actor: User, application_id: int, expected_version: int, signature_id: int
) -> None:
    application = writable_application(actor, application_id)
    deleted, _counts = application.signatures.filter(pk=signature_id).delete()
    if not deleted:
        raise ValidationError(_("Underskriften finns inte."), code="missing")
    touch_application(application, expected_version)
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Underskrift borttagen")


# --- the whole budget at once (the API's update of a draft) ---------------------------------


def parts_replace(
    *,
    application: Application,
    budget_lines: list[BudgetLineFields] | None = None,
    years: dict[int, int] | None = None,
    goals: list[GoalFields] | None = None,
) -> None:
    """Replace the budget, the years and the goals of a locked, writable application whose
    version the caller has just bumped; every line's errors are reported as
    ``budget_lines.<n>.<field>`` and nothing is written unless all are right."""
    errors: Errors = {}
    lines = []
    for index, fields in enumerate(budget_lines or []):
        line, line_errors = budget_line_errors(application, fields)
        lines.append(line)
        for name, texts in line_errors.items():
            errors[f"budget_lines.{index}.{name}"] = texts
    for index, goal in enumerate(goals or []):
        for name, texts in goal_errors(goal).items():
            errors[f"goals.{index}.{name}"] = texts
    for year, count in (years or {}).items():
        if not 2000 <= year <= 2100 or not 0 <= count <= MAX_PARTICIPANTS:
            add(errors, "years", _("Ange år 2000–2100 och ett antal mellan 0 och 100 000."))
    raise_if(errors)
    if budget_lines is not None:
        application.budget_lines.all().delete()
        ApplicationBudgetLine.objects.bulk_create(lines)
    if years is not None:
        application.years.all().delete()
        ApplicationYear.objects.bulk_create(
            ApplicationYear(application=application, year=year, planned_participants=count)
            for year, count in years.items()
            if count
        )
    if goals is not None:
        application.goals.all().delete()
        ApplicationGoal.objects.bulk_create(
            ApplicationGoal(application=application, **asdict(goal)) for goal in goals
        )
