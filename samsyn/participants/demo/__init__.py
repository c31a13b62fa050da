"""Demo participants for ``manage.py seed_demo``: thirty fictional people per demo
intervention, at every stage of the journey, entered through the participant services.

Idempotent per intervention: the people of a story carry a fixed pseudonymous code
(``D-DEMO`` + the intervention's letter + the story's number, see ``cast.Story.key``). When
any of them exists, the intervention's demo participants were seeded and nothing is added,
so a second run creates nothing and what someone changed while trying the demo stays.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from samsyn.core.demo_data import SeedSummary
from samsyn.core.models import Party, Team, User
from samsyn.interventions.models import ActivityType, Intervention
from samsyn.participants.demo import lss
from samsyn.participants.demo.cast import Kind, stories_for
from samsyn.participants.demo.intake import intake
from samsyn.participants.demo.journey import tell
from samsyn.participants.demo.world import DemoWorld
from samsyn.participants.models import Person

# The demo interventions by slug: what kind of story they tell, and their code letter.
KINDS = {
    "exempeldalen-ips": (Kind.IPS, "I"),
    "exempeldalen-steg-for-steg": (Kind.STEPS, "S"),
    "exempeldalen-resursinventering": (Kind.INVENTORY, "R"),
}
DEMO_CODE_PREFIX = "D-DEMO"


def _world(
    intervention: Intervention,
    *,
    index: int,
    today: datetime.date,
    parties: dict[str, Party],
    users: dict[str, User],
) -> DemoWorld:
    kind, letter = KINDS[intervention.slug]
    forbund_id = intervention.forbund_id
    return DemoWorld(
        today=today,
        intervention=intervention,
        kind=kind,
        kind_index=index,
        letter=letter,
        parties=parties,
        users=users,
        teams={team.name: team for team in Team.objects.filter(forbund_id=forbund_id)},
        phases=list(intervention.phases.order_by("order")),
        ladder=list(intervention.ladder_steps.order_by("order")),
        indicators=list(intervention.indicators.order_by("order", "name", "id")),
        activity_types={
            activity_type.name: activity_type
            for activity_type in ActivityType.objects.filter(forbund_id=forbund_id)
        },
    )


def demo_code_prefix(intervention: Intervention) -> str:
    return DEMO_CODE_PREFIX + KINDS[intervention.slug][1]


def seed_demo_journeys(
    *,
    parties: dict[str, Party],
    interventions: dict[str, Intervention],
    users: dict[str, User],
    summary: SeedSummary,
) -> None:
    """Referrals, registrations and journeys for each demo intervention not seeded yet."""
    # One reference day for the whole run: every date of the demo is counted back from it.
    today = timezone.localdate()
    for index, intervention in enumerate(interventions.values()):
        world = _world(intervention, index=index, today=today, parties=parties, users=users)
        stories = stories_for(world.kind)
        seeded = Person.objects.filter(
            forbund_id=intervention.forbund_id,
            pseudonym__startswith=demo_code_prefix(intervention),
        ).exists()
        for story in stories:
            summary.count("participants", created=not seeded)
            if seeded:
                continue
            registration = intake(world, story)
            if registration is not None:
                tell(world, story, registration)
                lss.after_journey(world, story, registration)
