"""The fictional Samordningsförbundet Exempeldalen, loaded by ``manage.py seed_demo``: the
constants every app's demo seeding shares.

Everything here is invented except the organisationsnummer of Försäkringskassan and
Arbetsförmedlingen, which are public. The data is plain constants, so a reader can see the
demo world at a glance; its teams are in ``demo_teams.py``.

Each app seeds its own records from these (``samsyn.core.demo``: förbund, parties, users,
roles and teams; ``samsyn.interventions.demo``: the interventions; ``samsyn.participants.demo``:
the participants; the method apps their tools), and ``samsyn.site.demo`` runs the steps in
order. The slugs and user names are the natural keys by which every step finds what an
earlier one seeded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from samsyn.core.demo_teams import EMAIL_DOMAIN
from samsyn.core.models import PartyKind
from samsyn.core.roles import Role

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
class DemoUserSpec:
    username: str
    role: Role
    first_name: str
    last_name: str
    password: str
    party: str | None = None  # PartySpec.key
    interventions: tuple[str, ...] = ()  # intervention slug; empty means all

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

# The demo interventions (seeded by samsyn.interventions.demo), modelled on interventions
# that förbund run: an IPS intervention ("Ett hållbart arbetsliv"), a step-by-step one with
# places per municipality (REBUS) and a resource inventory ("Koll på förmåga"), plus an empty
# one for trying an import. The slugs are the natural keys; the names are the demo's own.
IPS_SLUG = "exempeldalen-ips"
STEP_SLUG = "exempeldalen-steg-for-steg"
INVENTORY_SLUG = "exempeldalen-resursinventering"
IMPORT_TRIAL_SLUG = "importprov"
# The ones with fictional participants (samsyn.participants.demo).
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
