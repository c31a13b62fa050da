"""The interventions of each förbund with their structure, staff, places, goals and money
(small tables: the ORM's ``bulk_create`` and the application's own structure defaults)."""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from samsyn.core.models import Membership, User
from samsyn.core.roles import Role
from samsyn.interventions.models import (
    ActivityType,
    ActualCost,
    AgeBand,
    AnnualPlan,
    BudgetLine,
    Capacity,
    Goal,
    Intervention,
    LadderStep,
    Phase,
    ProgressionIndicator,
)
from samsyn.interventions.models.finance import CostCategory
from samsyn.interventions.models.intervention import follows_ips
from samsyn.interventions.services.interventions import default_structure_create
from samsyn.site.synthetic.options import (
    CASELOAD_IPS,
    CASELOAD_OTHER,
    METHOD_MIXES,
    STRUCTURAL_SHARE,
    TARGET_GROUPS,
    SyntheticOptions,
    pick,
)
from samsyn.site.synthetic.organisation import ForbundWorld, users_create


@dataclass
class InterventionWorld:
    intervention: Intervention
    forbund: ForbundWorld
    registrations: int
    lead: User
    coaches: list[User]
    phase_ids: list[int]
    ladder_ids: list[int]
    indicator_ids: list[int]
    activity_type_ids: list[int]
    employer_contact_type_id: int | None

    @property
    def is_ips(self) -> bool:
        return follows_ips(self.intervention.methods)

    @property
    def last_day(self) -> datetime.date | None:
        """The last day a registration can run to: the intervention's end date."""
        return self.intervention.end_date


def _spread(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights`` into whole numbers that add up exactly."""
    if not weights:
        return []
    scale = total / sum(weights)
    counts = [int(weight * scale) for weight in weights]
    remainder = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: -(weights[i] * scale - counts[i]))
    for index in order[:remainder]:
        counts[index] += 1
    return counts


def interventions_per_forbund(rng: random.Random, options: SyntheticOptions) -> list[int]:
    """At least one each, the rest skewed: a few large förbund run many interventions."""
    extra = max(options.interventions - options.forbund, 0)
    weights = [rng.lognormvariate(0, 0.8) for _ in range(options.forbund)]
    return [1 + count for count in _spread(rng, extra, weights)]


def _methods(rng: random.Random, options: SyntheticOptions, position: int) -> list[str]:
    """The methods of the intervention at ``position`` of the run (empty: structural).

    A run's first interventions take each method mix once, so even a small run has every
    method's records; the rest are drawn. One intervention alone (the bench's) runs IPS
    with BIP, so every method section of its reports has data."""
    if options.interventions == 1:
        return ["ips", "bip"]
    if position < len(METHOD_MIXES):
        return list(METHOD_MIXES[position][0])
    if rng.random() < STRUCTURAL_SHARE:
        return []
    return list(pick(rng, METHOD_MIXES))


def _dates(rng: random.Random, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Start 6 months to 6 years ago; three to four years long; a fifth already ended."""
    start = today - datetime.timedelta(days=rng.randint(180, 6 * 365))
    end = start + datetime.timedelta(days=rng.choice((3, 3, 4)) * 365 - 1)
    return start, end


def _intervention_row(
    rng: random.Random,
    options: SyntheticOptions,
    world: ForbundWorld,
    number: int,
    position: int,
    tag: str,
) -> Intervention:
    methods = _methods(rng, options, position)
    label, min_age, max_age = pick(rng, [(g[:3], g[3]) for g in TARGET_GROUPS])
    start, end = _dates(rng, options.today)
    if options.interventions == 1:
        # The bench's one intervention: three years in, a year to go.
        start = options.today - datetime.timedelta(days=3 * 365)
        end = start + datetime.timedelta(days=4 * 365)
    return Intervention(
        forbund=world.forbund,
        name=f"Insats {number} i {world.forbund.name}"[:200],
        slug=f"{tag}-{world.index}-{number}",
        owner_party=rng.choice(world.parties),
        status="avslutad" if end < options.today else "pagaende",
        orientation="individinriktad" if methods else "strukturovergripande",
        methods=methods,
        start_date=start,
        end_date=end,
        last_intake_date=end - datetime.timedelta(days=90),
        min_age=min_age,
        max_age=max_age,
        target_group=f"Arbetslösa {label} som står långt från arbetsmarknaden.",
    )


