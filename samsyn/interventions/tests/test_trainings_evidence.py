"""Evidence of a training (seed 000: "Följs genom styrkta dokument om genomförd utbildning
samt fakturaunderlag"): judged by content, stored under a generated name, downloaded only
by the managers and the styrgrupp, every step audited."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.models import Training, TrainingEvidence
from samsyn.interventions.services.trainings import (
    training_delete,
    training_evidence_add,
    training_evidence_remove,
)
from samsyn.interventions.tests.implementation_setup import (
    DOCM,
    DOCX,
    PDF,
    PLAIN_ZIP,
    XLSX,
    media_fixture,  # noqa: F401 - the media fixture
    upload,
)

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


@pytest.fixture
def held(world: Any, media: Path) -> Training:
    return Training.objects.create(
        intervention=world.intervention, title="IPS grundkurs", held_on=datetime.date(2025, 3, 1)
    )


def add(world: Any, training: Training, content: bytes = PDF, **changes: Any) -> TrainingEvidence:
    values: dict[str, Any] = {
        "actor": world["admin"],
        "training": training,
        "kind": "faktura",
        "upload": upload("Faktura mars.pdf", content),
        "expected_version": training.version,
    }
    return training_evidence_add(**{**values, **changes})


def stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_evidence_is_stored_under_a_generated_name(
    world: Any, held: Training, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    evidence = add(world, held)
    assert evidence.original_name == "Faktura mars.pdf"
    assert evidence.content_type == "application/pdf"
    name = evidence.file.name or ""
    assert name.startswith("utbildningar/")
    assert name.endswith(".pdf") and "Faktura" not in name
    docx = add(world, held, DOCX, kind="narvarolista", expected_version=2)
    assert (docx.file.name or "").endswith(".docx")
    xlsx = add(world, held, XLSX, kind="intyg", expected_version=3)
    assert xlsx.content_type.endswith("spreadsheetml.sheet")
    assert len(stored(media)) == 3
    held.refresh_from_db()
    assert held.version == 4
    with pytest.raises(StaleEditError):
        training_evidence_remove(actor=world["admin"], evidence=evidence, expected_version=1)
    with django_capture_on_commit_callbacks(execute=True):  # files go when committed
        training_evidence_remove(actor=world["admin"], evidence=evidence, expected_version=4)
    assert len(stored(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        training_delete(actor=world["admin"], training=held, expected_version=5)
    assert stored(media) == []
    details = AuditEvent.objects.filter(object_type="interventions.Training").values_list(
        "detail", flat=True
    )
    assert "Underlag tillagt: Fakturaunderlag: Faktura mars.pdf" in details
    assert "Underlag borttaget: Fakturaunderlag: Faktura mars.pdf" in details


@pytest.mark.parametrize(
    ("content", "kind", "field", "message"),
    [
        (DOCM, "faktura", "file", "Filer med makron tas inte emot"),
        (PLAIN_ZIP, "faktura", "file", "Filen är inte en PDF, Word-fil (DOCX)"),
        (b"MZ\x90\x00program", "faktura", "file", "Filen är inte en PDF"),
        (b"", "faktura", "file", "Filen är tom."),
        (PDF, "kvitto", "kind", "Välj vilken typ av underlag det är."),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(
    world: Any, held: Training, media: Path, content: bytes, kind: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        add(world, held, content, kind=kind)
    assert message in raised.value.message_dict[field][0]
    held.refresh_from_db()
    assert (held.version, TrainingEvidence.objects.count(), stored(media)) == (1, 0, [])


def test_evidence_over_the_size_limit_is_refused(
    world: Any, held: Training, media: Path, settings: Any
) -> None:
    settings.SAMSYN_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as raised:
        add(world, held, PDF + b"0" * 2048)
    assert "Filen är för stor" in raised.value.message_dict["file"][0]
    assert not TrainingEvidence.objects.exists()


def test_no_file_is_refused(world: Any, held: Training) -> None:
    with pytest.raises(ValidationError) as raised:
        add(world, held, upload=None)
    assert raised.value.message_dict["file"] == ["Välj en fil att ladda upp."]


@pytest.mark.parametrize("persona", ["coach", "styrgrupp", "handlaggare", "granskare", "outsider"])
def test_others_cannot_add_evidence(world: Any, held: Training, media: Path, persona: str):
    with pytest.raises(Http404):
        add(world, held, actor=world[persona])
    assert stored(media) == []


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def evidence(world: Any, held: Training) -> TrainingEvidence:
    return add(world, held)


def urls(world: Any, evidence: TrainingEvidence) -> dict[str, str]:
    args = [world.intervention.pk, evidence.training_id]
    return {
        "add": reverse("interventions:training_evidence_add", args=args),
        "get": reverse("interventions:training_evidence", args=[*args, evidence.pk]),
        "remove": reverse("interventions:training_evidence_remove", args=[*args, evidence.pk]),
        "list": reverse("interventions:trainings", args=args[:1]),
        "edit": reverse("interventions:training_edit", args=args),
    }


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "styrgrupp"])
def test_download_for_managers_and_styrgrupp_is_audited(
    as_persona: Persona, world: Any, evidence: TrainingEvidence, persona: str
) -> None:
    client = as_persona(persona)
    assert (
        urls(world, evidence)["get"] in client.get(urls(world, evidence)["list"]).content.decode()
    )
    response = client.get(urls(world, evidence)["get"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Faktura_mars.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.filter(action="export").get()
    assert (event.actor_id, event.detail) == (
        world[persona].pk,
        "Underlag hämtat: Fakturaunderlag: Faktura mars.pdf",
    )


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "granskare", "outsider", "nobody"])
def test_download_is_404_for_others(
    as_persona: Persona, world: Any, evidence: TrainingEvidence, persona: str
) -> None:
    client = as_persona(persona)
    assert client.get(urls(world, evidence)["get"]).status_code == 404
    if persona == "coach":  # sees the trainings, not the invoices
        page = client.get(urls(world, evidence)["list"]).content.decode()
        assert urls(world, evidence)["get"] not in page
    assert not AuditEvent.objects.filter(action="export").exists()


def test_anonymous_download_is_sent_to_login(client: Client, world: Any, evidence: Any) -> None:
    response = client.get(urls(world, evidence)["get"])
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig"])
def test_managers_upload_and_remove_through_the_page(
    as_persona: Persona, world: Any, evidence: TrainingEvidence, media: Path, persona: str
) -> None:
    client = as_persona(persona)
    page = client.get(urls(world, evidence)["edit"]).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Faktura mars.pdf" in page
    file = SimpleUploadedFile("närvaro.docx", DOCX)
    data = {"kind": "narvarolista", "file": file, "version": 2}
    response = client.post(urls(world, evidence)["add"], data)
    assert response.status_code == 302
    assert TrainingEvidence.objects.count() == 2
    response = client.post(urls(world, evidence)["remove"], {"version": 3, "confirm": "1"})
    assert response.status_code == 302
    assert list(TrainingEvidence.objects.values_list("original_name", flat=True)) == [
        "närvaro.docx"
    ]


def test_bad_upload_through_the_page_shows_a_swedish_message(
    as_persona: Persona, world: Any, evidence: TrainingEvidence
) -> None:
    client = as_persona("admin")
    data = {"kind": "faktura", "file": SimpleUploadedFile("faktura.docm", DOCM), "version": 2}
    response = client.post(urls(world, evidence)["add"], data)
    assert response.status_code == 200
    assert "Filer med makron tas inte emot" in response.content.decode()
    response = client.post(urls(world, evidence)["add"], {"kind": "", "version": 2})
    html = response.content.decode()
    assert response.status_code == 200 and "Fyll i det här fältet." in html
    assert TrainingEvidence.objects.count() == 1


@pytest.mark.parametrize("persona", ["styrgrupp", "coach", "handlaggare", "granskare", "outsider"])
def test_upload_and_remove_are_404_for_non_managers(
    as_persona: Persona, world: Any, evidence: TrainingEvidence, persona: str
) -> None:
    client = as_persona(persona)
    data = {"kind": "faktura", "file": SimpleUploadedFile("f.pdf", PDF), "version": 2}
    assert client.post(urls(world, evidence)["add"], data).status_code == 404
    assert client.post(urls(world, evidence)["remove"], {"version": 2}).status_code == 404
    assert TrainingEvidence.objects.count() == 1


def test_evidence_of_another_intervention_is_404(
    as_persona: Persona, world: Any, evidence: TrainingEvidence
) -> None:
    other = Training.objects.create(
        intervention=world.other_intervention, title="Annan", held_on=datetime.date(2025, 3, 1)
    )
    wrong = reverse(
        "interventions:training_evidence", args=[world.intervention.pk, other.pk, evidence.pk]
    )
    assert as_persona("admin").get(wrong).status_code == 404
