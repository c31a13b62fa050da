"""Synthetic data for benchmarks: many rows of the kinds the list pages show.

Everything is fictional and generated in bulk so a benchmark can grow the data by orders of
magnitude in seconds. These growers add bare rows to a test's own world; the whole national
data set with every kind of row (activities, steps, exits, follow-ups, IPS, meetings, surveys)
is made by ``manage.py generate_synthetic`` (samsyn/site/synthetic/, docs/performance.md).
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.models import Forbund, Membership, Party, PartyKind, Team, TeamKind, User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import _PASSWORD_HASH

if TYPE_CHECKING:
    from samsyn.interventions.models import Intervention

_ACTIONS = [AuditAction.VIEW, AuditAction.UPDATE, AuditAction.LOGIN, AuditAction.EXPORT]


def grow_forbund(forbund: Forbund, *, rows: int, seed: int = 1) -> None:
    """Add ``rows`` users (with memberships), parties, teams and audit events to ``forbund``."""
    rng = random.Random(seed)
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(
            username=f"bench{start + i}",
            first_name="Bench",
            last_name=f"Användare {start + i}",
            email=f"bench{start + i}@example.se",
            password=_PASSWORD_HASH,
        )
        for i in range(rows)
    )
    roles = [Role.COACH, Role.INSATSANSVARIG, Role.STYRGRUPP]
    Membership.objects.bulk_create(
        Membership(user=user, forbund=forbund, role=rng.choice(roles)) for user in users
    )
    existing = Party.objects.filter(forbund=forbund).count()
    Party.objects.bulk_create(
        Party(
            forbund=forbund,
            kind=PartyKind.KOMMUN,
            name=f"Benchkommun {existing + i}",
            organisationsnummer="212000-1876",
        )
        for i in range(rows)
    )
    Team.objects.bulk_create(
        Team(forbund=forbund, kind=TeamKind.SAMVERKANSTEAM, name=f"Benchteam {existing + i}")
        for i in range(rows)
    )
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            occurred_at=now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
            actor=users[i % len(users)],
            actor_username=users[i % len(users)].username,
            role=Role.COACH,
            forbund=forbund,
            participant_ref=f"P-{rng.randint(1, 5000)}",
            action=rng.choice(_ACTIONS),
            object_type="core.user",
            object_id=str(users[i % len(users)].pk),
        )
        for i in range(rows * 10)
    )


def grow_registrations(intervention: Intervention, *, rows: int, seed: int = 1) -> None:
    """Add ``rows`` anonymous people with registrations (a third of them ended) to
    ``intervention``, in bulk: the data the report benchmarks count."""
    from samsyn.participants.models import Person, Registration
    from samsyn.participants.services.codes import assign_codes

    rng = random.Random(seed)
    people = [
        Person(
            forbund=intervention.forbund,
            is_anonymous=True,
            gender=rng.choice(["kvinna", "man"]),
            birth_year=rng.randint(1962, 2006),
            home_municipality_code=rng.choice(["1780", "1783", "1715", "1737"]),
        )
        for _ in range(rows)
    ]
    # Random codes clash by chance at this size (about once in 300 000 people): draw them
    # as the application does.
    assign_codes(people)
    Person.objects.bulk_create(people, batch_size=5000)
    registrations = []
    for index, person in enumerate(people):
        start = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(0, 600))
        ended = index % 3 == 0
        registrations.append(
            Registration(
                intervention=intervention,
                person=person,
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randrange(30, 300)) if ended else None,
                exit_reason="fullfoljt" if ended else "",
                outcome=rng.choice(["arbete", "studier", "arbetssokande"]) if ended else "",
                education_level="gymnasial",
                occupation_before="ingen",
            )
        )
    Registration.objects.bulk_create(registrations, batch_size=5000)
