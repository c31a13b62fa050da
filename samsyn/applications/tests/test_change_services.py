"""Change and continuation applications, and deviation reports (services)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.applications.models import Application
from samsyn.applications.services.changes import ChangeFields, change_application_create
from samsyn.applications.services.decisions import decision_record
from samsyn.applications.services.deviations import (
    DeviationFields,
    ResponseFields,
    deviation_report_create,
    deviation_respond,
)
from samsyn.applications.tests.factories_decisions import (
    decision_fields,
    make_applicant,
    make_decided,
    make_deviation,
)
from samsyn.audit.models import AuditEvent
from samsyn.interventions.models import Grant, Intervention

pytestmark = pytest.mark.django_db


def _running(world) -> Intervention:
    """The intervention a granted application became, still running (ends 2099)."""
    decision = make_decided(world)
    intervention = decision.application.intervention
    assert intervention is not None
    Intervention.objects.filter(pk=intervention.pk).update(end_date=datetime.date(2099, 12, 31))
    intervention.refresh_from_db()
    return intervention


def _decide(world, application: Application, **overrides):
    application.refresh_from_db()
    return decision_record(
        actor=world["admin"],
        application=application,
        fields=decision_fields(application, **overrides),
    )


def test_more_money_raises_the_grant(world):
    intervention = _running(world)
    application = change_application_create(
        actor=world["handlaggare"],
        intervention=intervention,
        fields=ChangeFields(
            kind="andring",
            description="Fler deltagare än väntat.",
            change_kinds=("medel",),
            amounts={2026: Decimal(100_000)},
        ),
    )
    assert application.status == "inskickad" and application.intervention == intervention
    _decide(world, application)
    assert Grant.objects.get(intervention=intervention, year=2026).amount == Decimal(500_000)
    assert AuditEvent.objects.filter(detail__contains="400000.00 → 500000.00").exists()


def test_longer_period_and_target_group(world):
    intervention = _running(world)
    application = change_application_create(
        actor=world["handlaggare"],
        intervention=intervention,
        fields=ChangeFields(
            kind="andring",
            description="Förlängning och bredare målgrupp.",
            change_kinds=("period", "malgrupp"),
            new_end_date=datetime.date(2100, 6, 30),
            new_target_group="Även unga vuxna.",
        ),
    )
    _decide(world, application, years={})
    intervention.refresh_from_db()
    assert intervention.end_date == datetime.date(2100, 6, 30)
    assert intervention.target_group == "Även unga vuxna."
    assert AuditEvent.objects.filter(detail__contains="slutdatum 2099-12-31 → 2100-06-30").exists()


def test_continuation_grants_the_next_year(world):
    intervention = _running(world)
    Intervention.objects.filter(pk=intervention.pk).update(end_date=datetime.date(2099, 12, 31))
    application = change_application_create(
        actor=world["handlaggare"],
        intervention=intervention,
        fields=ChangeFields(
            kind="fortsattning",
            description="Fortsättning nästa år.",
            amounts={2027: Decimal(300_000)},
            planned_participants=15,
        ),
    )
    _decide(world, application)
    assert Grant.objects.get(intervention=intervention, year=2027).amount == Decimal(300_000)
    assert intervention.annual_plans.get(year=2027).planned_participants == 15


def test_ended_intervention_is_refused(world):
    decision = make_decided(world)
    intervention = decision.application.intervention
    # Its end date (2026-12-31) may not have passed yet: avslutad by status is also ended.
    Intervention.objects.filter(pk=intervention.pk).update(status="avslutad")
    count = Application.objects.count()
    with pytest.raises(ValidationError) as error:
        change_application_create(
            actor=world["handlaggare"],
            intervention=intervention,
            fields=ChangeFields(kind="fortsattning", description="x", amounts={2027: Decimal(1)}),
        )
    assert "avslutad" in " ".join(error.value.messages)
    assert Application.objects.count() == count


def test_bad_change_input_refused(world):
    intervention = _running(world)
    with pytest.raises(ValidationError) as error:
        change_application_create(
            actor=world["handlaggare"],
            intervention=intervention,
            fields=ChangeFields(
                kind="andring",
                description="",
                change_kinds=("medel", "period"),
                amounts={2026: Decimal(-5)},
                new_end_date=datetime.date(2020, 1, 1),
            ),
        )
    assert {"description", "amounts", "new_end_date"} <= set(error.value.message_dict)


def test_who_may_start_a_change(world):
    make_applicant(world)
    # The world's intervention is owned by the kommun, and the insatsansvarig runs it.
    fields = ChangeFields(kind="fortsattning", description="x", amounts={2027: Decimal(1)})
    for persona in ("handlaggare", "insatsansvarig"):
        change_application_create(
            actor=world[persona], intervention=world.intervention, fields=fields
        )
    for persona in ("admin", "styrgrupp", "coach", "outsider"):
        with pytest.raises(Http404):
            change_application_create(
                actor=world[persona], intervention=world.intervention, fields=fields
            )


def test_deviation_report_and_response(world):
    report = deviation_report_create(
        actor=world["insatsansvarig"],
        intervention=world.intervention,
        fields=DeviationFields(title="Färre deltagare", description="Intaget går långsamt."),
    )
    make_applicant(world)
    change = change_application_create(
        actor=world["handlaggare"],
        intervention=world.intervention,
        fields=ChangeFields(
            kind="andring",
            description="x",
            change_kinds=("period",),
            new_end_date=datetime.date(2100, 1, 1),
        ),
        deviation=report,
    )
    report.refresh_from_db()
    assert report.follow_up_application == change
    deviation_respond(
        actor=world["admin"],
        report=report,
        expected_version=report.version,
        fields=ResponseFields(
            status="till_beslut", response="Sök ändring.", follow_up_application_id=change.pk
        ),
    )
    report.refresh_from_db()
    assert (report.status, report.response) == ("till_beslut", "Sök ändring.")


def test_deviation_bad_input_and_scope(world):
    with pytest.raises(ValidationError) as error:
        deviation_report_create(
            actor=world["insatsansvarig"],
            intervention=world.intervention,
            fields=DeviationFields(title="", description=""),
        )
    assert {"title", "description"} == set(error.value.message_dict)
    with pytest.raises(Http404):
        deviation_report_create(
            actor=world["coach"],
            intervention=world.intervention,
            fields=DeviationFields(title="x", description="y"),
        )
    report = make_deviation(world)
    for persona in ("insatsansvarig", "styrgrupp", "outsider"):
        with pytest.raises(Http404):
            deviation_respond(
                actor=world[persona],
                report=report,
                expected_version=report.version,
                fields=ResponseFields(status="kvitterad", response="ok"),
            )
    with pytest.raises(ValidationError):
        deviation_respond(
            actor=world["admin"],
            report=report,
            expected_version=report.version,
            fields=ResponseFields(status="rapporterad", response=""),
        )
    report.refresh_from_db()
    assert report.status == "rapporterad"
