"""The facts of one synthetic registration, drawn before any row is written: who the person
is, when they started and ended, and how it went."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from samsyn.site.synthetic.interventions import InterventionWorld
from samsyn.site.synthetic.options import (
    ANONYMOUS_SHARE,
    DURATION_DAYS,
    EDUCATION,
    EXIT_REASONS,
    INCOME_BEFORE,
    OCCUPATION_BEFORE,
    OUTCOMES,
    RECOMMENDATIONS,
    WOMEN_SHARE,
    pick,
)

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class Drawn:
    """One registration's drawn facts (ids are filled by the writer's reservations)."""

    person_id: int
    registration_id: int
    gender: str
    birth_year: int
    municipality: str
    anonymous: bool
    start: datetime.date
    end: datetime.date | None
    exit_reason: str
    outcome: str
    recommendation: str
    coach_id: int | None
    referring_party_id: int
    income_before: list[str]
    occupation_before: str
    education: str

    @property
    def counts(self) -> bool:
        """Whether the registration counts in statistics (a felregistrering never does)."""
        return self.exit_reason != "felregistrering"


def pseudonym(rng: random.Random, taken: set[str]) -> str:
    """A participant code as the application makes them, drawn from the seeded generator
    and never one already taken (in the database or in this run)."""
    while True:
        code = "D-" + "".join(rng.choices(_CODE_ALPHABET, k=7))
        if code not in taken:
            taken.add(code)
            return code


def _start(rng: random.Random, world: InterventionWorld, today: datetime.date) -> datetime.date:
    intervention = world.intervention
    last_intake = min(intervention.last_intake_date or today, today)
    span = max((last_intake - intervention.start_date).days, 0)
    return intervention.start_date + datetime.timedelta(days=rng.randint(0, span))


def _end(
    rng: random.Random, world: InterventionWorld, start: datetime.date, today: datetime.date
) -> datetime.date | None:
    """Ended when the drawn duration has passed (or the intervention has ended)."""
    end = start + datetime.timedelta(days=int(rng.triangular(*DURATION_DAYS, 240)))
    closing = world.last_day
    if closing is not None and closing < today:
        end = min(end, closing)
    return end if end < today else None


def draw_registration(
    rng: random.Random,
    world: InterventionWorld,
    *,
    index: int,
    person_id: int,
    registration_id: int,
    today: datetime.date,
) -> Drawn:
    intervention = world.intervention
    start = _start(rng, world, today)
    end = _end(rng, world, start, today)
    age = rng.randint(intervention.min_age, intervention.max_age)
    gender = "kvinna" if rng.random() < WOMEN_SHARE else "man"
    municipality = rng.choice(world.forbund.municipality_codes)
    exit_reason = pick(rng, EXIT_REASONS) if end else ""
    outcome = pick(rng, OUTCOMES) if end and exit_reason != "felregistrering" else ""
    sources = [pick(rng, INCOME_BEFORE)]
    if rng.random() < 0.2:
        sources.append(pick(rng, INCOME_BEFORE))
    return Drawn(
        person_id=person_id,
        registration_id=registration_id,
        gender=gender,
        birth_year=start.year - age,
        municipality=municipality,
        anonymous=rng.random() < ANONYMOUS_SHARE,
        start=start,
        end=end,
        exit_reason=exit_reason,
        outcome=outcome,
        recommendation=(
            pick(rng, RECOMMENDATIONS)
            if end and outcome and intervention.uses_resursinventering
            else ""
        ),
        coach_id=world.coaches[index % len(world.coaches)].pk if world.coaches else None,
        referring_party_id=_referring_party(rng, world, municipality),
        income_before=sorted(set(sources)),
        occupation_before=pick(rng, OCCUPATION_BEFORE),
        education=pick(rng, EDUCATION),
    )


def _referring_party(rng: random.Random, world: InterventionWorld, municipality: str) -> int:
    """Försäkringskassan, Arbetsförmedlingen, the home municipality or the region."""
    kind = pick(
        rng,
        (
            ("forsakringskassan", 0.25),
            ("arbetsformedlingen", 0.25),
            ("kommun", 0.4),
            ("region", 0.1),
        ),
    )
    if kind == "kommun":
        home = [p for p in world.forbund.kommuner if p.municipality_code == municipality]
        return (home or world.forbund.kommuner)[0].pk
    return world.forbund.party_of_kind(kind).pk
