"""Hand-counted data for the förbund report tests (period Q1 2026 = 2026-01-01 – 2026-03-31).

Testinsatsen (the world's intervention, "A"), per registration, what it counts as in Q1:

    kvinna 2026-01-01 –             active, started (first day)
    kvinna 2025-12-31 – 2026-01-01  active, ended (first day), work, step forward
    kvinna 2025-06-01 – 2025-12-31  nothing (ended the day before)
    kvinna 2026-03-31 – (anonymous) active, started (last day), anonymously started
    kvinna 2026-04-01 –             nothing (started the day after)
    man    2026-01-10 – 2026-03-31  active, started, ended (last day), studies, no step
    man    2026-02-01 – 2026-02-02  felregistrering: nothing
    man    2025-01-01 –             active

    A: active 3/2/5, started 2/1/3, ended 1/1/2, work 1/1/2, step 1/0/1, anonymous 1/0/1

Andra insatsen ("B"):

    man    2026-02-01 – 2026-02-28  active, started, ended (outcome övrigt, step unknown)
    kvinna 2026-03-01 –             active, started

    B: active 1/1/2, started 1/1/2, ended 0/1/1, work 0, step 0, anonymous 0

Money: A budget 2026 100 000 (2025's 5 000 is outside), outcome Jan 20 000 + Mar 5 000
(Apr 7 000 outside) = 25 000, plan 2026 40; B budget 50 000, outcome 10 000, no plan.
Administration 2026: budget 30 000, outcome 6 000. Financing 2026: förbund 120 000 for A,
the kommun's own 10 000 for B.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import (
    ActualCost,
    AdministrationCost,
    AnnualPlan,
    BudgetLine,
    Financing,
    Intervention,
)
from samsyn.participants.models import Registration, RegistrationIncome
from samsyn.participants.models.choices import IncomeMoment
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.stats.periods import Period

D = datetime.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))


def reg(
    intervention: Intervention,
    gender: str,
    start: datetime.date,
    end: datetime.date | None = None,
    *,
    anonymous: bool = False,
    **fields: Any,
) -> Registration:
    person = PersonFactory(
        forbund=intervention.forbund,
        gender=gender,
        is_anonymous=anonymous,
        **({"first_name": "", "last_name": ""} if anonymous else {}),
    )
    if end is not None:
        fields.setdefault("exit_reason", "fullfoljt")
    return RegistrationFactory(
        intervention=intervention, person=person, start_date=start, end_date=end, **fields
    )


def incomes(registration: Registration, before: list[str], after: list[str]) -> None:
    for moment, sources in ((IncomeMoment.BEFORE, before), (IncomeMoment.AFTER, after)):
        for source in sources:
            RegistrationIncome.objects.create(
                registration=registration, moment=moment, source=source
            )


@dataclass
class Scenario:
    a: Intervention
    b: Intervention


def build_scenario(world: Any) -> Scenario:
    a = world.intervention
    a.start_date = D(2025, 1, 1)
    a.save()
    b = InterventionFactory(
        forbund=world.forbund, owner_party=world.kommun, name="Andra insatsen", slug="andra"
    )
    reg(a, "kvinna", D(2026, 1, 1))
    worker = reg(
        a,
        "kvinna",
        D(2025, 12, 31),
        D(2026, 1, 1),
        outcome="arbete",
        step_forward=True,
        occupation_after="arbetar",
    )
    incomes(worker, ["sjukpenning"], ["lon"])
    reg(a, "kvinna", D(2025, 6, 1), D(2025, 12, 31), outcome="arbete")
    reg(a, "kvinna", D(2026, 3, 31), anonymous=True)
    reg(a, "kvinna", D(2026, 4, 1))
    student = reg(
        a,
        "man",
        D(2026, 1, 10),
        D(2026, 3, 31),
        outcome="studier",
        step_forward=False,
        occupation_before="arbetssokande",
        occupation_after="studerar",
    )
    incomes(student, ["sjukpenning", "forsorjningsstod"], ["studiemedel"])
    wrong = reg(a, "man", D(2026, 2, 1), D(2026, 2, 2), exit_reason="felregistrering")
    incomes(wrong, ["sjukpenning"], ["lon"])
    reg(a, "man", D(2025, 1, 1))
    other = reg(b, "man", D(2026, 2, 1), D(2026, 2, 28), outcome="ovrigt", occupation_after="")
    incomes(other, ["a_kassa"], ["a_kassa"])
    reg(b, "kvinna", D(2026, 3, 1))
    # Another förbund's figures never count.
    reg(world.other_intervention, "kvinna", D(2026, 1, 5))
    _money(world, a, b)
    return Scenario(a=a, b=b)


def _money(world: Any, a: Intervention, b: Intervention) -> None:
    BudgetLine.objects.create(intervention=a, year=2026, category="loner", amount=Decimal(100000))
    BudgetLine.objects.create(intervention=a, year=2025, category="lokaler", amount=Decimal(5000))
    BudgetLine.objects.create(intervention=b, year=2026, category="loner", amount=Decimal(50000))
    for intervention, month, amount in (
        (a, D(2026, 1, 1), 20000),
        (a, D(2026, 3, 1), 5000),
        (a, D(2026, 4, 1), 7000),
        (b, D(2026, 2, 1), 10000),
    ):
        ActualCost.objects.create(
            intervention=intervention, month=month, category="loner", amount=Decimal(amount)
        )
    AnnualPlan.objects.create(intervention=a, year=2026, planned_participants=40)
    AnnualPlan.objects.create(intervention=a, year=2025, planned_participants=30)
    AdministrationCost.objects.create(
        forbund=world.forbund, year=2026, budget=Decimal(30000), amount=Decimal(6000)
    )
    AdministrationCost.objects.create(
        forbund=world.other_forbund, year=2026, budget=Decimal(1), amount=Decimal(1)
    )
    Financing.objects.create(intervention=a, year=2026, source="forbund", amount=Decimal(120000))
    Financing.objects.create(
        intervention=b, year=2026, source="part", party=world.kommun, amount=Decimal(10000)
    )
