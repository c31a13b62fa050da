"""The fictional Samordningsförbundet Exempeldalen, loaded by ``manage.py seed_demo``.

Everything here is invented except the organisationsnummer of Försäkringskassan and
Arbetsförmedlingen, which are public. The data is plain constants first and the function
that loads them last, so a reader can see the whole demo world at a glance.

Seeding is idempotent: every record is looked up by its natural key (förbund slug, party
name, team name, intervention slug, username, ...) and only created when missing. Records
that exist are left as they are, so what someone changed while trying the demo survives the
next ``make run``, with one exception: demo users get their README password, their
demo-account flag and their active status back, so the README logins always work.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services import audit_record
from samsyn.core.models import (
    Forbund,
    Membership,
    Party,
    PartyKind,
    Team,
    TeamKind,
    TeamMember,
    User,
)
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, InterventionStatus, Orientation

# Who the audit log names as the author of demo records.
SEED_ACTOR = "seed_demo"
EMAIL_DOMAIN = "exempeldalen.example"


@dataclass(frozen=True)
class PartySpec:
    key: str
    kind: PartyKind
    name: str
    organisationsnummer: str
    municipality_code: str = ""


@dataclass(frozen=True)
class InterventionSpec:
    slug: str
    name: str
    owner: str  # PartySpec.key
    start_date: datetime.date
    end_date: datetime.date | None = None


@dataclass(frozen=True)
class DemoUserSpec:
    username: str
    role: Role
    first_name: str
    last_name: str
    password: str
    party: str | None = None  # PartySpec.key
    interventions: tuple[str, ...] = ()  # InterventionSpec.slug; empty means all

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class MemberSpec:
    """A team seat: a demo user (``user``) or a named person without a log-in."""

    party: str  # PartySpec.key
    function: str
    user: str | None = None  # DemoUserSpec.username
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class TeamSpec:
    name: str
    kind: TeamKind
    description: str
    meeting_interval_weeks: int | None
    members: tuple[MemberSpec, ...]


FORBUND_NAME = "Samordningsförbundet Exempeldalen"
FORBUND_SLUG = "exempeldalen"
# Förbund are kommunalförbund (222000-…). The kommun and region numbers below are taken from
# the top of their ranges, far above any real body's number we know of; all pass the Luhn
# check digit so they behave like real ones in validation.
FORBUND_ORGANISATIONSNUMMER = "222000-9902"

# Kommunkoder: SCB codes start with the län (01–25), so the invented län "99" can never be
# mistaken for, or collide with, a real kommun in statistics that group by kommunkod.
PARTIES: tuple[PartySpec, ...] = (
    PartySpec("fk", PartyKind.FORSAKRINGSKASSAN, "Försäkringskassan", "202100-5521"),
    PartySpec("af", PartyKind.ARBETSFORMEDLINGEN, "Arbetsförmedlingen", "202100-2114"),
    PartySpec("alvby", PartyKind.KOMMUN, "Älvby kommun", "212000-9903", "9901"),
    PartySpec("granberga", PartyKind.KOMMUN, "Granberga kommun", "212000-9911", "9902"),
    PartySpec("sjotorp", PartyKind.KOMMUN, "Sjötorps kommun", "212000-9929", "9903"),
    PartySpec("region", PartyKind.REGION, "Region Exempeldalen", "232100-9900"),
)

INTERVENTIONS: tuple[InterventionSpec, ...] = (
    InterventionSpec(
        "exempeldalen-ips",
        "IPS Exempeldalen – individuellt stöd till arbete",
        owner="region",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    ),
    InterventionSpec(
        "exempeldalen-steg-for-steg",
        "Steg för steg – stegförflyttning mot arbete och studier",
        owner="alvby",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2027, 2, 28),
    ),
    InterventionSpec(
        "exempeldalen-resursinventering",
        "Resursinventering i Exempeldalen",
        owner="granberga",
        start_date=datetime.date(2025, 8, 18),
    ),
)

# The passwords are printed in README.md; keep the two in step (a test checks it).
DEMO_USERS: tuple[DemoUserSpec, ...] = (
    DemoUserSpec("admin", Role.FORBUNDSADMIN, "Anna", "Lindqvist", "Samsyn-demo-admin-2026"),
    DemoUserSpec(
        "insatsansvarig",
        Role.INSATSANSVARIG,
        "Björn",
        "Sandberg",
        "Samsyn-demo-insatsansvarig-2026",
        party="region",
        interventions=("exempeldalen-ips",),
    ),
    DemoUserSpec(
        "coach",
        Role.COACH,
        "Cecilia",
        "Holm",
        "Samsyn-demo-coach-2026",
        party="alvby",
        interventions=("exempeldalen-ips", "exempeldalen-steg-for-steg"),
    ),
    DemoUserSpec(
        "handlaggare",
        Role.HANDLAGGARE,
        "David",
        "Ek",
        "Samsyn-demo-handlaggare-2026",
        party="fk",
    ),
    DemoUserSpec("styrgrupp", Role.STYRGRUPP, "Eva", "Norberg", "Samsyn-demo-styrgrupp-2026"),
    DemoUserSpec("granskare", Role.GRANSKARE, "Fredrik", "Strand", "Samsyn-demo-granskare-2026"),
)


def _person(party: str, function: str, name: str, mailbox: str, phone_suffix: int) -> MemberSpec:
    """A team member without a log-in. Phone numbers come from the series PTS reserves for
    fiction (070-174 06 05 – 070-174 06 99), so nobody real is ever called."""
    return MemberSpec(
        party=party,
        function=function,
        name=name,
        email=f"{mailbox}@{party}.{EMAIL_DOMAIN}",
        phone=f"070-174 06 {phone_suffix:02d}",
    )


def _samverkansteam(kommun: str, label: str, first_phone: int, people: tuple[str, ...]) -> TeamSpec:
    social, fk_person, af_person = people
    return TeamSpec(
        name=f"Samverkansteam {label}",
        kind=TeamKind.SAMVERKANSTEAM,
        description=f"Parternas handläggare i {label} träffas och tar upp personer som behöver "
        "samordnat stöd.",
        meeting_interval_weeks=2,
        members=(
            _person(kommun, "Socialsekreterare", social, "socialtjanst", first_phone),
            _person("fk", "Handläggare", fk_person, f"samverkan.{kommun}", first_phone + 1),
            _person("af", "Arbetsförmedlare", af_person, f"samverkan.{kommun}", first_phone + 2),
        ),
    )


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(
        name="Trisam-team Exempeldalen",
        kind=TeamKind.TRISAM,
        description="Försäkringskassan, Arbetsförmedlingen och regionen gör gemensam "
        "kartläggning av personer som står långt från arbetsmarknaden.",
        meeting_interval_weeks=4,
        members=(
            MemberSpec("fk", "Handläggare", user="handlaggare"),
            _person("af", "Arbetsförmedlare", "Karin Berg", "karin.berg", 5),
            _person("region", "Arbetsterapeut", "Lars Nyström", "lars.nystrom", 6),
        ),
    ),
    _samverkansteam("alvby", "Älvby", 10, ("Maria Öberg", "Nils Åkesson", "Olivia Sund")),
    _samverkansteam("granberga", "Granberga", 20, ("Per Hedlund", "Rut Falk", "Sara Lund")),
    _samverkansteam("sjotorp", "Sjötorp", 30, ("Tomas Wik", "Ulla Dahl", "Viktor Lönn")),
    TeamSpec(
        name="Operativ arbetsgrupp",
        kind=TeamKind.OPERATIV_ARBETSGRUPP,
        description="Enhetschefer från parterna som löser hinder i samverkan och bereder "
        "frågor till styrgruppen.",
        meeting_interval_weeks=6,
        members=(
            _person("fk", "Enhetschef", "Åsa Ringdahl", "asa.ringdahl", 40),
            _person("af", "Sektionschef", "Bengt Ivarsson", "bengt.ivarsson", 41),
            _person("alvby", "Enhetschef försörjningsstöd", "Carina Moberg", "carina.moberg", 42),
            _person("region", "Enhetschef rehabilitering", "Dan Engström", "dan.engstrom", 43),
        ),
    ),
    TeamSpec(
        name="IPS-team Exempeldalen",
        kind=TeamKind.IPS_TEAM,
        description="IPS-coacher och regionens psykiatri som arbetar med insatsen "
        "IPS Exempeldalen.",
        meeting_interval_weeks=1,
        members=(
            MemberSpec("region", "Insatsansvarig", user="insatsansvarig"),
            MemberSpec("alvby", "IPS-coach", user="coach"),
            _person("granberga", "IPS-coach", "Elin Sjöberg", "elin.sjoberg", 50),
            _person("region", "Psykiatrisjuksköterska", "Fatima Hassan", "fatima.hassan", 51),
        ),
    ),
    TeamSpec(
        name="Styrgrupp Exempeldalen",
        kind=TeamKind.STYRGRUPP,
        description="Parternas chefer som följer förbundets insatser och beslutar om inriktning.",
        meeting_interval_weeks=8,
        members=(
            MemberSpec("region", "Ordförande", user="styrgrupp"),
            _person("fk", "Områdeschef", "Gunnar Lilja", "gunnar.lilja", 60),
            _person("af", "Områdeschef", "Hanna Kvist", "hanna.kvist", 61),
            _person("alvby", "Socialchef", "Ingrid Malm", "ingrid.malm", 62),
        ),
    ),
    TeamSpec(
        name="LOKUS Exempeldalen",
        kind=TeamKind.LOKUS,
        description="Lokal samverkansgrupp för Försäkringskassan och Arbetsförmedlingen.",
        meeting_interval_weeks=12,
        members=(
            _person("fk", "Samverkansansvarig", "Jonas Blom", "jonas.blom", 70),
            _person("af", "Samverkansansvarig", "Klara Ström", "klara.strom", 71),
        ),
    ),
)


class DemoSeedConflict(Exception):
    """A real (non-demo) account holds a demo user name; seeding stops and changes nothing."""


@dataclass
class SeedSummary:
    """What a run found and what it had to create or reset, per kind of record."""

    total: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)
    passwords_reset: list[str] = field(default_factory=list)

    def count(self, kind: str, *, created: bool) -> None:
        self.total[kind] += 1
        if created:
            self.created[kind] += 1

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.created.values()) or self.passwords_reset)


ModelT = TypeVar("ModelT", bound=models.Model)


def _ensure(
    model: type[ModelT],
    summary: SeedSummary,
    kind: str,
    *,
    lookup: dict[str, Any],
    defaults: dict[str, Any],
    forbund: Forbund | None,
) -> tuple[ModelT, bool]:
    """Find ``model`` by its natural key or create it, validated and audited."""
    instance = model._default_manager.filter(**lookup).first()
    created = instance is None
    if instance is None:
        instance = model(**lookup, **defaults)
        instance.full_clean()
        instance.save()
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund or (instance if isinstance(instance, Forbund) else None),
            intervention=instance if isinstance(instance, Intervention) else None,
            obj=instance,
            detail=f"Demodata: {instance}",
        )
    summary.count(kind, created=created)
    return instance, created


def _seed_parties(forbund: Forbund, summary: SeedSummary) -> dict[str, Party]:
    return {
        spec.key: _ensure(
            Party,
            summary,
            "parties",
            lookup={"forbund": forbund, "name": spec.name},
            defaults={
                "kind": spec.kind,
                "organisationsnummer": spec.organisationsnummer,
                "municipality_code": spec.municipality_code,
            },
            forbund=forbund,
        )[0]
        for spec in PARTIES
    }


def _seed_interventions(
    forbund: Forbund, parties: dict[str, Party], summary: SeedSummary
) -> dict[str, Intervention]:
    return {
        spec.slug: _ensure(
            Intervention,
            summary,
            "interventions",
            lookup={"slug": spec.slug},
            defaults={
                "forbund": forbund,
                "name": spec.name,
                "owner_party": parties[spec.owner],
                "status": InterventionStatus.PAGAENDE,
                "orientation": Orientation.INDIVIDINRIKTAD,
                "start_date": spec.start_date,
                "end_date": spec.end_date,
            },
            forbund=forbund,
        )[0]
        for spec in INTERVENTIONS
    }


def _seed_user(spec: DemoUserSpec, forbund: Forbund, summary: SeedSummary) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is not None and not user.is_demo_account:
        # Never take over a real account that happens to share a demo user name.
        raise DemoSeedConflict(
            _("Användaren %(username)s finns redan och är inget demokonto; den lämnas orörd.")
            % {"username": spec.username}
        )
    if user is None:
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            is_demo_account=True,
        )
        user.set_password(spec.password)
        user.full_clean()
        user.save()
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund,
            obj=user,
            detail=f"Demokonto: {spec.username}",
        )
        summary.count("users", created=True)
        return user
    summary.count("users", created=False)
    if not user.is_active or not user.check_password(spec.password):
        # check_password is read-only unless the hash needs upgrading; reset what the README
        # promises and nothing else, and only when it differs.
        user.is_active = True
        user.set_password(spec.password)
        user.save(update_fields=["is_active", "password"])
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.UPDATE,
            forbund=forbund,
            obj=user,
            detail=f"Demokonto återställt: {spec.username}",
        )
        summary.passwords_reset.append(spec.username)
    return user


def _seed_membership(
    spec: DemoUserSpec,
    user: User,
    forbund: Forbund,
    parties: dict[str, Party],
    interventions: dict[str, Intervention],
    summary: SeedSummary,
) -> None:
    party = parties[spec.party] if spec.party else None
    membership, created = _ensure(
        Membership,
        summary,
        "memberships",
        lookup={"user": user, "forbund": forbund, "role": spec.role, "party": party},
        defaults={},
        forbund=forbund,
    )
    if created:
        membership.interventions.set([interventions[slug] for slug in spec.interventions])
    elif not membership.is_active:
        # The README promises every role; a deactivated demo role comes back.
        Membership.objects.filter(pk=membership.pk).update(
            is_active=True, version=models.F("version") + 1
        )


def _seed_teams(
    forbund: Forbund, parties: dict[str, Party], users: dict[str, User], summary: SeedSummary
) -> None:
    for spec in TEAMS:
        team, _created = _ensure(
            Team,
            summary,
            "teams",
            lookup={"forbund": forbund, "name": spec.name},
            defaults={
                "kind": spec.kind,
                "description": spec.description,
                "meeting_interval_weeks": spec.meeting_interval_weeks,
            },
            forbund=forbund,
        )
        for member in spec.members:
            # A seat is known by its user, or (names being encrypted) by party and function.
            lookup: dict[str, Any] = {"team": team}
            if member.user:
                lookup["user"] = users[member.user]
            else:
                lookup.update(user=None, party=parties[member.party], function=member.function)
            defaults: dict[str, Any] = {
                "party": parties[member.party],
                "function": member.function,
                "name": member.name,
                "email": member.email,
                "phone": member.phone,
            }
            for key in lookup:
                defaults.pop(key, None)
            _ensure(
                TeamMember,
                summary,
                "team_members",
                lookup=lookup,
                defaults=defaults,
                forbund=forbund,
            )


@transaction.atomic
def seed_demo() -> SeedSummary:
    """Create whatever of Exempeldalen is missing; a second run changes nothing."""
    summary = SeedSummary()
    forbund, _created = _ensure(
        Forbund,
        summary,
        "forbund",
        lookup={"slug": FORBUND_SLUG},
        defaults={"name": FORBUND_NAME, "organisationsnummer": FORBUND_ORGANISATIONSNUMMER},
        forbund=None,
    )
    parties = _seed_parties(forbund, summary)
    interventions = _seed_interventions(forbund, parties, summary)
    users: dict[str, User] = {}
    for spec in DEMO_USERS:
        users[spec.username] = _seed_user(spec, forbund, summary)
        _seed_membership(spec, users[spec.username], forbund, parties, interventions, summary)
    _seed_teams(forbund, parties, users, summary)
    return summary