def interventions_create(
    rng: random.Random, options: SyntheticOptions, worlds: list[ForbundWorld], tag: str
) -> list[InterventionWorld]:
    counts = interventions_per_forbund(rng, options)
    rows: list[Intervention] = []
    for world, count in zip(worlds, counts, strict=True):
        for number in range(1, count + 1):
            rows.append(_intervention_row(rng, options, world, number, len(rows), tag))
    interventions = Intervention.objects.bulk_create(rows)
    by_forbund = {world.forbund.pk: world for world in worlds}
    individual = [i for i in interventions if i.orientation == "individinriktad"]
    sizes = _spread(rng, options.registrations, [rng.lognormvariate(0, 1.0) for _ in individual])
    size_of = {i.pk: size for i, size in zip(individual, sizes, strict=True)}
    for intervention in interventions:
        default_structure_create(intervention=intervention)
        intervention.partner_parties.set(
            [
                p
                for p in by_forbund[intervention.forbund_id].parties
                if p.pk != intervention.owner_party_id
            ]
        )
    staff = _staff_create(rng, options, interventions, size_of, by_forbund, tag)
    result = _worlds(interventions, size_of, staff, by_forbund)
    _places_goals_money(rng, result, options)
    return result


def _caseload(rng: random.Random, intervention: Intervention, options: SyntheticOptions) -> int:
    if options.interventions == 1:
        # The bench's coach: about 200 people, as the caseload measured in issue #16.
        return CASELOAD_OTHER[1]
    low, high = CASELOAD_IPS if follows_ips(intervention.methods) else CASELOAD_OTHER
    return rng.randint(low, high)


def _staff_create(
    rng: random.Random,
    options: SyntheticOptions,
    interventions: list[Intervention],
    size_of: dict[int, int],
    by_forbund: dict[int, ForbundWorld],
    tag: str,
) -> dict[int, tuple[User, list[User]]]:
    """An insatsansvarig and enough coaches for the caseload, each limited to the
    intervention."""
    names: list[tuple[str, str, str]] = []
    layout: list[tuple[Intervention, int]] = []
    for intervention in interventions:
        size = size_of.get(intervention.pk, 0)
        coaches = math.ceil(size / _caseload(rng, intervention, options)) if size else 0
        layout.append((intervention, coaches))
        names.append((f"{intervention.slug}-ansvarig", "Insatsansvarig", intervention.slug))
        names += [
            (f"{intervention.slug}-coach{n}", "Coach", f"{n} {intervention.slug}")
            for n in range(1, coaches + 1)
        ]
    users = iter(users_create(names))
    staff: dict[int, tuple[User, list[User]]] = {}
    memberships: list[Membership] = []
    for intervention, coaches in layout:
        lead = next(users)
        team = [next(users) for _ in range(coaches)]
        staff[intervention.pk] = (lead, team)
        forbund = by_forbund[intervention.forbund_id].forbund
        memberships.append(Membership(user=lead, forbund=forbund, role=Role.INSATSANSVARIG))
        memberships += [Membership(user=c, forbund=forbund, role=Role.COACH) for c in team]
    memberships = Membership.objects.bulk_create(memberships)
    through = Membership.interventions.through
    links = []
    position = 0
    for intervention, coaches in layout:
        for membership in memberships[position : position + 1 + coaches]:
            links.append(through(membership_id=membership.pk, intervention_id=intervention.pk))
        position += 1 + coaches
    through.objects.bulk_create(links)
    return staff


def _ids_by_intervention(model: type[models.Model], ordering: str) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for intervention_id, pk in model._default_manager.order_by(
        "intervention_id", ordering, "id"
    ).values_list("intervention_id", "id"):
        grouped.setdefault(intervention_id, []).append(pk)
    return grouped


