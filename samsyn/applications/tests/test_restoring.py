"""An application's budget lines and goals and a draft payment claim can be restored for 30
days (docs/deleting.md): by the applicant while the application may be changed, and by whoever
may claim the intervention's money; 404 for everyone else, a Swedish refusal once the
application has been sent in."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.applications.models import (
    ApplicationBudgetLine,
    ApplicationGoal,
    ApplicationStatus,
    ClaimStatus,
    PaymentClaim,
)
from samsyn.applications.services.application_parts import budget_line_delete, goal_delete
from samsyn.applications.services.claims import ClaimFields, claim_create, claim_delete
from samsyn.applications.tests.claims_setup import cost, grant, quarter
from samsyn.applications.tests.setup import draft, line, make_applicant
from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import DeletedRecord

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


def restore(client: Client, page: str, entry: DeletedRecord) -> str:
    return client.post(page, {"entry": str(entry.pk)}, follow=True).content.decode()


def test_budget_line_and_goal_come_back(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    application = draft(world)
    kept_line = line(application)
    goal = ApplicationGoal.objects.create(
        application=application,
        metric_id="participants_total",
        target=Decimal(40),
        label="Fyrtio deltagare",
    )
    who = world["handlaggare"]
    budget_line_delete(
        actor=who, application_id=application.pk, expected_version=1, line_id=kept_line.pk
    )
    goal_delete(actor=who, application_id=application.pk, expected_version=2, goal_id=goal.pk)
    client = as_persona("handlaggare")
    page = reverse("core:deleted", args=["application", application.pk])
    listed = client.get(page).content.decode()
    assert "Mål: Fyrtio deltagare" in listed and "Budgetrad 2026" in listed
    for entry in DeletedRecord.objects.all():
        assert "är återställd" in restore(client, page, entry)
    assert ApplicationBudgetLine.objects.get().pk == kept_line.pk
    assert ApplicationGoal.objects.get().label == "Fyrtio deltagare"
    application.refresh_from_db()
    assert application.version == 5  # two deletes and two restores each changed it
    assert AuditEvent.objects.filter(detail__startswith="Återställd efter borttagning").count() == 2


def test_a_sent_application_takes_nothing_back(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    application = draft(world)
    kept_line = line(application)
    budget_line_delete(
        actor=world["handlaggare"],
        application_id=application.pk,
        expected_version=1,
        line_id=kept_line.pk,
    )
    entry = DeletedRecord.objects.get()
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    page = reverse("core:deleted", args=["application", application.pk])
    client = as_persona("handlaggare")
    assert client.get(page).status_code == 404  # nothing it may restore there
    text = client.post(page, {"entry": str(entry.pk)}, follow=True)
    assert text.status_code == 404
    assert not ApplicationBudgetLine.objects.exists()


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "coach", "styrgrupp", "outsider"])
def test_others_get_404_on_the_application_page(
    world: World, as_persona: Persona, persona: str
) -> None:
    make_applicant(world)
    application = draft(world)
    kept_line = line(application)
    budget_line_delete(
        actor=world["handlaggare"],
        application_id=application.pk,
        expected_version=1,
        line_id=kept_line.pk,
    )
    entry = DeletedRecord.objects.get()
    page = reverse("core:deleted", args=["application", application.pk])
    client = as_persona(persona)
    assert client.get(page).status_code == 404
    assert client.post(page, {"entry": str(entry.pk)}).status_code == 404
    assert not ApplicationBudgetLine.objects.exists()


def test_a_draft_claim_comes_back(world: World, as_persona: Persona) -> None:
    grant(world.intervention, "100000")
    cost(world.intervention, 1, "20000")
    start, end = quarter(1)
    owner = world["insatsansvarig"]
    claim = claim_create(
        actor=owner,
        intervention_id=world.intervention.pk,
        fields=ClaimFields(start, end, Decimal(1000), ""),
    )
    claim_pk = claim.pk
    claim_delete(actor=owner, claim_id=claim.pk, expected_version=1)
    entry = DeletedRecord.objects.get(kind="claim")
    page = reverse("core:deleted", args=["claims", world.intervention.pk])
    assert as_persona("coach").get(page).status_code == 404
    assert as_persona("coach").post(page, {"entry": str(entry.pk)}).status_code == 404
    assert "är återställd" in restore(as_persona("insatsansvarig"), page, entry)
    again = PaymentClaim.objects.get()
    assert (again.pk, again.status, again.version) == (claim_pk, ClaimStatus.DRAFT, 2)
    event = AuditEvent.objects.get(detail__startswith="Återställd efter borttagning")
    assert (event.role, event.intervention_id) == ("insatsansvarig", world.intervention.pk)


def test_a_goal_typed_in_again_is_not_doubled(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    application = draft(world)
    values = {"metric_id": "participants_total", "target": Decimal(40), "label": "Fyrtio"}
    goal = ApplicationGoal.objects.create(application=application, **values)
    goal_delete(
        actor=world["handlaggare"],
        application_id=application.pk,
        expected_version=1,
        goal_id=goal.pk,
    )
    ApplicationGoal.objects.create(application=application, **values)
    page = reverse("core:deleted", args=["application", application.pk])
    entry = DeletedRecord.objects.get()
    text = restore(as_persona("handlaggare"), page, entry)
    assert "en likadan rad har lagts till sedan dess" in text
    assert ApplicationGoal.objects.count() == 1
    entry.refresh_from_db()
    assert entry.restored_at is None
