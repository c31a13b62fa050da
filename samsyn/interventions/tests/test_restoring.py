"""More deletes can be undone for 30 days (docs/deleting.md, #15 item 10): an intervention's
annual plan, a training's attendee, an implementation item (without its evidence file), and the
förbund's administration costs and income (on the förbund's Borttaget page, with the income's
municipality shares). Others get 404; a row entered again since is refused in Swedish."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import DeletedRecord
from samsyn.interventions.models import (
    AdministrationCost,
    AnnualPlan,
    ForbundIncome,
    ImplementationItem,
    MunicipalityShare,
    Training,
    TrainingAttendance,
    TrainingAttendee,
)
from samsyn.interventions.services.forbund_income import forbund_income_delete
from samsyn.interventions.services.implementation import implementation_item_delete
from samsyn.interventions.services.money.administration import administration_cost_delete
from samsyn.interventions.services.money.budget import annual_plan_delete
from samsyn.interventions.services.trainings import attendance_remove
from samsyn.interventions.tests.implementation_setup import media_fixture  # noqa: F401
from samsyn.interventions.tests.training_setup import person

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date


def restore(client: Client, page: str, entry: DeletedRecord) -> str:
    return client.post(page, {"entry": str(entry.pk)}, follow=True).content.decode()


def intervention_page(world: World) -> str:
    return reverse("interventions:deleted", args=[world.intervention.pk])


def forbund_page(world: World) -> str:
    return reverse("core:deleted", args=["forbund", world.forbund.pk])


def test_annual_plan(world: World, as_persona: Persona) -> None:
    plan = AnnualPlan.objects.create(
        intervention=world.intervention, year=2026, planned_participants=25
    )
    annual_plan_delete(actor=world["insatsansvarig"], plan=plan, expected_version=1)
    entry = DeletedRecord.objects.get(kind="annual_plan")
    assert entry.label == "Årsplan 2026: 25 planerade deltagare"
    text = restore(as_persona("insatsansvarig"), intervention_page(world), entry)
    assert "är återställd" in text
    again = AnnualPlan.objects.get(intervention=world.intervention, year=2026)
    assert (again.pk, again.planned_participants, again.version) == (plan.pk, 25, 2)
    event = AuditEvent.objects.filter(detail__startswith="Återställd efter borttagning").get()
    assert (event.action, event.role) == ("create", "insatsansvarig")


def test_a_same_plan_entered_since_is_refused(world: World, as_persona: Persona) -> None:
    plan = AnnualPlan.objects.create(
        intervention=world.intervention, year=2026, planned_participants=25
    )
    annual_plan_delete(actor=world["admin"], plan=plan, expected_version=1)
    AnnualPlan.objects.create(intervention=world.intervention, year=2026, planned_participants=9)
    text = restore(as_persona("admin"), intervention_page(world), DeletedRecord.objects.get())
    assert "en likadan rad har lagts till sedan dess" in text
    assert AnnualPlan.objects.get().planned_participants == 9
    assert DeletedRecord.objects.get().restored_at is None


def test_training_attendee_comes_back_with_the_person(world: World, as_persona: Persona) -> None:
    training = Training.objects.create(
        intervention=world.intervention, title="IPS grund", held_on=D(2026, 3, 1)
    )
    row = TrainingAttendance.objects.create(
        training=training, attendee=person(training, world.kommun, "coach", "Alva Ek")
    )
    row_pk = row.pk
    attendance_remove(actor=world["admin"], row=row, expected_version=training.version)
    # She attended nothing else, so she went too; the restore puts both back.
    assert not TrainingAttendee.objects.exists()
    entry = DeletedRecord.objects.get(kind="training_attendance")
    assert "Alva Ek" in entry.label
    assert "är återställd" in restore(as_persona("admin"), intervention_page(world), entry)
    again = TrainingAttendance.objects.get(training=training)
    assert (again.pk, again.attendee.name) == (row_pk, "Alva Ek")


def test_attendee_restore_refused_when_the_training_is_gone(
    world: World, as_persona: Persona
) -> None:
    training = Training.objects.create(
        intervention=world.intervention, title="IPS grund", held_on=D(2026, 3, 1)
    )
    row = TrainingAttendance.objects.create(
        training=training, attendee=person(training, world.kommun, "coach", "Alva Ek")
    )
    attendance_remove(actor=world["admin"], row=row, expected_version=training.version)
    training.delete()
    text = restore(as_persona("admin"), intervention_page(world), DeletedRecord.objects.get())
    assert "det den hörde till har tagits bort sedan dess" in text
    assert not TrainingAttendance.objects.exists() and not TrainingAttendee.objects.exists()


def test_implementation_item_comes_back_without_its_file(
    world: World, as_persona: Persona, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    item = ImplementationItem.objects.create(
        intervention=world.intervention, title="Rutin för överlämning", order=1
    )
    item.evidence.save("underlag.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    stored = media / str(item.evidence.name)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        implementation_item_delete(actor=world["admin"], item=item, expected_version=item.version)
    assert not stored.exists()  # the file goes at once
    entry = DeletedRecord.objects.get(kind="implementation_item")
    assert "underlaget kan inte återställas" in entry.label
    assert "är återställd" in restore(as_persona("admin"), intervention_page(world), entry)
    again = ImplementationItem.objects.get()
    assert (again.title, again.evidence.name or "") == (item.title, "")


def test_forbund_rows_on_the_forbund_page(world: World, as_persona: Persona) -> None:
    cost = AdministrationCost.objects.create(
        forbund=world.forbund, year=2026, budget=Decimal(100), amount=Decimal(90)
    )
    income = ForbundIncome.objects.create(
        forbund=world.forbund, year=2026, total_amount=Decimal(4000)
    )
    MunicipalityShare.objects.create(income=income, party=world.kommun, share_percent=100)
    admin = world["admin"]
    administration_cost_delete(actor=admin, cost=cost, expected_version=1)
    forbund_income_delete(actor=admin, income=income, expected_version=1)
    assert not MunicipalityShare.objects.exists()
    client = as_persona("admin")
    page = forbund_page(world)
    listed = client.get(page).content.decode()
    assert "Administrationskostnad 2026" in listed and "Förbundets intäkter 2026" in listed
    for entry in DeletedRecord.objects.all():
        assert "är återställd" in restore(client, page, entry)
    assert AdministrationCost.objects.get().pk == cost.pk
    share = MunicipalityShare.objects.get()
    assert (share.income_id, share.party_id, share.share_percent) == (
        income.pk,
        world.kommun.pk,
        Decimal(100),
    )
    assert (
        AuditEvent.objects.filter(
            detail__startswith="Återställd efter borttagning", role="forbundsadministrator"
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    "persona", ["insatsansvarig", "styrgrupp", "coach", "handlaggare", "outsider", "nobody"]
)
def test_forbund_page_is_the_administrators(
    world: World, as_persona: Persona, persona: str
) -> None:
    cost = AdministrationCost.objects.create(
        forbund=world.forbund, year=2026, budget=Decimal(100), amount=Decimal(90)
    )
    administration_cost_delete(actor=world["admin"], cost=cost, expected_version=1)
    entry = DeletedRecord.objects.get()
    client = as_persona(persona)
    page = forbund_page(world)
    assert client.get(page).status_code == 404
    assert client.post(page, {"entry": str(entry.pk)}).status_code == 404
    assert not AdministrationCost.objects.exists()


def test_an_entry_is_restored_only_on_its_own_page(world: World, as_persona: Persona) -> None:
    cost = AdministrationCost.objects.create(
        forbund=world.forbund, year=2026, budget=Decimal(100), amount=Decimal(90)
    )
    administration_cost_delete(actor=world["admin"], cost=cost, expected_version=1)
    entry = DeletedRecord.objects.get()
    admin = as_persona("admin")
    # Not through the intervention's page, not through another förbund's, not an unknown scope.
    assert admin.post(intervention_page(world), {"entry": str(entry.pk)}).status_code == 404
    other = reverse("core:deleted", args=["forbund", world.other_forbund.pk])
    assert admin.post(other, {"entry": str(entry.pk)}).status_code == 404
    unknown = reverse("core:deleted", args=["okand", world.forbund.pk])
    assert admin.get(unknown).status_code == 404
    # Too old: no longer offered.
    entry.deleted_at -= datetime.timedelta(days=31)
    entry.save()
    assert admin.post(forbund_page(world), {"entry": str(entry.pk)}).status_code == 404
    assert not AdministrationCost.objects.exists()


def test_kinds_that_are_not_registered_are_never_restored(world: World, as_persona: Any) -> None:
    """An entry whose kind names another model than the kind's is 404 (never trusted)."""
    plan = AnnualPlan.objects.create(
        intervention=world.intervention, year=2026, planned_participants=25
    )
    annual_plan_delete(actor=world["admin"], plan=plan, expected_version=1)
    entry = DeletedRecord.objects.get()
    entry.kind = "budget_line"
    entry.save()
    assert (
        as_persona("admin").post(intervention_page(world), {"entry": str(entry.pk)}).status_code
        == 404
    )
    assert not AnnualPlan.objects.exists()
