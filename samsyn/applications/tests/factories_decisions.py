"""Submitted applications for the tests of beredning, decisions, grants, changes and
deviation reports, made directly through the models (the form and submit have their own
tests). Modelled on seed 003: IPS, two years, 650 000 and 400 000 kr from the förbund, plus
some of the applicant's own work in kind."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationGoal,
    ApplicationYear,
    Decision,
    DeviationReport,
)
from samsyn.applications.services.decisions import DecisionFields
from samsyn.conftest import World
from samsyn.core.models import Membership

FIRST_YEAR = 2025


def make_applicant(world: World, name: str = "handlaggare") -> Any:
    """The persona (a handläggare of the kommun) gets the "sökande" right for the kommun."""
    Membership.objects.filter(user=world[name], forbund=world.forbund).update(may_apply=True)
    return world[name]


def make_application(
    world: World,
    *,
    status: str = "inskickad",
    name: str = "IPS i Testdalen",
    forbund_amounts: tuple[int, ...] = (650_000, 400_000),
    in_kind: int = 50_000,
    **overrides: Any,
) -> Application:
    applicant = make_applicant(world)
    years = len(forbund_amounts)
    values: dict[str, Any] = {
        "forbund": world.forbund,
        "status": status,
        "applicant_party": world.kommun,
        "created_by": applicant,
        "submitted_on": datetime.date(2024, 10, 24),
        "name": name,
        "purpose": "Stöd till arbete enligt IPS.",
        "target_group": "Personer med allvarlig psykisk sjukdom.",
        "methods": ["ips"],
        "orientation": "individinriktad",
        "planned_start": datetime.date(FIRST_YEAR, 1, 1),
        "planned_end": datetime.date(FIRST_YEAR + years - 1, 12, 31),
        **overrides,
    }
    application = Application.objects.create(**values)
    application.partner_parties.set([world.region])
    for offset, amount in enumerate(forbund_amounts):
        year = FIRST_YEAR + offset
        ApplicationBudgetLine.objects.create(
            application=application,
            year=year,
            category="loner",
            description="Processledare",
            amount=Decimal(amount) + Decimal(in_kind),
            forbund_amount=Decimal(amount),
            in_kind_amount=Decimal(in_kind),
            cofinancing_party=world.region,
        )
        ApplicationYear.objects.create(application=application, year=year, planned_participants=20)
    ApplicationGoal.objects.create(
        application=application, metric_id="share_women", comparison="at_least", target=50
    )
    return application


def decision_fields(
    application: Application, *, outcome: str = "beviljad", **overrides: Any
) -> DecisionFields:
    """A valid decision granting what the application asked of the förbund."""
    years = {
        line.year: line.forbund_amount
        for line in application.budget_lines.order_by("year")
        if outcome != "avslagen"
    }
    values: dict[str, Any] = {
        "body": "styrelse",
        "decided_on": datetime.date(2025, 3, 12),
        "paragraph": "14",
        "outcome": outcome,
        "conditions": "Villkor." if outcome == "beviljad_villkor" else "",
        "motivation": "Väl förankrad.",
        "years": years,
        **overrides,
    }
    return DecisionFields(**values)


def make_decided(world: World, **overrides: Any) -> Decision:
    """A granted, decided application (through the service, so it has its intervention)."""
    from samsyn.applications.services.decisions import decision_record

    application = make_application(world, status="beredning", **overrides)
    return decision_record(
        actor=world["admin"], application=application, fields=decision_fields(application)
    )


def make_deviation(world: World, intervention: Any = None, **overrides: Any) -> DeviationReport:
    return DeviationReport.objects.create(
        intervention=intervention or world.intervention,
        reported_on=datetime.date(2025, 5, 1),
        title=overrides.pop("title", "Processledaren slutar"),
        description="Rekrytering pågår.",
        reported_by=world["insatsansvarig"],
        **overrides,
    )
