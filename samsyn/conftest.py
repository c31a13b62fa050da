"""Shared test fixtures: named personas, one per role, so permission tests are one line.

    def test_granskare_sees_log(as_persona):
        assert as_persona("granskare").get(url).status_code == 200

Personas live in förbund "Testdalen" except ``outsider``, the förbundsadministratör of
another förbund, and ``nobody``, an account without any role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.core.models import Forbund, Party, PartyKind, User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import (
    ForbundFactory,
    InterventionFactory,
    MembershipFactory,
    PartyFactory,
    UserFactory,
)
from samsyn.interventions.models import Intervention
from samsyn.testing.queries import QueryCount
from samsyn.testing.queries import assert_query_count as exact_query_count

PERSONA_ROLES = {
    "admin": Role.FORBUNDSADMIN,
    "insatsansvarig": Role.INSATSANSVARIG,
    "coach": Role.COACH,
    "handlaggare": Role.HANDLAGGARE,
    "styrgrupp": Role.STYRGRUPP,
    "granskare": Role.GRANSKARE,
}


@dataclass
class World:
    forbund: Forbund
    other_forbund: Forbund
    fk: Party
    af: Party
    kommun: Party
    region: Party
    other_party: Party
    intervention: Intervention
    other_intervention: Intervention
    users: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.users[name]


@pytest.fixture
def world(db: None) -> World:
    forbund = ForbundFactory(name="Samordningsförbundet Testdalen", slug="testdalen")
    other = ForbundFactory(name="Samordningsförbundet Annanstans", slug="annanstans")
    fk = PartyFactory(forbund=forbund, kind=PartyKind.FORSAKRINGSKASSAN, name="Försäkringskassan")
    af = PartyFactory(forbund=forbund, kind=PartyKind.ARBETSFORMEDLINGEN, name="Arbetsförmedlingen")
    kommun = PartyFactory(forbund=forbund, kind=PartyKind.KOMMUN, name="Testby kommun")
    region = PartyFactory(forbund=forbund, kind=PartyKind.REGION, name="Region Test")
    other_party = PartyFactory(forbund=other, kind=PartyKind.KOMMUN, name="Annanby kommun")
    intervention = InterventionFactory(
        forbund=forbund, owner_party=kommun, name="Testinsatsen", slug="testinsatsen"
    )
    other_intervention = InterventionFactory(
        forbund=other, owner_party=other_party, name="Annan insats", slug="annan-insats"
    )
    users: dict[str, User] = {}
    for name, role in PERSONA_ROLES.items():
        user = UserFactory(username=name, first_name=name.capitalize())
        limited = [intervention] if role in {Role.INSATSANSVARIG, Role.COACH} else []
        party = kommun if role == Role.HANDLAGGARE else None
        MembershipFactory(user=user, forbund=forbund, role=role, party=party, interventions=limited)
        users[name] = user
    outsider = UserFactory(username="outsider", first_name="Utomstående")
    MembershipFactory(user=outsider, forbund=other, role=Role.FORBUNDSADMIN)
    users["outsider"] = outsider
    users["nobody"] = UserFactory(username="nobody", first_name="Ingen")
    return World(
        forbund=forbund,
        other_forbund=other,
        fk=fk,
        af=af,
        kommun=kommun,
        region=region,
        other_party=other_party,
        intervention=intervention,
        other_intervention=other_intervention,
        users=users,
    )


def login_verified(client: Client, user: User) -> Client:
    """Log ``user`` in as if they had also passed the TOTP step."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def as_persona(world: World) -> Callable[[str], Client]:
    """A client logged in (with two-factor passed) as the named persona."""

    def make(name: str) -> Client:
        return login_verified(Client(), world[name])

    return make


@pytest.fixture
def assert_query_count(db: None) -> QueryCount:
    """A context manager asserting the exact number of queries its block runs.

    See ``samsyn/testing/queries.py``: ``with assert_query_count(12): client.get(url)``.
    """
    return exact_query_count
