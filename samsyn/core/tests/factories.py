"""factory_boy factories for the organisation models."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth.hashers import make_password
from django.db import models

from samsyn.core.models import Forbund, Membership, Party, PartyKind, Team, TeamKind, User
from samsyn.interventions.models import Intervention

# Valid organisationsnummer (Luhn) for the factories; real agencies' numbers are public.
ORGNR = {
    PartyKind.FORSAKRINGSKASSAN: "202100-5521",
    PartyKind.ARBETSFORMEDLINGEN: "202100-2114",
    PartyKind.KOMMUN: "212000-1876",
    PartyKind.REGION: "232100-0206",
}

M = TypeVar("M", bound=models.Model)


class ModelFactory(factory.django.DjangoModelFactory[M]):
    """A DjangoModelFactory whose call, like `.create()`, is typed as returning the model."""

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]  # factory_boy's metaclass returns the model, not the factory


class ForbundFactory(ModelFactory[Forbund]):
    class Meta:
        model = Forbund

    name = factory.Sequence(lambda n: f"Samordningsförbundet Test {n}")
    slug = factory.Sequence(lambda n: f"forbund-{n}")


class PartyFactory(ModelFactory[Party]):
    class Meta:
        model = Party

    forbund = factory.SubFactory(ForbundFactory)
    kind = PartyKind.KOMMUN
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    organisationsnummer = factory.LazyAttribute(lambda o: ORGNR[PartyKind(o.kind)])


class TeamFactory(ModelFactory[Team]):
    class Meta:
        model = Team

    forbund = factory.SubFactory(ForbundFactory)
    kind = TeamKind.SAMVERKANSTEAM
    name = factory.Sequence(lambda n: f"Team {n}")


class InterventionFactory(ModelFactory[Intervention]):
    class Meta:
        model = Intervention

    forbund = factory.SubFactory(ForbundFactory)
    name = factory.Sequence(lambda n: f"Insats {n}")
    slug = factory.Sequence(lambda n: f"insats-{n}")
    owner_party = factory.SubFactory(PartyFactory, forbund=factory.SelfAttribute("..forbund"))
    status = "pagaende"
    start_date = datetime.date(2025, 1, 1)


# Hashing once keeps the suite fast; Argon2 on every factory call would dominate run time.
_PASSWORD_HASH = make_password("korrekt-hast-batteri-1", hasher="pbkdf2_sha256")


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.se")
    password = _PASSWORD_HASH


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    forbund = factory.SubFactory(ForbundFactory)
    role = "coach"

    @factory.post_generation
    def interventions(self, create: bool, extracted: list[Intervention] | None, **kwargs: object):
        if create and extracted:
            self.interventions.set(extracted)
