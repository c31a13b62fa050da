"""Synthetic data for the page benchmarks: one coach's caseload inside a large database.

``build_caseload_world`` makes a förbund with an intervention in which one coach holds
``caseload`` identified people (encrypted names, an action plan with sub-goals, activities,
notes, follow-up dates) and colleagues hold ``colleagues`` more; then ``other_forbund``
further förbund, each with an intervention of ``registrations_each`` anonymous registrations
(``grow_registrations``), so that a page that grows with the whole database shows it.
Everything is fictional and deterministic by ``seed``.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from bench.synthetic import grow_registrations
from samsyn.core.models import Forbund, Membership, Party, PartyKind, User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import _PASSWORD_HASH
from samsyn.interventions.models import ActivityType, Intervention, Phase
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    JournalNote,
    Person,
    PostExitFollowUp,
    Registration,
    SubGoal,
)
from samsyn.participants.services.codes import assign_codes

FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Ali", "Fatima", "Nils"]
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson"]


@dataclass
class CaseloadWorld:
    forbund: Forbund
    intervention: Intervention
    coach: User
    lead: User
    # The coach's registrations, in creation order.
    registration_ids: list[int]


def _user(username: str) -> User:
    return User.objects.create(
        username=username, first_name=username.capitalize(), password=_PASSWORD_HASH
    )


def _forbund(index: int) -> tuple[Forbund, Intervention]:
    forbund = Forbund.objects.create(name=f"Benchförbundet {index}", slug=f"benchforbund-{index}")
    party = Party.objects.create(
        forbund=forbund,
        kind=PartyKind.KOMMUN,
        name=f"Benchkommun {index}",
        organisationsnummer="212000-1876",
    )
    intervention = Intervention.objects.create(
        forbund=forbund,
        owner_party=party,
        name=f"Benchinsats {index}",
        slug=f"benchinsats-{index}",
        status="pagaende",
        start_date=datetime.date(2025, 1, 1),
    )
    return forbund, intervention


def _identified_people(forbund: Forbund, count: int, rng: random.Random) -> list[Person]:
    people = [
        Person(
            forbund=forbund,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            gender=rng.choice(["kvinna", "man"]),
            birth_year=rng.randint(1962, 2006),
            home_municipality_code=rng.choice(["1780", "1783", "1715", "1737"]),
        )
        for _ in range(count)
    ]
    assign_codes(people)
    return Person.objects.bulk_create(people, batch_size=1000)


def _registrations(
    intervention: Intervention,
    people: list[Person],
    coach: User,
    phases: list[Phase],
    rng: random.Random,
) -> list[Registration]:
    today = datetime.date.today()
    return Registration.objects.bulk_create(
        [
            Registration(
                intervention=intervention,
                person=person,
                coach=coach,
                start_date=today - datetime.timedelta(days=rng.randrange(10, 500)),
                current_phase=rng.choice(phases),
                next_follow_up_due=today + datetime.timedelta(days=rng.randrange(-30, 60)),
                education_level="gymnasial",
                occupation_before="ingen",
            )
            for person in people
        ],
        batch_size=1000,
    )


def _journeys(
    registrations: list[Registration], coach: User, forbund: Forbund, rng: random.Random
) -> None:
    """Plans with sub-goals, activities, notes and a few post-exit follow-ups."""
    today = datetime.date.today()
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(registration=registration, overall_goal="arbete", description="Plan")
        for registration in registrations
    )
    SubGoal.objects.bulk_create(
        SubGoal(
            plan=plan,
            description=f"Delmål {n}",
            target_date=today + datetime.timedelta(days=rng.randrange(-60, 120)),
        )
        for plan in plans
        for n in range(3)
    )
    kinds = [
        ActivityType.objects.create(forbund=forbund, name=name)
        for name in ("Samtal", "Praktik", "Studiebesök")
    ]
    Activity.objects.bulk_create(
        (
            Activity(
                registration=registration,
                activity_type=rng.choice(kinds),
                held_on=today - datetime.timedelta(days=rng.randrange(0, 300)),
                hours=2,
                note="Anteckning om aktiviteten",
                recorded_by=coach,
            )
            for registration in registrations
            for _ in range(20)
        ),
        batch_size=2000,
    )
    JournalNote.objects.bulk_create(
        (
            JournalNote(registration=registration, author=coach, text="Journalanteckning")
            for registration in registrations
            for _ in range(10)
        ),
        batch_size=2000,
    )
    PostExitFollowUp.objects.bulk_create(
        PostExitFollowUp(
            registration=registration,
            months_after=6,
            due_on=today - datetime.timedelta(days=rng.randrange(0, 20)),
        )
        for registration in registrations[::10]
    )


def grow_other_forbund(*, count: int, registrations_each: int, seed: int = 1) -> None:
    """Add ``count`` förbund, each with one intervention of ``registrations_each`` anonymous
    registrations: the rest of a national database, which no page of the coach shows."""
    start = Forbund.objects.count()
    for index in range(start, start + count):
        _, intervention = _forbund(index)
        grow_registrations(intervention, rows=registrations_each, seed=seed + index)


def build_caseload_world(
    *,
    caseload: int = 200,
    colleagues: int = 2000,
    other_forbund: int = 40,
    registrations_each: int = 3000,
    seed: int = 1,
) -> CaseloadWorld:
    rng = random.Random(seed)
    forbund, intervention = _forbund(0)
    phases = [
        Phase.objects.create(intervention=intervention, name=name, order=order)
        for order, name in enumerate(["Kartläggning", "Aktivitet", "Prövning", "Avslut"], 1)
    ]
    coach, colleague, lead = _user("benchcoach"), _user("benchkollega"), _user("benchledare")
    for user, role in ((coach, Role.COACH), (colleague, Role.COACH), (lead, Role.INSATSANSVARIG)):
        membership = Membership.objects.create(user=user, forbund=forbund, role=role)
        membership.interventions.set([intervention])
    own = _registrations(
        intervention, _identified_people(forbund, caseload, rng), coach, phases, rng
    )
    others = _registrations(
        intervention, _identified_people(forbund, colleagues, rng), colleague, phases, rng
    )
    _journeys(own + others, coach, forbund, rng)
    grow_other_forbund(count=other_forbund, registrations_each=registrations_each, seed=seed)
    return CaseloadWorld(
        forbund=forbund,
        intervention=intervention,
        coach=coach,
        lead=lead,
        registration_ids=[registration.pk for registration in own],
    )
