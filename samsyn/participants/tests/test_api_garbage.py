"""No input makes the participant API answer 500.

Every write operation of the OpenAPI document (so a new endpoint is covered, or this test
fails until it gets a valid body below) is sent: bodies that are not JSON objects, and a
valid body with each field, nested fields included, replaced in turn by wrong types, NUL
characters, huge numbers, NaN, impossible and far-away dates. Every answer must be a JSON
4xx (or a success) with a Swedish message, never a server error.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from samsyn.conftest import World
from samsyn.participants.models import Registration, WorkStart
from samsyn.participants.services.plan import action_plan_save, sub_goal_create
from samsyn.participants.tests.api_setup import (
    API,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
)
from samsyn.participants.tests.factories import PersonFactory
from samsyn.participants.tests.followup_setup import ended
from samsyn.participants.tests.intake_setup import PNR_WOMAN, referral_of
from samsyn.participants.tests.journey_setup import Journey, journey_for, registration_for

pytestmark = pytest.mark.django_db
WRITE_METHODS = ("post", "put", "patch")
# Programs get English-free answers: pydantic's own texts must never leak through.
ENGLISH = ("Input should", "Field required", "Value error", "Extra inputs", "validation error")
CANDIDATES: list[Any] = [
    None,
    "",
    "\x00",
    "x" * 20_001,
    -1,
    0,
    2**31,
    10**30,
    1.5,
    "NaN",
    "Infinity",
    1e308,
    True,
    [],
    [None],
    ["\x00"],
    [2**40],
    {},
    {"x": 1},
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "1900-01-01",
]
RAW_BODIES = ["{inte json", "[]", '"text"', "null", "", "1e999", "[1, 2, 3]", '{"a": NaN}']


def _schema() -> dict[str, Any]:
    return Client().get(f"{API}/openapi.json").json()


# The method apps' write operations (applications, surveys, collaboration) are fed garbage by
# their own API tests and by Schemathesis over the whole document; this module covers the
# participant's way.
OTHER_APPS = ("/applications", "/collaboration", "/surveys", "/survey-")


def _write_operations() -> list[tuple[str, str]]:
    schema = _schema()
    return sorted(
        (method, path.removeprefix(API))
        for path, operations in schema["paths"].items()
        for method in operations
        if method in WRITE_METHODS
        and "requestBody" in operations[method]
        and not path.removeprefix(API).startswith(OTHER_APPS)
    )


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and pick the object branch of an ``anyOf``."""
    if "$ref" in node:
        return _resolve(schema, schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]])
    for branch in node.get("anyOf", []):
        resolved = _resolve(schema, branch)
        if resolved.get("type") == "object":
            return resolved
    return node


