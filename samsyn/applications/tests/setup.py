"""Shared set-up: the handläggare of ``world.kommun`` gets the "sökande" right, so it is the
applicant; ``admin`` is the förbund's staff; everyone else sees no application."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationSignature,
    Call,
)
from samsyn.conftest import World
from samsyn.core.models import Membership

TODAY = datetime.date(2026, 3, 2)
COMPLETE = {
    "contact_name": "Irene Hansson",
    "contact_email": "irene@example.se",
    "purpose": "Syfte",
    "goals_text": "Mål",
    "background": "Bakgrund",
    "target_group": "Målgrupp",
    "method": "IPS",
    "implementation": "Implementering",
    "follow_up": "Uppföljning",
    "anchoring": "Förankring",
    "lokus_discussed": True,
    "planned_start": datetime.date(2026, 1, 1),
    "planned_end": datetime.date(2027, 12, 31),
}


def make_applicant(world: World, name: str = "handlaggare") -> Membership:
    membership = Membership.objects.get(user=world[name], forbund=world.forbund)
    membership.may_apply = True
    membership.save(update_fields=["may_apply"])
    return membership


def open_call(world: World, **fields: Any) -> Call:
    values: dict[str, Any] = {
        "forbund": world.forbund,
        "title": "Utlysning 2026",
        "funds": "Insatser för unga",
        "opens_on": datetime.date(2026, 1, 1),
        "deadline": datetime.date(2026, 12, 31),
        "is_published": True,
        "created_by": world["admin"],
    }
    values.update(fields)
    return Call.objects.create(**values)


def draft(world: World, *, complete: bool = False, **fields: Any) -> Application:
    values: dict[str, Any] = {
        "forbund": world.forbund,
        "applicant_party": world.kommun,
        "created_by": world["handlaggare"],
        "name": "Stöd till arbete",
    }
    if complete:
        values.update(COMPLETE)
    values.update(fields)
    application = Application.objects.create(**values)
    if complete:
        application.partner_parties.set([world.region])
        line(application)
        for party in (world.kommun, world.region):
            ApplicationSignature.objects.create(
                application=application,
                party=party,
                signer_name="Namn",
                signed_on=datetime.date(2026, 1, 15),
            )
    return application


def line(application: Application, **fields: Any) -> ApplicationBudgetLine:
    values: dict[str, Any] = {
        "year": 2026,
        "category": "utvardering",
        "amount": Decimal("100000"),
        "forbund_amount": Decimal("80000"),
        "own_money_amount": Decimal("20000"),
        "cofinancing_party": application.applicant_party,
    }
    values.update(fields)
    return ApplicationBudgetLine.objects.create(application=application, **values)
