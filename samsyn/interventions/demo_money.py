"""Demo money for Exempeldalen's interventions: a believable budget per year (two full-time
coaches ≈ 1 100 000 kr, premises, evaluation, …), financing (the förbund, the owner party's
own financing and two places sold to another municipality at 64 000 kr), an annual plan of
25 participants and actual costs for every month up to the current one.

Idempotent: every row is looked up by its natural key and only created when missing, so a
second run changes nothing and what someone changed while trying the demo survives. The
import-trial intervention is left empty on purpose (see samsyn/interventions/demo.py).
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import JOURNEY_INTERVENTIONS, SEED_ACTOR
from samsyn.core.models import Forbund
from samsyn.interventions.models import (
    ActualCost,
    AnnualPlan,
    BudgetLine,
    CostCategory,
    Financing,
    FundingSource,
    Intervention,
)
from samsyn.interventions.selectors.finance import intervention_years

C = CostCategory
# (category, description, yearly amount, full-time share in percent)
BUDGET: tuple[tuple[str, str, int, int | None], ...] = (
    (C.SALARIES, "Jobbcoach 1", 550_000, 100),
    (C.SALARIES, "Jobbcoach 2", 550_000, 100),
    (C.PREMISES, "Del av lokal i Älvby", 96_000, None),
    (C.EVALUATION, "Extern utvärdering", 40_000, None),
    (C.DISSEMINATION, "Två spridningsseminarier", 20_000, None),
    (C.STAFF_TRAINING, "IPS-utbildning och handledning", 30_000, None),
    (C.PARTICIPANT_ACTIVITIES, "Studiebesök och gruppaktiviteter", 45_000, None),
    (C.PHONE_IT, "Telefoner och datorer", 24_000, None),
    (C.TRAVEL, "Resor till arbetsgivare", 18_000, None),
)
OWN_FINANCING = Decimal(150_000)
SOLD_PLACES, PLACE_PRICE, BUYER = 2, Decimal(64_000), "1780"  # Karlstad buys two places
PLANNED_PARTICIPANTS = 25
# Months are not all alike: travel, activities and training vary around the budget.
VARIATION = (Decimal("0.8"), Decimal("1.1"), Decimal("1.25"), Decimal("0.9"), Decimal("1.0"))


def _seed_year(intervention: Intervention, year: int, created: Counter[str]) -> None:
    first = max(datetime.date(year, 1, 1), intervention.start_date)
    last = min(datetime.date(year, 12, 31), intervention.end_date or datetime.date(year, 12, 31))
    # A year the intervention only partly runs gets the budget of its months.
    months = Decimal(last.month - first.month + 1)
    budget = [
        (category, description, (Decimal(amount) * months / 12).quantize(Decimal("1")), fte)
        for category, description, amount, fte in BUDGET
    ]
    for category, description, amount, fte in budget:
        _, new = BudgetLine.objects.get_or_create(
            intervention=intervention,
            year=year,
            category=category,
            description=description,
            defaults={
                "amount": amount,
                "fte_percent": Decimal(fte) if fte else None,
                "period_from": first if fte else None,
                "period_to": last if fte else None,
            },
        )
        created["budget_lines"] += new
    sold = SOLD_PLACES * PLACE_PRICE
    rows = (
        (
            {"source": FundingSource.FORBUND},
            {"amount": max(sum(row[2] for row in budget) - OWN_FINANCING - sold, Decimal(0))},
        ),
        (
            {"source": FundingSource.PARTY, "party": intervention.owner_party},
            {"amount": OWN_FINANCING, "description": "Egenfinansiering i form av lokaler"},
        ),
        (
            {"source": FundingSource.SOLD_PLACES, "municipality_code": BUYER},
            {"places": SOLD_PLACES, "price_per_place": PLACE_PRICE, "amount": sold},
        ),
    )
    for lookup, defaults in rows:
        _, new = Financing.objects.get_or_create(
            intervention=intervention, year=year, **lookup, defaults=defaults
        )
        created["financing"] += new
    _, new = AnnualPlan.objects.get_or_create(
        intervention=intervention,
        year=year,
        defaults={"planned_participants": PLANNED_PARTICIPANTS},
    )
    created["annual_plans"] += new


def _monthly(category: str, amount: int, month: datetime.date) -> Decimal:
    share = Decimal(amount) / 12
    if category in (C.SALARIES, C.PREMISES, C.PHONE_IT):
        return share.quantize(Decimal("1"))
    return (share * VARIATION[month.month % len(VARIATION)]).quantize(Decimal("1"))


def _seed_costs(intervention: Intervention, today: datetime.date, created: Counter[str]) -> None:
    """An outcome per month and category from the start up to the current month."""
    end = min(today, intervention.end_date or today)
    existing = set(
        ActualCost.objects.filter(intervention=intervention).values_list("month", "category")
    )
    by_category: dict[str, int] = Counter()
    for category, _description, amount, _fte in BUDGET:
        by_category[category] += amount
    new: list[ActualCost] = []
    month = intervention.start_date.replace(day=1)
    while month <= end:
        for category, amount in by_category.items():
            if (month, category) not in existing:
                value = _monthly(category, amount, month)
                new.append(
                    ActualCost(
                        intervention=intervention, month=month, category=category, amount=value
                    )
                )
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    ActualCost.objects.bulk_create(new)
    created["actual_costs"] += len(new)


@transaction.atomic
def seed_money(forbund: Forbund, today: datetime.date | None = None) -> Counter[str]:
    """Create whatever demo money is missing for the förbund's demo interventions; returns
    the number of rows created per kind (all zero on a second run)."""
    today = today or timezone.localdate()
    created: Counter[str] = Counter()
    interventions = Intervention.objects.filter(
        forbund=forbund, slug__in=JOURNEY_INTERVENTIONS
    ).select_related("owner_party", "forbund")
    for intervention in interventions:
        before = sum(created.values())
        years = [year for year in intervention_years(intervention) if year <= today.year]
        for year in years:
            _seed_year(intervention, year, created)
        _seed_costs(intervention, today, created)
        if sum(created.values()) > before:
            audit_record(
                actor=None,
                actor_username=SEED_ACTOR,
                action=AuditAction.CREATE,
                intervention=intervention,
                detail=f"Demodata: ekonomi ({sum(created.values()) - before} rader)",
            )
    return created