def _field_paths(
    schema: dict[str, Any], node: dict[str, Any], prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    node = _resolve(schema, node)
    for name, child in node.get("properties", {}).items():
        yield (*prefix, name)
        if len(prefix) < 2:
            yield from _field_paths(schema, child, (*prefix, name))


def _replaced(body: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    copy = dict(body)
    head, *rest = path
    if rest:
        inner = copy.get(head)
        copy[head] = _replaced(inner if isinstance(inner, dict) else {}, tuple(rest), value)
    else:
        copy[head] = value
    return copy


def _assert_answered(response: Any, what: str) -> None:
    assert response.status_code in {200, 201, 400, 403, 404, 409, 422}, what
    assert response["Content-Type"].startswith("application/json"), what
    text = response.content.decode()
    assert not any(english in text for english in ENGLISH), f"{what}: {text[:300]}"
    if response.status_code == 422:
        # Every kind of mistake has its own Swedish message, not the catch-all.
        messages = [error["message"] for error in response.json()["errors"]]
        assert "Ogiltigt värde." not in messages, f"{what}: {text[:300]}"


class Setting:
    """The ids and valid bodies every write operation starts from."""

    def __init__(self, world: World) -> None:
        self.journey: Journey = journey_for(world)
        registration = self.journey.registration
        self.exit_registration = registration_for(
            world, person=PersonFactory(forbund=world.forbund)
        )
        finished = ended(
            registration_for(world, person=PersonFactory(forbund=world.forbund)),
            datetime.date(2026, 3, 1),
        )
        action_plan_save(
            actor=world["coach"],
            registration=registration,
            overall_goal="arbete",
            agreed_on=datetime.date(2026, 3, 2),
            agreed_by_participant=True,
            agreed_by_referrer=False,
            description="",
            expected_version=None,
        )
        self.sub_goal = sub_goal_create(
            actor=world["coach"],
            registration=registration,
            description="Delmål",
            target_date=None,
            responsible_party=None,
        )
        self.referral = referral_of(world)
        self.post_exit = finished.post_exit_follow_ups.get(months_after=6)
        self.work_start = WorkStart.objects.create(
            registration=registration,
            kind="arbete",
            form="osubventionerad",
            start_date=registration.start_date,
            competitive=True,
        )
        self.world = world
        self._method_tools(world)

    def _method_tools(self, world: World) -> None:
        """The IPS and resource-inventory endpoints need an intervention with those methods,
        an employer and a fidelity review."""
        from samsyn.ips.models import Employer
        from samsyn.ips.tests.fidelity_setup import make_review

        intervention = self.journey.registration.intervention
        intervention.methods = ["ips", "resursinventering"]
        intervention.save(update_fields=["methods"])
        self.employer = Employer.objects.create(
            forbund=world.forbund,
            organisationsnummer="556036-0793",
            name="Exempelbolaget",
            sni_section="G",
            municipality_code="1780",
            added_on=datetime.date(2026, 1, 1),
        )
        self.review = make_review(world["insatsansvarig"], intervention)

    def path(self, template: str) -> str:
        registration: Registration = (
            self.exit_registration if template.endswith("/exit") else self.journey.registration
        )
        return (
            template.replace("{registration_id}", str(registration.pk))
            .replace("{referral_id}", str(self.referral.pk))
            .replace("{sub_goal_id}", str(self.sub_goal.pk))
            .replace("{follow_up_id}", str(self.post_exit.pk))
            .replace("{consent_id}", str(self.journey.registration.consent_id))
            .replace("{employer_id}", str(self.employer.pk))
            .replace("{review_id}", str(self.review.pk))
            .replace("{start_id}", str(self.work_start.pk))
        )

    def body(self, method: str, template: str) -> dict[str, Any]:
        world, journey = self.world, self.journey
        baseline = {"start_date": "2026-11-01", "incomes_before": ["sjukpenning"]}
        bodies: dict[tuple[str, str], dict[str, Any]] = {
            ("post", "/registrations"): {
                "intervention": "testinsatsen",
                "person": {"personnummer": PNR_WOMAN, "first_name": "Maja"},
                "referring_party": world.kommun.pk,
                "reason": "Stöd",
                "consent": {"parties": [world.kommun.pk], "valid_from": "2026-11-01"},
                "baseline": baseline,
            },
            ("post", "/referrals"): {
                "intervention": "testinsatsen",
                "referring_party": world.kommun.pk,
                "person": {"personnummer": PNR_WOMAN},
                "reason": "Stöd",
            },
            ("post", "/referrals/{referral_id}/decision"): {"accept": True, "version": 1},
            ("put", "/registrations/{registration_id}/plan"): {
                "version": 1,
                "overall_goal": "arbete",
                "agreed_on": "2026-03-02",
            },
            ("post", "/registrations/{registration_id}/plan/sub-goals"): {"description": "Nytt"},
            ("patch", "/sub-goals/{sub_goal_id}"): {"version": 1, "description": "Ändrat"},
            ("post", "/registrations/{registration_id}/activities"): {
                "activity_type": journey.activity_types[0].pk,
                "held_on": "2026-03-03",
                "hours": 1,
            },
            ("post", "/registrations/{registration_id}/phase"): {
                "phase": journey.phases[1].pk,
                "entered_on": "2026-03-03",
            },
            ("post", "/registrations/{registration_id}/steps"): {
                "step": journey.ladder[1].pk,
                "recorded_on": "2026-03-03",
            },
            ("post", "/registrations/{registration_id}/follow-ups"): {"held_on": "2026-03-03"},
            ("post", "/registrations/{registration_id}/starts"): {
                "kind": "arbete",
                "form": "osubventionerad",
                "start_date": "2026-06-01",
            },
            ("post", "/registrations/{registration_id}/starts/{start_id}/status"): {
                "held_on": "2026-03-03",
            },
            ("post", "/registrations/{registration_id}/exit"): {
                "version": 1,
                "end_date": "2026-11-01",
                "reason": "fullfoljt",
                "income_sources_after": ["lon"],
                "occupation_after": "arbetar",
                "outcome": "arbete",
                "step_forward": True,
            },
            ("post", "/registrations/{registration_id}/notes"): {"text": "Samtal"},
            ("post", "/registrations/{registration_id}/indicator-ratings"): {
                "rated_on": "2026-03-03",
                "scores": [{"indicator": i.pk, "score": 3} for i in journey.indicators],
            },
            ("post", "/registrations/{registration_id}/exit/undo"): {"version": 1},
            ("post", "/consents/{consent_id}/withdrawal"): {
                "version": 1,
                "withdrawn_on": "2026-03-03",
            },
            ("post", "/post-exit-follow-ups/{follow_up_id}"): {
                "done_on": "2026-11-01",
                "reached": False,
            },
            **self._method_bodies(),
        }
        return bodies[(method, template)]

    def _method_bodies(self) -> dict[tuple[str, str], dict[str, Any]]:
        employer = {
            "name": "Exempelbolaget",
            "organisationsnummer": "556036-0793",
            "sni_section": "G",
            "municipality_code": "1780",
            "added_on": "2026-01-01",
        }
        return {
            ("put", "/ips/registrations/{registration_id}/career-profile"): {
                "version": None,
                "interests": "Musik",
                "preferred_occupations": ["2512"],
                "preferred_industries": ["G"],
                "preferred_municipalities": ["1780"],
                "preferred_hours_per_week": 20,
            },
            ("post", "/ips/registrations/{registration_id}/benefits-counselling"): {
                "offered_on": "2026-03-03",
            },
            ("post", "/ips/employers"): {**employer, "organisationsnummer": "556677-8899"},
            ("put", "/ips/employers/{employer_id}"): {**employer, "version": 1},
            ("post", "/ips/employers/{employer_id}/contacts"): {
                "intervention": self.journey.registration.intervention_id,
                "contacted_on": "2026-03-03",
                "kind": "besok",
                "purpose": "Presentation",
            },
            ("post", "/ips/fidelity-reviews/{review_id}/scores"): {
                "version": 1,
                "scores": [{"item_key": "caseload_size", "score": 4, "evidence_sources": ["mis"]}],
            },
            ("put", "/resursinventeringar/{registration_id}"): {
                "version": 0,
                "started_on": "2026-03-03",
            },
            ("post", "/resursinventeringar/{registration_id}/assessments"): {
                "profession": "lakare",
                "assessor": "Dr Exempel",
                "assessed_on": "2026-03-04",
            },
            ("post", "/resursinventeringar/{registration_id}/weeks"): {
                "week_starting": "2026-03-02",
                "planned_hours": 10,
                "attended_hours": 8,
            },
        }


def test_every_write_operation_has_a_valid_body(world: World) -> None:
    setting = Setting(world)
    participant_operations = [op for op in _write_operations() if not op[1].startswith("/tokens")]
    assert len(participant_operations) >= 17
    for method, template in participant_operations:
        assert setting.body(method, template), (method, template)


@pytest.fixture
def setting(world: World) -> Setting:
    return Setting(world)


def test_garbage_bodies_never_cause_a_server_error(
    setting: Setting, as_api: Callable[[str], ApiClient]
) -> None:
    client = as_api("coach").client
    schema = _schema()
    for method, template in _write_operations():
        if template.startswith("/tokens"):
            continue
        url = API + setting.path(template)
        call = getattr(client, method)
        for raw in RAW_BODIES:
            _assert_answered(
                call(url, raw, content_type="application/json"), f"{method} {url} {raw!r}"
            )
        _assert_answered(call(url, {"a": "b"}), f"{method} {url} multipart")
        operation = schema["paths"][API + template][method]
        body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
        base = setting.body(method, template)
        for path in _field_paths(schema, body_schema):
            for value in CANDIDATES:
                body = _replaced(base, path, value)
                response = call(url, body, content_type="application/json")
                _assert_answered(response, f"{method} {url} {'.'.join(path)}={value!r:.40}")
