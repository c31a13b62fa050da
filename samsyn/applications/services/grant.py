"""A granted application becomes the intervention (a new one) or changes it (a change or a
continuation), in the decision's transaction. Nothing is typed twice: the application's
name, parties, period, methods, target group, budget, financing, yearly plan and goals become
the intervention's, and the decided maximum per year its ``Grant``s.

Where the interventions app has a service for a row (intervention, budget line, financing,
annual plan, goal) it is used, so validation and the audit log are the same as for rows
entered by hand. A row the application cannot satisfy (a budget year outside the period, a
goal on an unknown metric) refuses the whole decision with that Swedish message.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from samsyn.applications.models import (
    Application,
    ApplicationKind,
    ChangeKind,
    Decision,
)
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import (
    Financing,
    FundingSource,
    Grant,
    Intervention,
    InterventionStatus,
)
from samsyn.interventions.services import (
    InterventionFields,
    intervention_create,
    intervention_update,
)
from samsyn.interventions.services.goals import GoalFields, goal_create
from samsyn.interventions.services.money import (
    BudgetLineFields,
    FinancingFields,
    annual_plan_set,
    budget_line_create,
    financing_create,
)

# Application budget column -> the funder of the intervention's budget line.
FUNDER_COLUMNS = (
    ("forbund_amount", FundingSource.FORBUND),
    ("own_money_amount", FundingSource.PARTY),
    ("in_kind_amount", FundingSource.IN_KIND),
    ("sold_places_amount", FundingSource.SOLD_PLACES),
    ("other_amount", FundingSource.OTHER),
)
# Funders that are a party's own money or work.
PARTY_FUNDERS = (FundingSource.PARTY, FundingSource.IN_KIND)
RESERVED_SLUGS = frozenset({"ny", "administration"})


def decision_reference(decision: Decision) -> str:
    """The decision in words, stored in Swedish: "Styrelsen 2026-03-12 § 14"."""
    with override("sv"):
        body = {
            "au": "Arbetsutskottet",
            "styrelse": "Styrelsen",
            "delegation": "Förbundschefen på delegation",
        }[decision.body]
    return f"{body} {decision.decided_on:%Y-%m-%d} § {decision.paragraph}"


def _free_slug(name: str) -> str:
    base = slugify(name)[:50].strip("-") or "insats"
    if base.isdigit() or base in RESERVED_SLUGS:
        base = f"insats-{base}"
    slug, number = base, 1
    while Intervention.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _audit(actor: User, intervention: Intervention, obj: Any, detail: str) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        forbund=intervention.forbund,
        intervention=intervention,
        role=Role.FORBUNDSADMIN.value,
        obj=obj,
        detail=detail[:255],
    )


def _intervention_create(actor: User, application: Application) -> Intervention:
    if application.planned_start is None:
        raise ValidationError(
            {"outcome": [_("Ansökan saknar planerat startdatum och kan inte bli en insats.")]}
        )
    intervention = intervention_create(
        actor=actor,
        forbund=application.forbund,
        orientation=application.orientation,
        fields=InterventionFields(
            name=application.name,
            slug=_free_slug(application.name),
            owner_party=application.applicant_party,
            partner_parties=list(application.partner_parties.all()),
            start_date=application.planned_start,
            end_date=application.planned_end,
            last_intake_date=application.last_intake_date,
            status=InterventionStatus.BEVILJAD,
            methods=list(application.methods or []),
        ),
    )
    if application.target_group:
        _target_group_set(actor, intervention, application.target_group)
    return intervention


def _target_group_set(actor: User, intervention: Intervention, text: str) -> None:
    intervention.target_group = text
    save_versioned(intervention, expected_version=intervention.version, fields=["target_group"])
    _audit(actor, intervention, intervention, "Målgrupp från beviljad ansökan")


def _fields_of(intervention: Intervention, **changes: Any) -> InterventionFields:
    """The intervention's current editable fields with ``changes``."""
    names = [f.name for f in dataclass_fields(InterventionFields) if f.name != "partner_parties"]
    values = {name: getattr(intervention, name) for name in names}
    values["partner_parties"] = list(intervention.partner_parties.all())
    values.update(changes)
    return InterventionFields(**values)


def _end_date_set(actor: User, intervention: Intervention, end: datetime.date) -> str:
    old = intervention.end_date
    intervention_update(
        actor=actor,
        intervention=intervention,
        expected_version=intervention.version,
        fields=_fields_of(intervention, end_date=end),
    )
    return f"slutdatum {old or '–'} → {end}"


def _budget_create(actor: User, application: Application, intervention: Intervention) -> None:
    """Each application line becomes one budget line per funder column that is not zero."""
    for line in application.budget_lines.all():
        for column, funder in FUNDER_COLUMNS:
            amount = getattr(line, column)
            if not amount:
                continue
            party = line.cofinancing_party or application.applicant_party
            budget_line_create(
                actor=actor,
                intervention=intervention,
                fields=BudgetLineFields(
                    year=line.year,
                    category=line.category,
                    amount=amount,
                    description=line.description,
                    fte_percent=line.fte_percent,
                    period_from=line.period_from,
                    period_to=line.period_to,
                    funder=funder,
                    funder_party=party if funder in PARTY_FUNDERS else None,
                ),
            )


