"""Services of the resource inventory: validation (Swedish), audit, stale edits, access,
encrypted findings and the link to Registration.recommendation."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from samsyn.assessments.models import ObservationWeek, ProfessionalAssessment, ResourceInventory
from samsyn.assessments.services import inventory as services
from samsyn.assessments.services.inventory import AssessmentFields, InventoryFields, WeekFields
from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.tests.factories import PartyFactory
from samsyn.core.versioning import StaleEditError
from samsyn.participants.models import Registration

from .setup import START, assessed, inventory_registration, started

pytestmark = pytest.mark.django_db
PERIOD_FROM = datetime.date(2026, 2, 9)
PERIOD_TO = datetime.date(2026, 5, 3)


def _errors(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def _update(world: World, inventory: ResourceInventory, **changes: Any) -> ResourceInventory:
    inventory.refresh_from_db()
    registration = Registration.objects.get(pk=inventory.registration_id)
    inventory.registration = registration
    fields = replace(InventoryFields.of(inventory), **changes)
    return services.inventory_update(
        actor=world["coach"],
        registration_id=registration.pk,
        expected_version=inventory.version,
        fields=fields,
    )


def test_start_is_audited_and_only_once(world: World) -> None:
    registration = inventory_registration(world)
    inventory = services.inventory_start(
        actor=world["coach"], registration_id=registration.pk, started_on=START
    )
    event = AuditEvent.objects.filter(action="create", object_id=str(inventory.pk)).get()
    assert event.participant_ref == registration.person.pseudonym
    with pytest.raises(ValidationError, match="redan påbörjad"):
        services.inventory_start(
            actor=world["coach"], registration_id=registration.pk, started_on=START
        )


def test_start_before_registration_is_refused(world: World) -> None:
    registration = inventory_registration(world)
    with pytest.raises(ValidationError) as error:
        services.inventory_start(
            actor=world["coach"],
            registration_id=registration.pk,
            started_on=START - datetime.timedelta(days=1),
        )
    assert "före inskrivningen" in _errors(error)["started_on"][0]
    assert not ResourceInventory.objects.exists()


def test_intervention_without_the_method_is_404(world: World) -> None:
    from samsyn.participants.tests.journey_setup import registration_for

    registration = registration_for(world)
    with pytest.raises(Http404):
        services.inventory_start(
            actor=world["coach"], registration_id=registration.pk, started_on=START
        )


@pytest.mark.parametrize("name", ["handlaggare"])
def test_reader_may_not_write(world: World, name: str) -> None:
    registration = inventory_registration(world)
    with pytest.raises(PermissionDenied):
        services.inventory_start(
            actor=world[name], registration_id=registration.pk, started_on=START
        )


@pytest.mark.parametrize("name", ["admin", "styrgrupp", "granskare", "outsider", "nobody"])
def test_outsiders_get_404(world: World, name: str) -> None:
    registration = inventory_registration(world)
    with pytest.raises(Http404):
        services.inventory_start(
            actor=world[name], registration_id=registration.pk, started_on=START
        )


def test_observation_period_rules(world: World) -> None:
    inventory = started(inventory_registration(world))
    with pytest.raises(ValidationError) as error:
        _update(world, inventory, observation_from=PERIOD_TO, observation_to=PERIOD_FROM)
    assert _errors(error)["observation_to"] == [
        "Aktivitetsperioden kan inte sluta före den börjar."
    ]
    with pytest.raises(ValidationError) as error:
        _update(
            world,
            inventory,
            observation_from=PERIOD_FROM,
            observation_to=PERIOD_FROM + datetime.timedelta(weeks=27),
        )
    assert "högst 26 veckor" in _errors(error)["observation_to"][0]
    with pytest.raises(ValidationError) as error:
        _update(world, inventory, observation_from=PERIOD_FROM)
    assert "både från- och till-datum" in _errors(error)["observation_to"][0]
    saved = _update(
        world,
        inventory,
        observation_from=PERIOD_FROM,
        observation_to=PERIOD_TO,
        observation_place="Snickeriet, AMA",
    )
    assert saved.version == 2


def test_stale_edit_is_refused(world: World) -> None:
    inventory = started(inventory_registration(world))
    fields = replace(
        InventoryFields.of(inventory), observation_from=PERIOD_FROM, observation_to=PERIOD_TO
    )
    services.inventory_update(
        actor=world["coach"],
        registration_id=inventory.registration_id,
        expected_version=1,
        fields=fields,
    )
    with pytest.raises(StaleEditError):
        services.inventory_update(
            actor=world["insatsansvarig"],
            registration_id=inventory.registration_id,
            expected_version=1,
            fields=replace(fields, observation_place="Annat"),
        )
    inventory.refresh_from_db()
    assert inventory.observation_place == ""


def test_recommendation_needs_an_assessment_and_sets_the_registration(world: World) -> None:
    inventory = started(inventory_registration(world))
    day = datetime.date(2026, 5, 10)
    with pytest.raises(ValidationError) as error:
        _update(
            world,
            inventory,
            recommendation="aktivitet",
            recommended_on=day,
            recommendation_reasons="Behöver stabilisera förmågan.",
        )
    assert "minst en professionsbedömning" in _errors(error)["recommendation"][0]
    assessed(inventory)
    version_before = Registration.objects.get(pk=inventory.registration_id).version
    _update(
        world,
        inventory,
        recommendation="aktivitet",
        recommended_on=day,
        recommendation_reasons="Behöver stabilisera förmågan.",
    )
    registration = Registration.objects.get(pk=inventory.registration_id)
    assert registration.recommendation == "aktivitet"
    assert registration.version == version_before + 1
    assert AuditEvent.objects.filter(detail__contains="rekommendation: aktivitet").exists()


def test_recommendation_needs_date_and_reasons(world: World) -> None:
    inventory = started(inventory_registration(world))
    assessed(inventory)
    with pytest.raises(ValidationError) as error:
        _update(world, inventory, recommendation="aktivitet")
    assert "recommended_on" in _errors(error)
    with pytest.raises(ValidationError) as error:
        _update(world, inventory, recommendation="aktivitet", recommended_on=START)
    assert _errors(error)["recommendation_reasons"] == ["Motivera rekommendationen."]


def test_recommendation_is_refused_after_exit(world: World) -> None:
    registration = inventory_registration(world)
    inventory = started(registration)
    assessed(inventory)
    Registration.objects.filter(pk=registration.pk).update(
        end_date=datetime.date(2026, 6, 1), exit_reason="fullfoljt", recommendation="sjukersattning"
    )
    with pytest.raises(ValidationError) as error:
        _update(
            world,
            inventory,
            recommendation="aktivitet",
            recommended_on=START,
            recommendation_reasons="x",
        )
    assert "Inskrivningen är avslutad" in _errors(error)["recommendation"][0]
    # The handover may still be recorded after the exit.
    _update(world, inventory, handover_party_id=world.fk.pk, handover_on=datetime.date(2026, 6, 2))


def test_handover_party_must_be_in_the_forbund(world: World) -> None:
    inventory = started(inventory_registration(world))
    assessed(inventory)
    day = datetime.date(2026, 5, 10)
    base = {
        "recommendation": "arbetsforberedande",
        "recommended_on": day,
        "recommendation_reasons": "Redo för arbetsträning.",
    }
    with pytest.raises(ValidationError) as error:
        _update(world, inventory, handover_party_id=world.fk.pk, handover_on=day)
    assert "innan överlämningen" in _errors(error)["handover_party"][0]
    with pytest.raises(ValidationError) as error:
        _update(world, inventory, **base, handover_party_id=world.other_party.pk, handover_on=day)
    assert _errors(error)["handover_party"] == ["Välj en av förbundets parter."]
    with pytest.raises(ValidationError) as error:
        _update(
            world,
            inventory,
            **base,
            handover_party_id=world.af.pk,
            handover_on=day - datetime.timedelta(days=1),
        )
    assert "före rekommendationen" in _errors(error)["handover_on"][0]
    inactive = PartyFactory(forbund=world.forbund, is_active=False)
    with pytest.raises(ValidationError):
        _update(world, inventory, **base, handover_party_id=inactive.pk, handover_on=day)
    saved = _update(world, inventory, **base, handover_party_id=world.af.pk, handover_on=day)
    assert saved.handover_party_id == world.af.pk


def test_assessment_findings_are_encrypted_and_audited(world: World) -> None:
    inventory = started(inventory_registration(world))
    assessment = services.assessment_create(
        actor=world["coach"],
        registration_id=inventory.registration_id,
        fields=AssessmentFields("arbetsterapeut", " Anna OT ", START, "Klarar 4 timmar per dag."),
    )
    assert assessment.assessor == "Anna OT"
    with connection.cursor() as cursor:
        table = ProfessionalAssessment._meta.db_table
        cursor.execute(f"SELECT findings FROM {table} WHERE id = %s", [assessment.pk])
        raw = cursor.fetchone()[0]
    assert "Klarar" not in raw
    assert ProfessionalAssessment.objects.get().findings == "Klarar 4 timmar per dag."
    assert AuditEvent.objects.filter(object_id=str(assessment.pk), action="create").exists()


def test_assessment_validation(world: World) -> None:
    inventory = started(inventory_registration(world))
    with pytest.raises(ValidationError) as error:
        services.assessment_create(
            actor=world["coach"],
            registration_id=inventory.registration_id,
            fields=AssessmentFields("tandlakare", "", START - datetime.timedelta(days=1)),
        )
    assert set(_errors(error)) == {"profession", "assessor", "assessed_on"}
    assert not ProfessionalAssessment.objects.exists()


def test_assessment_update_is_versioned(world: World) -> None:
    inventory = started(inventory_registration(world))
    assessment = assessed(inventory)
    fields = AssessmentFields("psykolog", "Per", START, "Ny text")
    services.assessment_update(
        actor=world["coach"],
        registration_id=inventory.registration_id,
        assessment_id=assessment.pk,
        expected_version=1,
        fields=fields,
    )
    with pytest.raises(StaleEditError):
        services.assessment_update(
            actor=world["coach"],
            registration_id=inventory.registration_id,
            assessment_id=assessment.pk,
            expected_version=1,
            fields=fields,
        )


def test_week_rules_and_upsert(world: World) -> None:
    inventory = started(inventory_registration(world))
    week = WeekFields(datetime.date(2026, 2, 11), Decimal(20), Decimal(15), "Kom i tid.")
    with pytest.raises(ValidationError) as error:
        services.week_record(
            actor=world["coach"], registration_id=inventory.registration_id, fields=week
        )
    assert "aktivitetsperioden" in _errors(error)["week_starting"][0]
    ResourceInventory.objects.filter(pk=inventory.pk).update(
        observation_from=PERIOD_FROM, observation_to=PERIOD_TO
    )
    with pytest.raises(ValidationError) as error:
        services.week_record(
            actor=world["coach"],
            registration_id=inventory.registration_id,
            fields=replace(week, attended_hours=Decimal(61)),
        )
    assert _errors(error)["attended_hours"] == ["Högst 60 timmar per vecka."]
    with pytest.raises(ValidationError) as error:
        services.week_record(
            actor=world["coach"],
            registration_id=inventory.registration_id,
            fields=replace(week, week_starting=datetime.date(2026, 6, 1)),
        )
    assert "utanför aktivitetsperioden" in _errors(error)["week_starting"][0]
    saved = services.week_record(
        actor=world["coach"], registration_id=inventory.registration_id, fields=week
    )
    assert saved.week_starting == datetime.date(2026, 2, 9)  # the Monday
    services.week_record(
        actor=world["coach"],
        registration_id=inventory.registration_id,
        fields=replace(week, week_starting=datetime.date(2026, 2, 13), attended_hours=Decimal(18)),
    )
    assert ObservationWeek.objects.get().attended_hours == Decimal(18)
