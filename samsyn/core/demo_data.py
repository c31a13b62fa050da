"""The fictional Samordningsförbundet Exempeldalen, loaded by ``manage.py seed_demo``.

Everything here is invented except the organisationsnummer of Försäkringskassan and
Arbetsförmedlingen, which are public. The data is plain constants first and the function
that loads them last, so a reader can see the whole demo world at a glance.

The interventions are modelled on real ones (an IPS intervention, a step-by-step one with
places per municipality, a resource inventory) plus an empty one for trying an import. Their
fictional participants, at every stage of the journey, are seeded by
``samsyn.participants.demo`` through the participant services.

Seeding is idempotent: every record is looked up by its natural key (förbund slug, party
name, team name, intervention slug, username, participant code, ...) and only created when
missing. Records that exist are left as they are, so what someone changed while trying the
demo survives the next ``make run``, with two exceptions: demo users get their README
password, their demo-account flag and their active status back, so the README logins always
work; and a demo seeded by an older version (interventions without methods or structure,
roles without the newer interventions) is completed once.
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
from samsyn.core.demo_teams import EMAIL_DOMAIN, TEAMS
from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import (
    Forbund,
    Membership,
    Party,
    PartyKind,
    Team,
    TeamMember,
    User,
)
from samsyn.core.roles import Role
from samsyn.interventions.models import (
    Capacity,
    Intervention,
    InterventionStatus,
    Method,
    Orientation,
)
from samsyn.interventions.services import default_structure_create

# Who the audit log names as the author of demo records.
SEED_ACTOR = "seed_demo"


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
    partners: tuple[str, ...] = ()  # PartySpec.key
    methods: tuple[Method, ...] = ()
    last_intake_date: datetime.date | None = None
    min_age: int = 18
    max_age: int = 64
    min_parties_current: int = 0
    exclusions: str = ""
    follow_up_interval_weeks: int = 8
    coaches_share_caseload: bool = False
    # Places per municipality: (kommunkod, places). Real codes: Samsyn accepts only those.
    capacities: tuple[tuple[str, int], ...] = ()

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
            "follow_up_interval_weeks": self.follow_up_interval_weeks,
            "coaches_share_caseload": self.coaches_share_caseload,
        }


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

# Modelled on interventions that förbund run: an IPS intervention ("Ett hållbart arbetsliv"),
# a step-by-step one with places per municipality (REBUS) and a resource inventory ("Koll på
# förmåga"). The slugs are the natural keys; the names are the demo's own.
IPS_SLUG = "exempeldalen-ips"
STEP_SLUG = "exempeldalen-steg-for-steg"
INVENTORY_SLUG = "exempeldalen-resursinventering"
IMPORT_TRIAL_SLUG = "importprov"
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
        capacities=STEP_CAPACITIES,
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
JOURNEY_INTERVENTIONS = (IPS_SLUG, STEP_SLUG, INVENTORY_SLUG)

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
        interventions=(IPS_SLUG, STEP_SLUG, INVENTORY_SLUG, IMPORT_TRIAL_SLUG),
    ),
    DemoUserSpec(
        "coach",
        Role.COACH,
        "Cecilia",
        "Holm",
        "Samsyn-demo-coach-2026",
        party="alvby",
        interventions=JOURNEY_INTERVENTIONS,
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

# Colleagues the demo users work with, without a log-in (no usable password): a second
# coach, so the demo coach's caseload is a part of each intervention and not all of it.
DEMO_STAFF_WITHOUT_LOGIN: tuple[DemoUserSpec, ...] = (
    DemoUserSpec(
        "elin.sjoberg",
        Role.COACH,
        "Elin",
        "Sjöberg",
        password="",
        party="granberga",
        interventions=JOURNEY_INTERVENTIONS,
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
    # Records of an older demo completed with what newer versions of the demo have.
    completed: list[str] = field(default_factory=list)

    def count(self, kind: str, *, created: bool) -> None:
        self.total[kind] += 1
        if created:
            self.created[kind] += 1

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.created.values()) or self.passwords_reset or self.completed)


ModelT = TypeVar("ModelT", bound=models.Model)


def _intervention_of(instance: models.Model) -> Intervention | None:
    if isinstance(instance, Intervention):
        return instance
    if isinstance(instance, Capacity):
        return instance.intervention
    return None


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
            intervention=_intervention_of(instance),
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
    interventions = {}
    for spec in INTERVENTIONS:
        values = spec.fields(parties)
        intervention, created = _ensure(
            Intervention,
            summary,
            "interventions",
            lookup={"slug": spec.slug},
            defaults={"forbund": forbund, **values},
            forbund=forbund,
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
        _ensure(
            Capacity,
            summary,
            "capacities",
            lookup={"intervention": intervention, "municipality_code": code},
            defaults={"places": places},
            forbund=forbund,
        )


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


def _seed_staff_without_login(spec: DemoUserSpec, forbund: Forbund, summary: SeedSummary) -> User:
    """A colleague who appears in the demo (as a coach, say) but cannot log in."""
    user = User.objects.filter(username=spec.username).first()
    if user is not None and not user.is_demo_account:
        raise DemoSeedConflict(
            _("Användaren %(username)s finns redan och är inget demokonto; den lämnas orörd.")
            % {"username": spec.username}
        )
    created = user is None
    if user is None:
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            is_demo_account=True,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund,
            obj=user,
            detail=f"Demokollega utan inloggning: {spec.username}",
        )
    summary.count("colleagues", created=created)
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
    wanted = [interventions[slug] for slug in spec.interventions]
    if created:
        membership.interventions.set(wanted)
        return
    limited_to = set(membership.interventions.values_list("pk", flat=True))
    missing = [intervention for intervention in wanted if intervention.pk not in limited_to]
    if limited_to and missing:
        # A role seeded before an intervention existed gets it: the demo journeys need it.
        membership.interventions.add(*missing)
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.UPDATE,
            forbund=forbund,
            obj=membership,
            detail=f"Demoroll utökad: {spec.username}",
        )
        summary.completed.append(spec.username)
    if not membership.is_active:
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
    for spec in DEMO_STAFF_WITHOUT_LOGIN:
        users[spec.username] = _seed_staff_without_login(spec, forbund, summary)
        _seed_membership(spec, users[spec.username], forbund, parties, interventions, summary)
    _seed_teams(forbund, parties, users, summary)
    # The participants' journeys live with the participants app (services, cast).
    from samsyn.participants.demo import seed_demo_journeys

    seed_demo_journeys(
        parties=parties,
        interventions={slug: interventions[slug] for slug in JOURNEY_INTERVENTIONS},
        users=users,
        summary=summary,
    )
    from samsyn.core.demo_followup import seed_follow_up

    for kind, number in seed_follow_up(forbund).items():
        summary.total[kind] += number
        summary.created[kind] += number
    return summary