def _financing_rows(application: Application) -> dict[tuple[int, str, int | None], Decimal]:
    """The application's money per year, funder and party, summed in SQL."""
    sums = (
        application.budget_lines.order_by()
        .values("year", "cofinancing_party_id")
        .annotate(**{column: Sum(column) for column, _funder in FUNDER_COLUMNS})
    )
    rows: dict[tuple[int, str, int | None], Decimal] = defaultdict(Decimal)
    for row in sums:
        values: dict[str, Any] = dict(row)
        party_id = values["cofinancing_party_id"] or application.applicant_party_id
        for column, funder in FUNDER_COLUMNS:
            if values[column]:
                key_party = party_id if funder in PARTY_FUNDERS else None
                rows[(values["year"], funder, key_party)] += values[column]
    return rows


def _financing_create(actor: User, application: Application, intervention: Intervention) -> None:
    parties = {party.pk: party for party in application.forbund.parties.all()}
    for (year, funder, party_id), amount in sorted(
        _financing_rows(application).items(), key=lambda item: (item[0][0], item[0][1])
    ):
        description = f"Från ansökan {application.pk}"
        if funder == FundingSource.SOLD_PLACES:
            # The financing service asks for the buying municipality and the price per place,
            # which an application does not know yet: the amount is recorded as sold places.
            row = Financing.objects.create(
                intervention=intervention,
                year=year,
                source=funder,
                amount=amount,
                description=description,
            )
            _audit(actor, intervention, row, f"Finansiering {year} {funder}: {amount} kr")
            continue
        financing_create(
            actor=actor,
            intervention=intervention,
            fields=FinancingFields(
                year=year,
                source=funder,
                amount=amount,
                party=parties.get(party_id) if party_id else None,
                description=description,
            ),
        )


def _plans_and_goals(
    actor: User, application: Application, intervention: Intervention, *, goals: bool
) -> None:
    for year in application.years.all():
        annual_plan_set(
            actor=actor,
            intervention=intervention,
            year=year.year,
            planned_participants=year.planned_participants,
            expected_version=None,
        )
    if not goals:
        return
    for goal in application.goals.all():
        goal_create(
            actor=actor,
            intervention=intervention,
            fields=GoalFields(
                metric_id=goal.metric_id,
                comparison=goal.comparison,
                target=goal.target,
                target_max=goal.target_max,
                gender=goal.gender,
                label=goal.label,
            ),
        )


def _grants_write(actor: User, decision: Decision, intervention: Intervention) -> list[str]:
    """Each decided year raises (or creates) the year's Grant by the granted amount."""
    reference = decision_reference(decision)
    changes = []
    for year in decision.years.all():
        grant = Grant.objects.select_for_update().filter(intervention=intervention, year=year.year)
        existing = grant.first()
        if existing is None:
            row = Grant.objects.create(
                intervention=intervention,
                year=year.year,
                amount=year.granted_amount,
                decided_on=decision.decided_on,
                reference=reference,
            )
            changes.append(f"beviljat {year.year}: {row.amount} kr")
        else:
            old = existing.amount
            existing.amount = old + year.granted_amount
            existing.decided_on = decision.decided_on
            existing.reference = f"{existing.reference}; {reference}"[:200]
            save_versioned(
                existing,
                expected_version=existing.version,
                fields=["amount", "decided_on", "reference"],
            )
            row = existing
            changes.append(f"beviljat {year.year}: {old} → {existing.amount} kr")
        _audit(
            actor, intervention, row, f"Beviljade medel {year.year}: {row.amount} kr ({reference})"
        )
    return changes


def _period_changes(
    actor: User, application: Application, decision: Decision, intervention: Intervention
) -> list[str]:
    """A longer period moves the end date; a continuation covers the years it grants."""
    kinds = set(application.change_kinds or [])
    changes = []
    end = intervention.end_date
    if ChangeKind.PERIOD in kinds and application.planned_end:
        end = max(end, application.planned_end) if end else application.planned_end
    if application.kind == ApplicationKind.CONTINUATION and end is not None:
        last_year = max((year.year for year in decision.years.all()), default=end.year)
        end = max(end, datetime.date(last_year, 12, 31))
    if end != intervention.end_date and end is not None:
        changes.append(_end_date_set(actor, intervention, end))
    return changes


def grant_apply(*, actor: User, decision: Decision) -> Intervention:
    """Make the granted application's intervention, or change it. Runs inside the
    decision's transaction (``decision_record``), which has checked the actor."""
    application = decision.application
    if application.kind == ApplicationKind.NEW:
        intervention = _intervention_create(actor, application)
        changes = ["ny insats från ansökan"]
    else:
        assert application.intervention is not None  # a database constraint
        intervention = application.intervention
        changes = _period_changes(actor, application, decision, intervention)
        intervention.refresh_from_db()
        if ChangeKind.TARGET_GROUP in (application.change_kinds or []):
            _target_group_set(actor, intervention, application.target_group)
            changes.append("målgrupp ändrad")
    _budget_create(actor, application, intervention)
    _financing_create(actor, application, intervention)
    _plans_and_goals(
        actor, application, intervention, goals=application.kind == ApplicationKind.NEW
    )
    changes += _grants_write(actor, decision, intervention)
    _audit(
        actor,
        intervention,
        decision,
        f"Beslut {decision_reference(decision)} om ansökan {application.pk}: " + "; ".join(changes),
    )
    return intervention
