"""Shared set-up for the participant API tests: clients that authenticate as a persona with a
personal API token (as programs do), and small request helpers.

The journey fixtures (``journey_for``) come from journey_setup.py: a registration in
``world.intervention`` coached by ``coach``, referred by ``handlaggare`` (party
``world.kommun``) with an active consent covering that party.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.services.api_tokens import api_token_create

API = "/api/v1"
NOT_FOUND = {"detail": "Hittades inte."}
READ_ONLY = (
    "Du kan se deltagarens uppgifter men inte ändra dem. Det gör insatsansvarig "
    "och deltagarens coach."
)
STALE = (
    "Någon annan har ändrat uppgifterna medan du redigerade, så din ändring är inte sparad. "
    "Kopiera det du skrev innan du öppnar uppgifterna igen."
)
WRITERS = ("insatsansvarig", "coach")
OUTSIDE = ("admin", "styrgrupp", "granskare", "outsider", "nobody")
ALL_PERSONAS = (*WRITERS, "handlaggare", *OUTSIDE)


class ApiClient:
    """A test client that sends JSON with a persona's bearer token."""

    def __init__(self, raw_token: str) -> None:
        self.client = Client(headers={"Authorization": f"Bearer {raw_token}"})

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        call = getattr(self.client, method)
        return call(API + path, body if body is not None else {}, content_type="application/json")

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("post", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self.send("put", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.send("patch", path, body)


@pytest.fixture(name="as_api")
def as_api_fixture(world: World) -> Callable[[str], ApiClient]:
    """``as_api("coach")``: a client with a token of the named persona (TOTP enrolled)."""
    made: dict[str, ApiClient] = {}

    def make(name: str) -> ApiClient:
        if name not in made:
            user = world[name]
            TOTPDevice.objects.get_or_create(
                user=user, name="telefon", defaults={"confirmed": True}
            )
            _token, raw = api_token_create(user=user, name="test")
            made[name] = ApiClient(raw)
        return made[name]

    return make


def events(**filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def events_about(obj: Any, **filters: Any) -> list[AuditEvent]:
    """Events naming ``obj`` (its model and id)."""
    return events(object_type=obj._meta.label, object_id=str(obj.pk), **filters)


def field_errors(response: Any) -> dict[str, str]:
    """``{"person.gender": "Ange kön …"}`` from a 422 answer."""
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}
