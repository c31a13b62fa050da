"""The demo's interventions (``manage.py seed_demo``): four interventions of the fictional
Samordningsförbundet Exempeldalen, with their structure and places per municipality.

The interventions are modelled on real ones (an IPS intervention, a step-by-step one with
places per municipality, a resource inventory) plus an empty one for trying an import; their
slugs are in ``samsyn.core.demo_data``. Idempotent like the rest of the demo: an intervention
is found by its slug and only created when missing, and one seeded by an older version of the
demo (without methods or structure) is completed once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo import ensure_seeded
from samsyn.core.demo_data import (
    IMPORT_TRIAL_SLUG,
    INVENTORY_SLUG,
    IPS_SLUG,
    SEED_ACTOR,
    STEP_SLUG,
    SeedSummary,
)
from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import Forbund, Party
from samsyn.interventions.models import (
    AgeBand,
    Capacity,
    Intervention,
    InterventionStatus,
    Method,
    Orientation,
)
from samsyn.interventions.services import default_structure_create


@dataclass(frozen=True)
class InterventionSpec:
    slug: str
    name: str
    owner: str  # PartySpec.key
    start_date: datetime.date
    end_date: datetime.date | None = None
    partners: tuple[str, ...] = ()  # PartySpec.key
    methods: tuple[Method, ...] = ()
    last_intake_date: datetime.date | None = None
    min_age: int = 18
    max_age: int = 64
    min_parties_current: int = 0
    exclusions: str = ""
    requires_income_from_party: bool = False
    follow_up_interval_weeks: int = 8
    coaches_share_caseload: bool = False
    # Places per municipality: (kommunkod, places). Real codes: Samsyn accepts only those.
    capacities: tuple[tuple[str, int], ...] = ()
    # The intervention's own age bands (min, max): the reports show them beside the
    # standard bands (docs/dashboard.md, "Age bands").
    age_bands: tuple[tuple[int, int], ...] = ()
    # Who the intervention is for (its målgrupp), and the ages that says, at referral: the
    # demo's people are of those ages (samsyn/participants/demo/cast.py).
    target_group: str = ""
    target_ages: tuple[int, int] = (18, 64)

    def fields(self, parties: dict[str, Party]) -> dict[str, Any]:
        """The intervention's columns (the issue-3 ones included), as the seed stores them."""
        return {
            "name": self.name,
            "owner_party": parties[self.owner],
            "status": InterventionStatus.PAGAENDE,
            "orientation": Orientation.INDIVIDINRIKTAD,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "methods": [str(method) for method in self.methods],
            "last_intake_date": self.last_intake_date,
            "min_age": self.min_age,
            "max_age": self.max_age,
            "min_parties_current": self.min_parties_current,
            "exclusions": self.exclusions,
            "requires_income_from_party": self.requires_income_from_party,
            "follow_up_interval_weeks": self.follow_up_interval_weeks,
            "coaches_share_caseload": self.coaches_share_caseload,
            "target_group": self.target_group,
        }


# Where the step-by-step intervention's places are: Hagfors, Forshaga and Munkfors, as in
# REBUS. Capacities and home municipalities must be real kommunkoder (Samsyn checks them
# against Sweden's list), unlike the invented 99xx codes of the förbund's member kommuner.
STEP_CAPACITIES = (("1783", 17), ("1763", 17), ("1762", 6))