def _worlds(
    interventions: list[Intervention],
    size_of: dict[int, int],
    staff: dict[int, tuple[User, list[User]]],
    by_forbund: dict[int, ForbundWorld],
) -> list[InterventionWorld]:
    phases = _ids_by_intervention(Phase, "order")
    ladders = _ids_by_intervention(LadderStep, "order")
    indicators = _ids_by_intervention(ProgressionIndicator, "order")
    types: dict[tuple[int, str], list[int]] = {}
    contact_type: dict[int, int] = {}
    forbund_ids = list(by_forbund)
    for forbund_id, approach, name, pk in ActivityType.objects.filter(
        forbund_id__in=forbund_ids
    ).values_list("forbund_id", "approach", "name", "id"):
        types.setdefault((forbund_id, approach), []).append(pk)
        if name == "Arbetsgivarkontakt":
            contact_type[forbund_id] = pk
    worlds = []
    for intervention in interventions:
        lead, coaches = staff[intervention.pk]
        approaches = intervention.activity_approaches
        worlds.append(
            InterventionWorld(
                intervention=intervention,
                forbund=by_forbund[intervention.forbund_id],
                registrations=size_of.get(intervention.pk, 0),
                lead=lead,
                coaches=coaches,
                phase_ids=phases.get(intervention.pk, []),
                ladder_ids=ladders.get(intervention.pk, []),
                indicator_ids=indicators.get(intervention.pk, []),
                activity_type_ids=[
                    pk
                    for approach in approaches
                    for pk in types.get((intervention.forbund_id, approach), [])
                ],
                employer_contact_type_id=contact_type.get(intervention.forbund_id),
            )
        )
    return worlds


def _years(world: InterventionWorld, today: datetime.date) -> range:
    end = min(world.intervention.end_date or today, today)
    return range(world.intervention.start_date.year, end.year + 1)


def _places_goals_money(
    rng: random.Random, worlds: list[InterventionWorld], options: SyntheticOptions
) -> None:
    """Places per municipality, the seeds' goals, an age band of the target group, yearly
    plans, a budget per year and monthly actual costs."""
    capacities: list[Capacity] = []
    goals: list[Goal] = []
    bands: list[AgeBand] = []
    money: _Money = ([], [], [])
    for world in worlds:
        intervention = world.intervention
        if not intervention.is_individual:
            continue
        capacities += [
            Capacity(intervention=intervention, municipality_code=code, places=rng.randint(5, 40))
            for code in world.forbund.municipality_codes
        ]
        goals += _goals(rng, world)
        if intervention.max_age <= 29:
            bands.append(AgeBand(intervention=intervention, min_age=20, max_age=29))
        _money(rng, world, options.today, money)
    plans, lines, costs = money
    Capacity.objects.bulk_create(capacities)
    Goal.objects.bulk_create(goals)
    AgeBand.objects.bulk_create(bands)
    AnnualPlan.objects.bulk_create(plans)
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    ActualCost.objects.bulk_create(costs, batch_size=5000)


def _goals(rng: random.Random, world: InterventionWorld) -> list[Goal]:
    """The seeds' goals: participants, 40–60 % women, 30 or 40 % to work or studies, 80 %
    with a step forward."""
    intervention = world.intervention
    return [
        Goal(
            intervention=intervention,
            metric_id="participants_total",
            target=Decimal(world.registrations),
        ),
        Goal(
            intervention=intervention,
            metric_id="share_women",
            comparison="between",
            target=Decimal(40),
            target_max=Decimal(60),
        ),
        Goal(
            intervention=intervention,
            metric_id="share_work_or_studies",
            target=Decimal(rng.choice((30, 40))),
        ),
        Goal(intervention=intervention, metric_id="share_step_forward", target=Decimal(80)),
    ]


_Money = tuple[list[AnnualPlan], list[BudgetLine], list[ActualCost]]


def _money(
    rng: random.Random, world: InterventionWorld, today: datetime.date, money: _Money
) -> None:
    """A yearly plan and budget (salaries by the number of coaches, premises, participant
    activities) and monthly salary costs of 80–110 % of the budget."""
    plans, lines, costs = money
    intervention = world.intervention
    years = list(_years(world, today))
    per_year = max(1, world.registrations // max(len(years), 1))
    salary = Decimal(650_000 * max(1, len(world.coaches)))
    for year in years:
        plans.append(
            AnnualPlan(intervention=intervention, year=year, planned_participants=per_year)
        )
        for category, amount in (
            (CostCategory.SALARIES, salary),
            (CostCategory.PREMISES, Decimal(120_000)),
            (CostCategory.PARTICIPANT_ACTIVITIES, Decimal(2_000 * per_year)),
        ):
            lines.append(
                BudgetLine(intervention=intervention, year=year, category=category, amount=amount)
            )
        for month in range(1, 13):
            day = datetime.date(year, month, 1)
            if day < intervention.start_date.replace(day=1) or day > today:
                continue
            share = Decimal(rng.randint(80, 110)) / 100
            costs.append(
                ActualCost(
                    intervention=intervention,
                    month=day,
                    category=CostCategory.SALARIES,
                    amount=(salary / 12 * share).quantize(Decimal("0.01")),
                )
            )
