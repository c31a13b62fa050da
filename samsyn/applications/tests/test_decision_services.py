"""Beredning, the decision and the grant into an intervention (services)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from samsyn.applications.models import Application, Decision, NoteKind
from samsyn.applications.services.decisions import decision_record, minutes_open
from samsyn.applications.services.preparation import (
    preparation_answer_add,
    preparation_note_add,
    preparation_start,
    recommendation_set,
)
from samsyn.applications.tests.factories_decisions import (
    decision_fields,
    make_application,
    make_decided,
)
from samsyn.audit.models import AuditEvent
from samsyn.interventions.models import (
    AnnualPlan,
    BudgetLine,
    Financing,
    Goal,
    Grant,
    Intervention,
)
from samsyn.participants.tests.intake_setup import PDF_BYTES

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[int, ...]:
    return (
        Decision.objects.count(),
        Intervention.objects.count(),
        BudgetLine.objects.count(),
        Grant.objects.count(),
        Financing.objects.count(),
    )


# --- beredning --------------------------------------------------------------------------


def test_preparation_question_answer_round_trip(world):
    application = make_application(world)
    admin, applicant = world["admin"], world["handlaggare"]
    preparation_start(actor=admin, application=application)
    preparation_note_add(actor=admin, application=application, kind="kommentar", text="Bra.")
    preparation_note_add(actor=admin, application=application, kind="fraga", text="Vem leder?")
    application.refresh_from_db()
    assert application.status == "komplettering"
    preparation_answer_add(actor=applicant, application=application, text="Processledaren.")
    application.refresh_from_db()
    assert application.status == "beredning"
    assert list(application.notes.values_list("kind", flat=True)) == [
        NoteKind.COMMENT,
        NoteKind.QUESTION,
        NoteKind.ANSWER,
    ]
    recommendation_set(
        actor=admin,
        application=application,
        expected_version=application.version,
        recommendation="beviljad_villkor",
        text="Förankrad hos parterna.",
    )
    application.refresh_from_db()
    assert application.recommendation == "beviljad_villkor"
    details = set(AuditEvent.objects.values_list("detail", flat=True))
    assert {"Ansökan tagen till beredning", "Fråga till sökande", "Svar från sökande"} <= details


@pytest.mark.parametrize("persona", ["styrgrupp", "insatsansvarig", "coach", "outsider"])
def test_only_staff_prepare(world, persona):
    application = make_application(world)
    with pytest.raises(Http404):
        preparation_start(actor=world[persona], application=application)
    with pytest.raises(Http404):
        preparation_note_add(actor=world[persona], application=application, kind="fraga", text="x")


def test_only_the_applicant_answers_and_only_when_asked(world):
    application = make_application(world, status="beredning")
    with pytest.raises(ValidationError):
        preparation_answer_add(actor=world["handlaggare"], application=application, text="x")
    application.status = "komplettering"
    application.save()
    for persona in ("admin", "styrgrupp", "insatsansvarig"):
        with pytest.raises(Http404):
            preparation_answer_add(actor=world[persona], application=application, text="x")


def test_empty_note_and_bad_recommendation_refused(world):
    application = make_application(world, status="beredning")
    with pytest.raises(ValidationError) as error:
        preparation_note_add(
            actor=world["admin"], application=application, kind="kommentar", text=" "
        )
    assert "Skriv en text." in error.value.messages
    with pytest.raises(ValidationError) as error:
        recommendation_set(
            actor=world["admin"],
            application=application,
            expected_version=application.version,
            recommendation="kanske",
            text="",
        )
    assert set(error.value.message_dict) == {"recommendation", "recommendation_text"}
    assert application.notes.count() == 0


# --- decisions and grant ------------------------------------------------------------------


def test_granted_new_application_becomes_the_intervention(world):
    decision = make_decided(world)
    application = Application.objects.get(pk=decision.application_id)
    intervention = application.intervention
    assert application.status == "beslutad"
    assert intervention is not None
    assert intervention.status == "beviljad"
    assert intervention.owner_party == world.kommun
    assert list(intervention.partner_parties.all()) == [world.region]
    assert intervention.target_group == "Personer med allvarlig psykisk sjukdom."
    assert intervention.methods == ["ips"]
    assert (intervention.start_date, intervention.end_date) == (
        datetime.date(2025, 1, 1),
        datetime.date(2026, 12, 31),
    )
    lines = set(
        BudgetLine.objects.filter(intervention=intervention).values_list(
            "year", "funder", "funder_party", "amount"
        )
    )
    assert lines == {
        (2025, "forbund", None, Decimal("650000.00")),
        (2025, "part_natura", world.region.pk, Decimal("50000.00")),
        (2026, "forbund", None, Decimal("400000.00")),
        (2026, "part_natura", world.region.pk, Decimal("50000.00")),
    }
    financing = set(
        Financing.objects.filter(intervention=intervention).values_list(
            "year", "source", "party", "amount"
        )
    )
    assert (2025, "forbund", None, Decimal("650000.00")) in financing
    assert (2026, "part_natura", world.region.pk, Decimal("50000.00")) in financing
    grants = list(
        Grant.objects.filter(intervention=intervention).values_list("year", "amount", "reference")
    )
    assert grants == [
        (2025, Decimal("650000.00"), "Styrelsen 2025-03-12 § 14"),
        (2026, Decimal("400000.00"), "Styrelsen 2025-03-12 § 14"),
    ]
    assert AnnualPlan.objects.filter(intervention=intervention).count() == 2
    assert Goal.objects.filter(intervention=intervention, metric_id="share_women").exists()


def test_refused_application_creates_nothing(world):
    application = make_application(world, status="beredning")
    before = _snapshot()
    decision = decision_record(
        actor=world["admin"],
        application=application,
        fields=decision_fields(application, outcome="avslagen", years={}),
    )
    assert decision.outcome == "avslagen"
    assert _snapshot()[1:] == before[1:]
    application.refresh_from_db()
    assert application.status == "beslutad" and application.intervention is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decided_on": None}, "decided_on"),
        ({"body": ""}, "body"),
        ({"paragraph": " § "}, "paragraph"),
        ({"outcome": "beviljad_villkor", "conditions": ""}, "conditions"),
        ({"years": {2025: Decimal(-1), 2026: Decimal(1)}}, "year_2025"),
        ({"years": {2025: Decimal("1.001"), 2026: Decimal(1)}}, "year_2025"),
        ({"years": {2025: Decimal(1)}}, "year_2026"),
        ({"years": {2025: Decimal(700_000), 2026: Decimal(1)}}, "confirm_over_request"),
        ({"years": {2025: Decimal(0), 2026: Decimal(0)}}, "years"),
        ({"decided_on": datetime.date(2099, 1, 1)}, "decided_on"),
    ],
)
def test_bad_decision_is_refused_and_changes_nothing(world, overrides, field):
    application = make_application(world, status="beredning")
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=world["admin"],
            application=application,
            fields=decision_fields(application, **overrides),
        )
    assert field in error.value.message_dict
    assert _snapshot() == before
    application.refresh_from_db()
    assert application.status == "beredning"


def test_over_request_is_granted_when_confirmed(world):
    application = make_application(world, status="beredning")
    decision = decision_record(
        actor=world["admin"],
        application=application,
        fields=decision_fields(
            application,
            years={2025: Decimal(700_000), 2026: Decimal(400_000)},
            confirm_over_request=True,
        ),
    )
    assert (
        Grant.objects.get(intervention=decision.application.intervention, year=2025).amount
        == 700_000
    )


def test_a_decision_is_final(world):
    decision = make_decided(world)
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=world["admin"],
            application=decision.application,
            fields=decision_fields(decision.application),
        )
    assert "ny ansökan om ändring" in " ".join(error.value.messages)
    assert Decision.objects.count() == 1


def test_only_staff_decide(world):
    application = make_application(world, status="beredning")
    for persona in ("styrgrupp", "handlaggare", "outsider"):
        with pytest.raises(Http404):
            decision_record(
                actor=world[persona], application=application, fields=decision_fields(application)
            )


def test_minutes_upload_is_checked_and_download_audited(world):
    application = make_application(world, status="beredning")
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=world["admin"],
            application=application,
            fields=decision_fields(application),
            minutes=SimpleUploadedFile(
                "p.pdf", b"not a pdf at all", content_type="application/pdf"
            ),
        )
    assert "minutes" in error.value.message_dict
    assert Decision.objects.count() == 0
    decision = decision_record(
        actor=world["admin"],
        application=application,
        fields=decision_fields(application),
        minutes=SimpleUploadedFile("protokoll.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    handle, content_type, name = minutes_open(actor=world["styrgrupp"], decision=decision)
    handle.close()
    assert content_type == "application/pdf" and name == "protokoll-2025-03-12.pdf"
    event = AuditEvent.objects.get(action="export")
    assert event.role == "styrgrupp" and "Protokoll" in event.detail


def test_name_clash_refuses_the_whole_decision(world):
    application = make_application(world, status="beredning", name=world.intervention.name)
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=world["admin"], application=application, fields=decision_fields(application)
        )
    assert "name" in error.value.message_dict
    assert _snapshot() == before