INTERVENTIONS: tuple[InterventionSpec, ...] = (
    InterventionSpec(
        IPS_SLUG,
        "Hållbar väg till arbete – IPS i Exempeldalen",
        owner="region",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        partners=("fk", "af", "alvby", "granberga", "sjotorp"),
        methods=(Method.IPS,),
        last_intake_date=datetime.date(2027, 6, 30),
        exclusions="Pågående missbruk som hindrar arbete; vård i slutenvård.",
        # Seed 001's target group: "unga vuxna ... avser åldern 20 – 29 år".
        age_bands=((20, 29),),
        target_group=(
            "Unga vuxna 20–29 år med psykisk ohälsa eller funktionsnedsättning som vill ha "
            "ett arbete på den öppna arbetsmarknaden."
        ),
        target_ages=(20, 29),
    ),
    InterventionSpec(
        STEP_SLUG,
        "Steg för steg – stegförflyttning mot arbete och studier",
        owner="alvby",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2027, 2, 28),
        partners=("fk", "af", "granberga", "sjotorp", "region"),
        methods=(Method.MI_STEGFORFLYTTNING, Method.BIP),
        min_parties_current=2,
        exclusions="Personer som redan har en pågående arbetslivsinriktad insats hos en part.",
        # Seed 002 (REBUS): "Deltagare i projektet skall ha sin försörjning hos någon av de
        # anvisande parterna."
        requires_income_from_party=True,
        capacities=STEP_CAPACITIES,
        target_group=(
            "Personer 18–64 år som står långt från arbetsmarknaden och har sin försörjning "
            "hos någon av parterna."
        ),
    ),
    InterventionSpec(
        INVENTORY_SLUG,
        "Förmåga i fokus – resursinventering i Exempeldalen",
        owner="granberga",
        start_date=datetime.date(2025, 8, 18),
        partners=("fk", "af", "region"),
        methods=(Method.RESURSINVENTERING,),
        follow_up_interval_weeks=4,
        coaches_share_caseload=True,
        target_group=(
            "Personer 18–64 år vars arbetsförmåga behöver klargöras innan de kan planera "
            "för arbete eller studier."
        ),
    ),
    # Empty on purpose: for trying an import without touching the other interventions.
    InterventionSpec(
        IMPORT_TRIAL_SLUG,
        "Importprov – tom insats för att prova import",
        owner="region",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        min_age=16,
    ),
)


def seed_interventions(
    forbund: Forbund, parties: dict[str, Party], summary: SeedSummary
) -> dict[str, Intervention]:
    """The demo interventions (by slug), their partners, structure and places."""
    interventions = {}
    for spec in INTERVENTIONS:
        values = spec.fields(parties)
        intervention, created = ensure_seeded(
            Intervention,
            summary,
            "interventions",
            lookup={"slug": spec.slug},
            defaults={"forbund": forbund, **values},
            forbund=forbund,
            intervention_of=lambda intervention: intervention,
        )
        if created:
            intervention.partner_parties.set([parties[key] for key in spec.partners])
        elif not intervention.methods and spec.methods:
            _complete_intervention(intervention, spec, values, parties)
            summary.completed.append(intervention.slug)
        if not intervention.phases.exists() and not intervention.ladder_steps.exists():
            # Phases, ladder, BIP indicators and the förbund's activity types.
            default_structure_create(intervention=intervention)
        _seed_capacities(intervention, spec, forbund, summary)
        _seed_age_bands(intervention, spec, forbund, summary)
        interventions[spec.slug] = intervention
    return interventions


def _complete_intervention(
    intervention: Intervention,
    spec: InterventionSpec,
    values: dict[str, Any],
    parties: dict[str, Party],
) -> None:
    """A demo intervention seeded before it had methods and eligibility gets them, once."""
    kept = {"name", "owner_party", "status", "orientation", "start_date", "end_date"}
    changes = {key: value for key, value in values.items() if key not in kept}
    Intervention.objects.filter(pk=intervention.pk).update(
        **changes, version=models.F("version") + 1
    )
    intervention.refresh_from_db()
    if not intervention.partner_parties.exists():
        intervention.partner_parties.set([parties[key] for key in spec.partners])
    audit_record(
        actor=None,
        actor_username=SEED_ACTOR,
        action=AuditAction.UPDATE,
        forbund=intervention.forbund,
        intervention=intervention,
        obj=intervention,
        detail=f"Demodata kompletterad: {intervention}",
    )


def _seed_capacities(
    intervention: Intervention, spec: InterventionSpec, forbund: Forbund, summary: SeedSummary
) -> None:
    for code, places in spec.capacities:
        assert code in MUNICIPALITIES, code  # the capacity pages accept only real codes
        ensure_seeded(
            Capacity,
            summary,
            "capacities",
            lookup={"intervention": intervention, "municipality_code": code},
            defaults={"places": places},
            forbund=forbund,
            intervention_of=lambda capacity: capacity.intervention,
        )


def _seed_age_bands(
    intervention: Intervention, spec: InterventionSpec, forbund: Forbund, summary: SeedSummary
) -> None:
    for min_age, max_age in spec.age_bands:
        ensure_seeded(
            AgeBand,
            summary,
            "age_bands",
            lookup={"intervention": intervention, "min_age": min_age, "max_age": max_age},
            defaults={},
            forbund=forbund,
            intervention_of=lambda band: band.intervention,
        )
