"""Property-based run of the whole OpenAPI document with Schemathesis (issue 11, item 8).

Every operation is called with a few generated requests, authenticated with the token of a
förbundsadministratör in a small world (one intervention, one registration, one referral).
Half of the examples use the ids of that world for path parameters, so requests reach the
code behind the 404. A response fails the test when it is a 5xx, when its status is not
documented, or when its body does not match the documented schema.

Bounded on purpose so that it runs in the normal suite on both databases: a handful of
examples per operation, derandomized (the same requests every run), no shrinking.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from samsyn.api.urls import api
from samsyn.core.services.api_tokens import api_token_create
from samsyn.participants.tests.factories import ReferralFactory, RegistrationFactory

MAX_EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# JSON round trip: the document as a client reads it from /api/v1/openapi.json.
SCHEMA = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))


def _operations() -> list[Any]:
    operations = []
    for result in SCHEMA.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the document itself is invalid
        operations.append(result.ok())
    return operations


OPERATIONS = _operations()


@pytest.fixture
def known_ids(world, settings) -> dict[str, Any]:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    registration = RegistrationFactory(
        intervention=world.intervention, person__forbund=world.forbund
    )
    referral = ReferralFactory(
        intervention=world.intervention,
        person=registration.person,
        referring_party=world.kommun,
    )
    return {
        "registration_id": registration.pk,
        "referral_id": referral.pk,
        "intervention_id": world.intervention.pk,
        "slug": world.intervention.slug,
    }


@pytest.fixture
def bearer(world, known_ids) -> dict[str, str]:
    admin = world["admin"]
    TOTPDevice.objects.create(user=admin, name="telefon", confirmed=True)
    token, raw = api_token_create(user=admin, name="schemathesis")
    spare, _raw = api_token_create(user=admin, name="reserv")
    # DELETE /tokens/{token_id} revokes the spare token, never the one the run uses.
    known_ids["token_id"] = spare.pk
    known_ids["_own_token_id"] = token.pk
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def keep_connection():
    """Django closes the database connection when a request finishes; the app is called
    directly here (not through the test client, which does the same), so that would close
    the test's own connection, inside its transaction, after the first request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_operation_answers_as_documented(operation, known_ids, bearer, keep_connection) -> None:
    app = get_wsgi_application()

    @given(case=operation.as_strategy(), use_known=st.booleans())
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case, use_known: bool) -> None:
        for name in case.path_parameters or {}:
            if use_known and name in known_ids:
                case.path_parameters[name] = known_ids[name]
            if name == "token_id" and case.path_parameters[name] == known_ids["_own_token_id"]:
                case.path_parameters[name] = known_ids["token_id"]
        # The credentials are ours: Schemathesis would otherwise generate a random bearer
        # token or session cookie from the document's security schemes.
        case.headers.update(bearer)
        case.cookies = {}
        response = case.call(app=app)
        case.validate_response(response, checks=CHECKS)

    run()
