"""Factories for participant data. Identities are fictional (Skatteverket's test numbers)."""

from __future__ import annotations

import datetime

import factory

from samsyn.core.tests.factories import ModelFactory
from samsyn.participants.models import Consent, Person, Referral, Registration


class PersonFactory(ModelFactory[Person]):
    class Meta:
        model = Person

    forbund = factory.SubFactory("samsyn.core.tests.factories.ForbundFactory")
    first_name = "Kim"
    last_name = factory.Sequence(lambda n: f"Testsson {n}")
    gender = "kvinna"
    birth_year = 1985
    home_municipality_code = "1780"


class ReferralFactory(ModelFactory[Referral]):
    class Meta:
        model = Referral

    intervention = factory.SubFactory("samsyn.core.tests.factories.InterventionFactory")
    person = factory.SubFactory(
        PersonFactory, forbund=factory.SelfAttribute("..intervention.forbund")
    )
    referring_party = factory.SubFactory(
        "samsyn.core.tests.factories.PartyFactory",
        forbund=factory.SelfAttribute("..intervention.forbund"),
    )
    referred_on = datetime.date(2026, 1, 10)
    reason = "Behöver samordnat stöd mot arbete."


class ConsentFactory(ModelFactory[Consent]):
    class Meta:
        model = Consent
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    intervention = factory.SubFactory("samsyn.core.tests.factories.InterventionFactory")
    valid_from = datetime.date(2026, 1, 1)

    @factory.post_generation
    def parties(self, create: bool, extracted, **kwargs):
        if create and extracted:
            self.parties.set(extracted)


class RegistrationFactory(ModelFactory[Registration]):
    class Meta:
        model = Registration

    intervention = factory.SubFactory("samsyn.core.tests.factories.InterventionFactory")
    person = factory.SubFactory(
        PersonFactory, forbund=factory.SelfAttribute("..intervention.forbund")
    )
    start_date = datetime.date(2026, 2, 1)
    education_level = "gymnasial"
    occupation_before = "ingen"
