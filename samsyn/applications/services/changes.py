"""Change applications (ändring: more money, a longer period, a changed target group) and the
yearly continuation (fortsättning) of a running intervention.

Seed 002: "Styrelse fattar beslut vid förändringar av mål, målgrupp samt budgetramar". They
are started from the intervention page by its insatsansvarig or an applicant of its owner
party (``claimable_interventions``), are submitted at once and go the same path as a new
application: beredning, then the decision (``decisions.decision_record``), which applies the
change to the intervention. An ended intervention cannot be changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationKind,
    ApplicationStatus,
    ApplicationYear,
    ChangeKind,
    DeviationReport,
)
from samsyn.applications.selectors.access import claimable_interventions
from samsyn.applications.services.preparation import APPLICANT_ROLE, audit_application
from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import CostCategory, Intervention, InterventionStatus
from samsyn.interventions.services.money.common import amount_error

MAX_TEXT = 10000


@dataclass(frozen=True)
class ChangeFields:
    kind: str  # ApplicationKind.CHANGE or CONTINUATION
    description: str
    change_kinds: tuple[str, ...] = ()
    # More money / the continuation year: the amount asked of the förbund per year.
    amounts: dict[int, Decimal | None] = field(default_factory=dict)
    category: str = CostCategory.SALARIES
    new_end_date: datetime.date | None = None
    new_target_group: str = ""
    planned_participants: int | None = None


def is_ended(intervention: Intervention) -> bool:
    """Avslutad, or its end date has passed."""
    ended_by_date = (
        intervention.end_date is not None and intervention.end_date < timezone.localdate()
    )
    return intervention.status == InterventionStatus.AVSLUTAD or ended_by_date


def changeable_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """The intervention ``actor`` may apply to change: 404 otherwise."""
    found = claimable_interventions(actor).filter(pk=intervention_id).first()
    if found is None:
        raise Http404
    return found


def _check(intervention: Intervention, fields: ChangeFields) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    kinds = set(fields.change_kinds)
    if fields.kind not in (ApplicationKind.CHANGE, ApplicationKind.CONTINUATION):
        errors["kind"] = [_("Välj ändring eller fortsättning.")]
    if fields.kind == ApplicationKind.CHANGE and not kinds:
        errors["change_kinds"] = [_("Välj vad som ändras.")]
    elif not kinds <= set(ChangeKind.values):
        errors["change_kinds"] = [_("Välj vad som ändras i listan.")]
    if not fields.description.strip():
        errors["description"] = [_("Beskriv ändringen och varför den behövs.")]
    elif len(fields.description) > MAX_TEXT:
        errors["description"] = [_("Texten får vara högst 10 000 tecken.")]
    money = fields.kind == ApplicationKind.CONTINUATION or ChangeKind.MONEY in kinds
    if money:
        _check_amounts(fields, errors)
    if fields.category not in CostCategory.values:
        errors["category"] = [_("Välj ett kostnadsslag i listan.")]
    if ChangeKind.PERIOD in kinds:
        end = fields.new_end_date
        if end is None:
            errors["new_end_date"] = [_("Ange det nya slutdatumet.")]
        elif intervention.end_date is not None and end <= intervention.end_date:
            errors["new_end_date"] = [_("Det nya slutdatumet ska ligga efter det nuvarande.")]
    if ChangeKind.TARGET_GROUP in kinds and not fields.new_target_group.strip():
        errors["new_target_group"] = [_("Beskriv den ändrade målgruppen.")]
    return errors


def _check_amounts(fields: ChangeFields, errors: dict[str, list[str]]) -> None:
    given = {year: amount for year, amount in fields.amounts.items() if amount is not None}
    if not given:
        errors["amounts"] = [_("Ange hur mycket som söks från förbundet och för vilket år.")]
        return
    for year, amount in given.items():
        if message := amount_error(amount):
            errors["amounts"] = [message]
        elif not 2000 <= year <= 2100:
            errors["amounts"] = [_("Ange ett år mellan 2000 och 2100.")]
    if "amounts" not in errors and sum(given.values()) <= 0:
        errors["amounts"] = [_("Ange ett belopp större än 0 kr.")]


@transaction.atomic
def change_application_create(
    *,
    actor: User,
    intervention: Intervention,
    fields: ChangeFields,
    deviation: DeviationReport | None = None,
) -> Application:
    """Create and submit a change or continuation application for ``intervention``."""
    intervention = changeable_intervention(actor=actor, intervention_id=intervention.pk)
    if is_ended(intervention):
        raise ValidationError(
            _(
                "Insatsen är avslutad. En avslutad insats kan inte ändras eller förlängas; "
                "sök medel för en ny insats i stället."
            ),
            code="ended",
        )
    errors = _check(intervention, fields)
    if errors:
        raise ValidationError(errors)
    application = _application_create(actor, intervention, fields)
    if deviation is not None and deviation.intervention_id == intervention.pk:
        deviation.follow_up_application = application
        save_versioned(
            deviation, expected_version=deviation.version, fields=["follow_up_application"]
        )
    audit_application(
        actor=actor,
        role=APPLICANT_ROLE,
        action=AuditAction.CREATE,
        application=application,
        detail=f"Ansökan om {fields.kind} inskickad för insats {intervention.pk}",
    )
    return application


def _application_create(
    actor: User, intervention: Intervention, fields: ChangeFields
) -> Application:
    kinds = [code for code in ChangeKind.values if code in set(fields.change_kinds)]
    prefix = _("Fortsättning") if fields.kind == ApplicationKind.CONTINUATION else _("Ändring")
    application = Application.objects.create(
        forbund=intervention.forbund,
        kind=fields.kind,
        status=ApplicationStatus.SUBMITTED,
        submitted_on=timezone.localdate(),
        intervention=intervention,
        applicant_party=intervention.owner_party,
        created_by=actor,
        name=f"{prefix}: {intervention.name}"[:200],
        purpose=fields.description.strip(),
        change_description=fields.description.strip(),
        change_kinds=kinds,
        target_group=fields.new_target_group.strip() or intervention.target_group,
        orientation=intervention.orientation,
        methods=list(intervention.methods or []),
        planned_start=intervention.start_date,
        planned_end=fields.new_end_date or intervention.end_date,
        last_intake_date=intervention.last_intake_date,
    )
    application.partner_parties.set(intervention.partner_parties.all())
    money = fields.kind == ApplicationKind.CONTINUATION or ChangeKind.MONEY in kinds
    if money:
        ApplicationBudgetLine.objects.bulk_create(
            ApplicationBudgetLine(
                application=application,
                year=year,
                category=fields.category,
                description=str(prefix),
                amount=amount,
                forbund_amount=amount,
            )
            for year, amount in sorted(fields.amounts.items())
            if amount
        )
        if fields.planned_participants is not None:
            ApplicationYear.objects.bulk_create(
                ApplicationYear(
                    application=application,
                    year=year,
                    planned_participants=fields.planned_participants,
                )
                for year, amount in sorted(fields.amounts.items())
                if amount
            )
    return application
