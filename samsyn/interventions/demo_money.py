"""Demo money for Exempeldalen's interventions, every krona with its funder (issue #12).

Each journey intervention has its own believable budget per year (IPS: two job coaches;
Steg för steg: two step coaches and a half-time coordinator with bought services;
Förmåga i fokus: two occupational therapists, psychologist assessments and interpreters, as
in seed 004). Its money is split by funder as seed 004 does:

- the owner party's own financing, 150 000 kr a year: the premises in kind
  (egenfinansiering i natura) and the rest in money (egenfinansiering i pengar), taken from
  the last salary line;
- two places sold to Karlstad at 64 000 kr (sålda platser, 128 000 kr), also from that line
  (one place in a year the intervention runs for less than six months);
- the rest is the förbund's money.

Financing rows follow from the budget lines per funder, an annual plan of 25 participants,
and actual costs per month, category and funder for every month up to the current one.

Idempotent: every row is looked up by its natural key and only created when missing, so a
second run changes nothing and what someone changed while trying the demo survives. The
import-trial intervention is left empty on purpose (see samsyn/interventions/demo.py).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import (
    INVENTORY_SLUG,
    IPS_SLUG,
    JOURNEY_INTERVENTIONS,
    SEED_ACTOR,
    STEP_SLUG,
)
from samsyn.core.models import Forbund, Party
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
F = FundingSource
# Per intervention: (category, description, yearly amount, full-time share in percent); the
# last salary line is the one own money and sold places pay part of.
Budget = tuple[tuple[str, str, int, int | None], ...]
BUDGETS: dict[str, Budget] = {
    IPS_SLUG: (
        (C.SALARIES, "Jobbcoach 1", 550_000, 100),
        (C.SALARIES, "Jobbcoach 2", 550_000, 100),
        (C.PREMISES, "Del av lokal i Älvby", 96_000, None),
        (C.EVALUATION, "Extern utvärdering", 40_000, None),
        (C.DISSEMINATION, "Två spridningsseminarier", 20_000, None),
        (C.STAFF_TRAINING, "IPS-utbildning och handledning", 30_000, None),
        (C.PARTICIPANT_ACTIVITIES, "Studiebesök och gruppaktiviteter", 45_000, None),
        (C.PHONE_IT, "Telefoner och datorer", 24_000, None),
        (C.TRAVEL, "Resor till arbetsgivare", 18_000, None),
    ),
    STEP_SLUG: (
        (C.SALARIES, "Projektsamordnare", 290_000, 50),
        (C.SALARIES, "Stegcoach 1", 520_000, 100),
        (C.SALARIES, "Stegcoach 2", 520_000, 100),
        (C.PREMISES, "Lokal i Älvby centrum", 84_000, None),
        (C.PURCHASED_SERVICES, "Köpta behovsidentifierade insatser", 90_000, None),
        (C.PARTICIPANT_ACTIVITIES, "Gruppaktiviteter", 36_000, None),
        (C.PHONE_IT, "Telefoner och datorer", 21_000, None),
        (C.TRAVEL, "Resor", 24_000, None),
        (C.EVALUATION, "Följeforskning", 35_000, None),
    ),
    INVENTORY_SLUG: (
        (C.SALARIES, "Arbetsterapeut 1", 540_000, 100),
        (C.SALARIES, "Arbetsterapeut 2", 540_000, 100),
        (C.PREMISES, "Lokal för observation i aktivitet", 72_000, None),
        (C.PURCHASED_SERVICES, "Psykologutredningar", 180_000, None),
        (C.INTERPRETER, "Tolk", 30_000, None),
        (C.PHONE_IT, "Telefoner och datorer", 18_000, None),
        (C.TRAVEL, "Resor", 12_000, None),
    ),
}
OWN_FINANCING = Decimal(150_000)
SOLD_PLACES, PLACE_PRICE, BUYER = 2, Decimal(64_000), "1780"  # Karlstad buys two places
PLANNED_PARTICIPANTS = 25
# Months are not all alike: travel, activities and training vary around the budget.
VARIATION = (Decimal("0.8"), Decimal("1.1"), Decimal("1.25"), Decimal("0.9"), Decimal("1.0"))
STEADY = (C.SALARIES, C.PREMISES, C.PHONE_IT)


@dataclass(frozen=True)
class Line:
    """One demo budget line of a year: who pays it and how much."""

    category: str
    description: str
    amount: Decimal
    fte: Decimal | None
    funder: str
    party: Party | None = None


def _share(part: Decimal, whole: Decimal, fte: int | None) -> Decimal | None:
    return (
        None
        if fte is None or not whole
        else (Decimal(fte) * part / whole).quantize(Decimal("0.01"))
    )


def funded_lines(budget: Budget, owner: Party, months: int) -> tuple[list[Line], int]:
    """The year's lines split by funder (see the module docstring) and the places sold."""
    scale = Decimal(months) / 12
    lines: list[Line] = []
    sold_places = SOLD_PLACES if months >= 6 else 1
    sold = sold_places * PLACE_PRICE
    own = (OWN_FINANCING * scale).quantize(Decimal("1"))
    last_salary = max(i for i, row in enumerate(budget) if row[0] == C.SALARIES)
    for index, (category, description, yearly, fte) in enumerate(budget):
        amount = (Decimal(yearly) * scale).quantize(Decimal("1"))
        if category == C.PREMISES:
            lines.append(
                Line(category, f"{description} (i natura)", amount, None, F.IN_KIND, owner)
            )
            own -= amount
        elif index == last_salary:
            continue  # split below, once the in-kind share is known
        else:
            lines.append(
                Line(category, description, amount, Decimal(fte) if fte else None, F.FORBUND)
            )
    category, description, yearly, fte = budget[last_salary]
    whole = (Decimal(yearly) * scale).quantize(Decimal("1"))
    own = max(own, Decimal(0))
    forbund = whole - own - sold
    lines += [
        Line(category, description, forbund, _share(forbund, whole, fte), F.FORBUND),
        Line(
            category,
            f"{description}, egenfinansiering",
            own,
            _share(own, whole, fte),
            F.PARTY,
            owner,
        ),
        Line(
            category, f"{description}, sålda platser", sold, _share(sold, whole, fte), F.SOLD_PLACES
        ),
    ]
    return [line for line in lines if line.amount > 0], sold_places


