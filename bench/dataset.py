"""The bench's data: one PostgreSQL database per size, created, migrated and filled once.

Each size has its own database (``<prefix>_<size>``, prefix ``samsyn_bench`` unless
``BENCH_DB_PREFIX`` says otherwise). A marker table records the arguments it was built
with; a database whose marker matches is reused, so the national set is generated once.
The data comes from ``manage.py generate_synthetic``; while that command does not exist,
a development fallback grows one intervention with ``bench.synthetic.grow_registrations``
(said in the output and in results.json).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.db.models import Count, Q

from bench.databases import SEED, Size
from samsyn.core.models import Forbund, Membership, PartyKind, User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Registration

MARKER_TABLE = "bench_marker"


def _marker() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (args text NOT NULL)")
        cursor.execute(f"SELECT args FROM {MARKER_TABLE}")  # noqa: S608  # a constant
        row = cursor.fetchone()
    return None if row is None else str(row[0])


def _set_marker(args: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608  # a constant
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (args) VALUES (%s)", [args])  # noqa: S608


def generator_available() -> bool:
    return "generate_synthetic" in get_commands()


def build(size: Size) -> list[str]:
    """Migrate and fill the connected database for ``size`` unless its marker says it is
    already built with these arguments. Returns notes for the output."""
    call_command("migrate", verbosity=0, interactive=False)
    source = "generate_synthetic" if generator_available() else "fallback"
    args = json.dumps({**size.args(), "source": source}, sort_keys=True)
    notes: list[str] = []
    if source == "fallback":
        notes.append(
            f"{size.label}: manage.py generate_synthetic is missing; the development fallback "
            "(bench.synthetic.grow_registrations, one intervention, no activities) built the data"
        )
    if _marker() == args:
        return notes
    if Registration.objects.exists():
        raise SystemExit(
            f"{connection.settings_dict['NAME']} holds other data (built with other arguments): "
            "drop it or choose another BENCH_DB_PREFIX"
        )
    if source == "generate_synthetic":
        call_command("generate_synthetic", **size.args(), stdout=StringIO())
    else:
        _fallback(size)
    _set_marker(args)
    return notes


def _fallback(size: Size) -> None:
    """Development only: one förbund, one intervention and ``size.registrations`` people, a
    coach holding about 200 of the ongoing registrations."""
    from bench.synthetic import grow_registrations
    from samsyn.core.tests.factories import InterventionFactory, PartyFactory

    forbund = Forbund.objects.create(name="Samordningsförbundet Benchdalen", slug="benchdalen")
    kommun = PartyFactory(forbund=forbund, kind=PartyKind.KOMMUN, name="Benchby kommun")
    intervention = InterventionFactory(
        forbund=forbund, owner_party=kommun, name="Benchinsatsen", slug="benchinsatsen"
    )
    chunk = 20_000
    for index, start in enumerate(range(0, size.registrations, chunk)):
        grow_registrations(intervention, rows=min(chunk, size.registrations - start), seed=index)
    coach = _user("bench-fallback-coach", forbund, Role.COACH, [intervention])
    ongoing = Registration.objects.filter(intervention=intervention, end_date__isnull=True)
    ids = list(ongoing.order_by("id").values_list("id", flat=True)[:200])
    Registration.objects.filter(id__in=ids).update(coach=coach)


@dataclass(frozen=True)
class Subjects:
    """What the bench measures in one database, and as whom."""

    intervention: Intervention
    forbund: Forbund
    coach: User
    registration: Registration
    lead: User
    admin: User
    registrations_in_intervention: int
    caseload: int


def _user(username: str, forbund: Forbund, role: Role, interventions: list[Intervention]) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "last_name": str(role.label)}
    )
    membership, _created = Membership.objects.get_or_create(user=user, forbund=forbund, role=role)
    if interventions:
        membership.interventions.add(*interventions)
    return user


@transaction.atomic
def subjects() -> Subjects:
    """The intervention with most registrations, its förbund, the coach with the largest
    caseload of ongoing registrations there, one of that coach's participants; and bench
    users: the intervention's insatsansvarig and an administratör of every förbund."""
    intervention = (
        Intervention.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()
    )
    if intervention is None:
        raise SystemExit("The bench database has no intervention")
    ongoing = Q(caseload__end_date__isnull=True, caseload__intervention=intervention)
    coach = (
        User.objects.annotate(n=Count("caseload", filter=ongoing))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    if coach is None:
        raise SystemExit("No coach holds an ongoing registration of the largest intervention")
    coaching = Membership.objects.filter(
        user=coach, forbund=intervention.forbund, role=Role.COACH, is_active=True
    )
    if not coaching.filter(interventions=intervention).exists():
        # The fallback's coach, or a generator that left the membership out.
        _user(coach.username, intervention.forbund, Role.COACH, [intervention])
    caseload = Registration.objects.filter(coach=coach, end_date__isnull=True)
    chosen = random.Random(SEED).choice(list(caseload.order_by("pk").values_list("pk", flat=True)))
    lead = _user("bench-insatsansvarig", intervention.forbund, Role.INSATSANSVARIG, [intervention])
    admin = _user("bench-admin", intervention.forbund, Role.FORBUNDSADMIN, [])
    for forbund in Forbund.objects.exclude(pk=intervention.forbund_id):
        Membership.objects.get_or_create(user=admin, forbund=forbund, role=Role.FORBUNDSADMIN)
    return Subjects(
        intervention=intervention,
        forbund=intervention.forbund,
        coach=coach,
        registration=Registration.objects.get(pk=chosen),
        lead=lead,
        admin=admin,
        registrations_in_intervention=intervention.registrations.count(),
        caseload=caseload.count(),
    )
