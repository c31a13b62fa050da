"""The application services: drafts, the budget rules, submission, withdrawal, calls."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.applications.models import Application, ApplicationBudgetLine, ApplicationStatus
from samsyn.applications.services import application_parts as parts
from samsyn.applications.services import applications as services
from samsyn.applications.services import calls as call_services
from samsyn.applications.tests.setup import draft, make_applicant, open_call
from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError

pytestmark = pytest.mark.django_db


def _line(**fields: object) -> parts.BudgetLineFields:
    values: dict = {
        "year": 2026,
        "category": "resor",
        "amount": Decimal("1000"),
        "forbund_amount": Decimal("1000"),
    }
    values.update(fields)
    return parts.BudgetLineFields(**values)


def test_applicant_creates_a_draft_under_an_open_call(world: World) -> None:
    make_applicant(world)
    call = open_call(world, opens_on=datetime.date(2020, 1, 1), deadline=None)
    fields = services.ApplicationFields(name="Ny insats", call_id=call.pk)
    application = services.application_create(actor=world["handlaggare"], fields=fields)
    assert application.status == ApplicationStatus.DRAFT
    assert application.applicant_party == world.kommun
    assert AuditEvent.objects.filter(object_id=str(application.pk), action="create").exists()


def test_no_application_to_a_call_after_its_deadline(world: World) -> None:
    make_applicant(world)
    call = open_call(world, opens_on=datetime.date(2020, 1, 1), deadline=datetime.date(2020, 2, 1))
    fields = services.ApplicationFields(name="Sen", call_id=call.pk)
    with pytest.raises(ValidationError) as error:
        services.application_create(actor=world["handlaggare"], fields=fields)
    assert "Sista ansökningsdag" in error.value.message_dict["call"][0]
    assert not Application.objects.exists()


def test_without_the_right_there_is_no_application(world: World) -> None:
    with pytest.raises(Http404):
        services.application_create(
            actor=world["handlaggare"], fields=services.ApplicationFields(name="X")
        )


def test_a_stale_save_is_refused(world: World) -> None:
    make_applicant(world)
    application = draft(world)
    fields = services.ApplicationFields(name="Nytt namn")
    services.application_update(
        actor=world["handlaggare"], application_id=application.pk, expected_version=1, fields=fields
    )
    with pytest.raises(StaleEditError):
        services.application_update(
            actor=world["handlaggare"],
            application_id=application.pk,
            expected_version=1,
            fields=services.ApplicationFields(name="Annat"),
        )
    application.refresh_from_db()
    assert application.name == "Nytt namn"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"forbund_amount": Decimal("900")}, "går inte ihop"),
        (
            {"forbund_amount": Decimal(0), "own_money_amount": Decimal("1200")},
            "mer än 100",
        ),
        ({"amount": Decimal("10.123")}, "två decimaler"),
        ({"amount": Decimal("-5")}, "negativt"),
    ],
)
def test_a_budget_line_that_does_not_add_up_is_refused(
    world: World, fields: dict, message: str
) -> None:
    make_applicant(world)
    application = draft(world)
    with pytest.raises(ValidationError) as error:
        parts.budget_line_save(
            actor=world["handlaggare"],
            application_id=application.pk,
            expected_version=1,
            fields=_line(**fields),
        )
    assert message in " ".join(error.value.messages)
    assert not ApplicationBudgetLine.objects.exists()
    application.refresh_from_db()
    assert application.version == 1


def test_a_line_that_adds_up_is_saved_and_bumps_the_version(world: World) -> None:
    make_applicant(world)
    application = draft(world)
    parts.budget_line_save(
        actor=world["handlaggare"],
        application_id=application.pk,
        expected_version=1,
        fields=_line(
            amount=Decimal("1500"),
            forbund_amount=Decimal("1000"),
            in_kind_amount=Decimal("500"),
            cofinancing_party_id=world.kommun.pk,
        ),
    )
    application.refresh_from_db()
    assert application.version == 2
    assert application.budget_lines.get().in_kind_amount == Decimal("500")


def test_submit_lists_everything_missing_and_changes_nothing(world: World) -> None:
    make_applicant(world)
    application = draft(world)
    application.partner_parties.set([world.region])
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            actor=world["handlaggare"], application_id=application.pk, expected_version=1
        )
    found = error.value.message_dict
    assert "Syftet med insatsen saknas." in found["purpose"]
    assert "Budgeten saknas: lägg till minst en budgetrad." in found["budget"]
    assert "Underskrift saknas från Region Test." in found["signatures"]
    assert "planned_start" in found and "lokus_discussed" in found
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.version == 1


def test_a_complete_application_is_submitted_then_withdrawn(world: World) -> None:
    make_applicant(world)
    application = draft(world, complete=True)
    submitted = services.application_submit(
        actor=world["handlaggare"], application_id=application.pk, expected_version=1
    )
    assert submitted.status == ApplicationStatus.SUBMITTED and submitted.submitted_on
    with pytest.raises(ValidationError):
        services.application_update(
            actor=world["handlaggare"],
            application_id=application.pk,
            expected_version=2,
            fields=services.ApplicationFields(name="Efteråt"),
        )
    withdrawn = services.application_withdraw(
        actor=world["handlaggare"], application_id=application.pk, expected_version=2
    )
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    details = list(
        AuditEvent.objects.filter(object_id=str(application.pk)).values_list("detail", flat=True)
    )
    assert any("inskickad" in d for d in details) and any("återkallad" in d for d in details)


def test_submission_refused_when_the_call_has_closed(world: World) -> None:
    make_applicant(world)
    call = open_call(world, opens_on=datetime.date(2020, 1, 1), deadline=datetime.date(2020, 1, 2))
    application = draft(world, complete=True, call=call)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            actor=world["handlaggare"], application_id=application.pk, expected_version=1
        )
    assert "Nya ansökningar till den tas inte emot" in error.value.message_dict["call"][0]


def test_only_staff_write_calls(world: World) -> None:
    fields = call_services.CallFields(
        title="Utlysning", funds="Allt", opens_on=datetime.date(2020, 1, 1)
    )
    with pytest.raises(Http404):
        call_services.call_create(actor=world["outsider"], forbund=world.forbund, fields=fields)
    call = call_services.call_create(actor=world["admin"], forbund=world.forbund, fields=fields)
    call = call_services.call_publish(actor=world["admin"], call_id=call.pk, expected_version=1)
    assert call_services.call_is_open(call)
    call = call_services.call_close(actor=world["admin"], call_id=call.pk, expected_version=2)
    assert not call_services.call_is_open(call)
    bad = call_services.CallFields(
        title="X", funds="Y", opens_on=datetime.date(2026, 5, 1), deadline=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError):
        call_services.call_update(
            actor=world["admin"], call_id=call.pk, expected_version=3, fields=bad
        )