def _year_months(intervention: Intervention, year: int) -> tuple[datetime.date, datetime.date]:
    first = max(datetime.date(year, 1, 1), intervention.start_date)
    last = min(datetime.date(year, 12, 31), intervention.end_date or datetime.date(year, 12, 31))
    return first, last


def _seed_year(intervention: Intervention, year: int, created: Counter[str]) -> None:
    first, last = _year_months(intervention, year)
    # A year the intervention only partly runs gets the budget of its months.
    lines, places = funded_lines(
        BUDGETS[intervention.slug], intervention.owner_party, last.month - first.month + 1
    )
    for line in lines:
        _, new = BudgetLine.objects.get_or_create(
            intervention=intervention,
            year=year,
            category=line.category,
            description=line.description,
            funder=line.funder,
            defaults={
                "amount": line.amount,
                "fte_percent": line.fte,
                "period_from": first if line.fte else None,
                "period_to": last if line.fte else None,
                "funder_party": line.party,
            },
        )
        created["budget_lines"] += new
    _seed_financing(intervention, year, lines, places, created)
    _, new = AnnualPlan.objects.get_or_create(
        intervention=intervention,
        year=year,
        defaults={"planned_participants": PLANNED_PARTICIPANTS},
    )
    created["annual_plans"] += new


def _seed_financing(
    intervention: Intervention, year: int, lines: list[Line], places: int, created: Counter[str]
) -> None:
    """One financing row per funder, adding up to the year's budget lines of that funder."""
    by_funder: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        by_funder[line.funder] += line.amount
    descriptions: dict[str, str] = {
        F.PARTY: "Egenfinansiering i pengar",
        F.IN_KIND: "Egenfinansiering i form av lokaler",
    }
    for funder, amount in by_funder.items():
        lookup: dict[str, object] = {"source": funder}
        defaults: dict[str, object] = {
            "amount": amount,
            "description": descriptions.get(funder, ""),
        }
        if funder in descriptions:
            lookup["party"] = intervention.owner_party
        if funder == F.SOLD_PLACES:
            lookup["municipality_code"] = BUYER
            defaults.update(places=places, price_per_place=PLACE_PRICE)
        _, new = Financing.objects.get_or_create(
            intervention=intervention, year=year, **lookup, defaults=defaults
        )
        created["financing"] += new


def _monthly(category: str, amount: Decimal, month: datetime.date, offset: int) -> Decimal:
    share = amount / 12
    if category in STEADY:
        return share.quantize(Decimal("1"))
    return (share * VARIATION[(month.month + offset) % len(VARIATION)]).quantize(Decimal("1"))


def _seed_costs(
    intervention: Intervention, offset: int, today: datetime.date, created: Counter[str]
) -> None:
    """An outcome per month, category and funder from the start up to the current month, at
    the rate of a full year's budget lines."""
    end = min(today, intervention.end_date or today)
    existing = set(
        ActualCost.objects.filter(intervention=intervention).values_list(
            "month", "category", "funder", "funder_party_id"
        )
    )
    lines, _places = funded_lines(BUDGETS[intervention.slug], intervention.owner_party, 12)
    rates: dict[tuple[str, str, Party | None], Decimal] = defaultdict(Decimal)
    for line in lines:
        rates[(line.category, line.funder, line.party)] += line.amount
    new: list[ActualCost] = []
    month = intervention.start_date.replace(day=1)
    while month <= end:
        for (category, funder, party), amount in rates.items():
            if (month, category, funder, party.pk if party else None) not in existing:
                new.append(
                    ActualCost(
                        intervention=intervention,
                        month=month,
                        category=category,
                        amount=_monthly(category, amount, month, offset),
                        funder=funder,
                        funder_party=party,
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
        # Each intervention's months vary on their own rhythm.
        _seed_costs(intervention, JOURNEY_INTERVENTIONS.index(intervention.slug), today, created)
        if sum(created.values()) > before:
            audit_record(
                actor=None,
                actor_username=SEED_ACTOR,
                action=AuditAction.CREATE,
                intervention=intervention,
                detail=f"Demodata: ekonomi ({sum(created.values()) - before} rader)",
            )
    return created
