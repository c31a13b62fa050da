"""Shared set-up for the career-profile tests.

``career_for(world)`` makes ``world.intervention`` an IPS intervention and a registration in
it coached by ``coach`` and referred by ``handlaggare`` with a consent covering its party
(samsyn/participants/tests/journey_setup.py). ``other_coach`` is a second coach of the same
intervention: without shared caseloads they see nothing of the participant.
"""

from __future__ import annotations

from samsyn.conftest import World
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.participants.models import Registration
from samsyn.participants.tests.journey_setup import registration_for

WRITERS = ("insatsansvarig", "coach")
READERS = ("handlaggare",)
OUTSIDE = ("admin", "styrgrupp", "granskare", "outsider", "nobody")
ALL_PERSONAS = WRITERS + READERS + OUTSIDE


def make_ips(world: World, methods: tuple[str, ...] = ("ips",)) -> None:
    world.intervention.methods = list(methods)
    world.intervention.save(update_fields=["methods"])


def career_for(world: World, methods: tuple[str, ...] = ("ips",)) -> Registration:
    make_ips(world, methods)
    return registration_for(world)


def other_coach(world: World) -> User:
    user = UserFactory(username="coach2", first_name="Annan")
    MembershipFactory(
        user=user, forbund=world.forbund, role=Role.COACH, interventions=[world.intervention]
    )
    return user


def profile_payload(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "version": None,
        "interests": "Matlagning och musik",
        "interests_in_common": "Att skapa något",
        "interests_in_jobs": "Restaurangkök",
        "in_five_years": "Bor kvar i Karlstad och jobbar deltid",
        "ordinary_day": "Laga lunch\nPromenad\nDisk",
        "life_goals": "Egen lägenhet",
        "wanted_help": "Följ med på första mötet",
        "work_history": "Diskare 2019",
        "education_history": "Gymnasiet",
        "strengths": "Noggrann",
        "disclosure": "Inget om hälsan",
        "preferred_occupations": ["5120", "9412"],
        "preferred_industries": ["I"],
        "preferred_municipalities": ["1780"],
        "preferred_hours_per_week": 20,
    }
    body.update(overrides)
    return body
