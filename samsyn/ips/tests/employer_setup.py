"""Shared set-up of the employer-bank tests: an IPS world, valid organisationsnummer and a
factory-like helper for employers made through the service."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from samsyn.conftest import World
from samsyn.core.luhn import luhn_valid
from samsyn.ips.models import Employer
from samsyn.ips.services.employers import EmployerFields, employer_create

KARLSTAD, HAGFORS = "1780", "1783"


def orgnr(serial: int) -> str:
    """A valid organisationsnummer 556NNN-NNNC (third digit ≥ 2, Luhn check digit)."""
    body = f"556{serial:06d}"
    check = next(d for d in range(10) if luhn_valid(f"{body}{d}"))
    digits = f"{body}{check}"
    return f"{digits[:6]}-{digits[6:]}"


def fields(serial: int = 1, **changes: Any) -> EmployerFields:
    values: dict[str, Any] = {
        "name": f"Arbetsgivare {serial} AB",
        "organisationsnummer": orgnr(serial),
        "sni_section": "G",
        "municipality_code": KARLSTAD,
        "added_on": datetime.date(2025, 1, 15),
    }
    values.update(changes)
    return EmployerFields(**values)


def make_employer(world: World, serial: int = 1, actor: str = "admin", **changes: Any) -> Employer:
    return employer_create(
        actor=world[actor], forbund=world.forbund, fields=fields(serial, **changes)
    )


@pytest.fixture
def ips_world(world: World) -> World:
    """The persona world with its intervention running IPS."""
    world.intervention.methods = ["ips"]
    world.intervention.save(update_fields=["methods"])
    return world
