"""The implementation plan services: validation, audit, stale edits, ordering, defaults,
evidence sniffing and the audited download."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.models import ImplementationItem
from samsyn.interventions.services.implementation import (
    ItemFields,
    implementation_defaults_create,
    implementation_evidence_open,
    implementation_item_create,
    implementation_item_delete,
    implementation_item_move,
    implementation_item_update,
    sniff_evidence,
)
from samsyn.interventions.tests.implementation_setup import (
    DOCM,
    DOCX,
    PDF,
    PLAIN_ZIP,
    PNG,
    XLSX,
    media_fixture,  # noqa: F401 - the media fixture
    upload,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def events() -> list[tuple[str, str]]:
    rows = AuditEvent.objects.filter(object_type="interventions.ImplementationItem")
    return [(event.action, event.role) for event in rows.order_by("id")]


def test_create_update_delete_are_audited(world: Any) -> None:
    item = implementation_item_create(
        actor=world["insatsansvarig"],
        intervention=world.intervention,
        fields=ItemFields(title=" Förankrat ", responsible_party=world.region, note=" Ok "),
    )
    assert (item.title, item.note, item.status, item.order) == (
        "Förankrat",
        "Ok",
        "ej_paborjad",
        1,
    )
    done = ItemFields(title="Förankrat", status="klar", done_on=D(2025, 2, 1))
    implementation_item_update(actor=world["admin"], item=item, fields=done, expected_version=1)
    item.refresh_from_db()
    assert (item.status, item.done_on, item.version) == ("klar", D(2025, 2, 1), 2)
    implementation_item_delete(actor=world["admin"], item=item, expected_version=2)
    assert not ImplementationItem.objects.exists()
    assert events() == [
        ("create", "insatsansvarig"),
        ("update", "forbundsadministrator"),
        ("delete", "forbundsadministrator"),
    ]


TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (ItemFields(title=" "), "title", "Ange vad punkten gäller."),
        (ItemFields(title="x" * 201), "title", "Punkten får vara högst 200 tecken."),
        (
            ItemFields(title="A", status="halvklar"),
            "status",
            "Välj ej påbörjad, pågående eller klar.",
        ),
        (ItemFields(title="A", status="klar"), "done_on", "Ange datum då punkten blev klar."),
        (
            ItemFields(title="A", status="klar", done_on=TOMORROW),
            "done_on",
            "Klart datum kan inte ligga i framtiden.",
        ),
        (ItemFields(title="A", note="n" * 5001), "note", "Kommentaren får vara högst 5000 tecken."),
    ],
)
def test_bad_items_are_refused(world: Any, fields: ItemFields, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        implementation_item_create(
            actor=world["admin"], intervention=world.intervention, fields=fields
        )
    assert raised.value.message_dict[field] == [message]
    assert not ImplementationItem.objects.exists()
    assert events() == []


def test_party_of_another_forbund_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        implementation_item_create(
            actor=world["admin"],
            intervention=world.intervention,
            fields=ItemFields(title="A", responsible_party=world.other_party),
        )
    assert raised.value.message_dict["responsible_party"] == ["Välj en av förbundets parter."]


def test_done_date_is_dropped_unless_done(world: Any) -> None:
    item = implementation_item_create(
        actor=world["admin"],
        intervention=world.intervention,
        fields=ItemFields(title="A", status="pagaende", done_on=D(2025, 1, 1)),
    )
    item.refresh_from_db()
    assert item.done_on is None


def test_stale_edit_and_delete_change_nothing(world: Any) -> None:
    item = implementation_item_create(
        actor=world["admin"], intervention=world.intervention, fields=ItemFields(title="A")
    )
    implementation_item_update(
        actor=world["admin"], item=item, fields=ItemFields(title="B"), expected_version=1
    )
    stale = ImplementationItem.objects.get(pk=item.pk)
    with pytest.raises(StaleEditError):
        implementation_item_update(
            actor=world["admin"], item=stale, fields=ItemFields(title="C"), expected_version=1
        )
    with pytest.raises(StaleEditError):
        implementation_item_delete(actor=world["admin"], item=stale, expected_version=1)
    with pytest.raises(StaleEditError):
        implementation_item_move(
            actor=world["admin"], item=stale, direction="upp", expected_version=1
        )
    item.refresh_from_db()
    assert (item.title, item.version) == ("B", 2)


def test_defaults_only_on_an_empty_plan_and_moving(world: Any) -> None:
    items = implementation_defaults_create(actor=world["admin"], intervention=world.intervention)
    assert [item.title for item in items] == [
        "Förankrat i styrgruppen",
        "Formellt beslut om metoden",
        "Fortsatt finansiering beslutad",
    ]
    with pytest.raises(ValidationError):
        implementation_defaults_create(actor=world["admin"], intervention=world.intervention)
    assert ImplementationItem.objects.count() == 3
    last = ImplementationItem.objects.get(title="Fortsatt finansiering beslutad")
    implementation_item_move(actor=world["admin"], item=last, direction="upp", expected_version=1)
    first = ImplementationItem.objects.get(title="Förankrat i styrgruppen")
    implementation_item_move(actor=world["admin"], item=first, direction="upp", expected_version=1)
    order = ImplementationItem.objects.order_by("order").values_list("title", "order")
    assert list(order) == [
        ("Förankrat i styrgruppen", 1),
        ("Fortsatt finansiering beslutad", 2),
        ("Formellt beslut om metoden", 3),
    ]
    new = implementation_item_create(
        actor=world["admin"], intervention=world.intervention, fields=ItemFields(title="Ny")
    )
    assert new.order == 4


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("protokoll.pdf", PDF, "application/pdf", ".pdf"),
        ("bild.png", PNG, "image/png", ".png"),
        (
            "beslut.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        (
            "budget.xlsx",
            XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xlsx",
        ),
        ("fel-namn.txt", PDF, "application/pdf", ".pdf"),  # the content decides, not the name
    ],
)
def test_sniffing_accepts_the_known_kinds(
    name: str, content: bytes, content_type: str, extension: str
) -> None:
    kind = sniff_evidence(upload(name, content, "text/plain"))
    assert (kind.content_type, kind.extension) == (content_type, extension)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen är tom."),
        (b"MZ\x90\x00 a program", "Filen är inte en PDF"),
        (b"just text pretending to be a pdf", "Filen är inte en PDF"),
        (DOCM, "Filen är inte en PDF"),
        (PLAIN_ZIP, "Filen är inte en PDF"),
        (b"PK\x03\x04broken", "Filen är inte en PDF"),
    ],
)
def test_sniffing_refuses_other_content(content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        sniff_evidence(upload("beslut.pdf", content))
    assert raised.value.messages[0].startswith(message)


def test_evidence_with_macros_is_refused(world: Any, media: Path) -> None:
    with pytest.raises(ValidationError) as raised:
        implementation_item_create(
            actor=world["admin"],
            intervention=world.intervention,
            fields=ItemFields(title="A"),
            evidence=upload("beslut.docx", DOCM),
        )
    assert "makron" in raised.value.message_dict["evidence"][0]
    assert not ImplementationItem.objects.exists()


def test_too_large_file_is_refused(world: Any, media: Path) -> None:
    big = upload("stor.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as raised:
        implementation_item_create(
            actor=world["admin"],
            intervention=world.intervention,
            fields=ItemFields(title="A"),
            evidence=big,
        )
    assert raised.value.message_dict["evidence"][0].startswith("Filen är för stor (10,0 MB)")
    assert not ImplementationItem.objects.exists()
    assert not media.exists() or not any(media.rglob("*.pdf"))


def test_evidence_stored_replaced_removed_and_download_audited(world: Any, media: Path) -> None:
    item = implementation_item_create(
        actor=world["admin"],
        intervention=world.intervention,
        fields=ItemFields(title="Beslut"),
        evidence=upload("Beslut styrgrupp.pdf", PDF),
    )
    item.refresh_from_db()
    name = str(item.evidence)
    assert name.startswith("implementering/") and name.endswith(".pdf")
    assert (item.evidence_name, item.evidence_type) == ("Beslut styrgrupp.pdf", "application/pdf")
    handle, content_type, filename = implementation_evidence_open(
        actor=world["styrgrupp"], item=item
    )
    with handle:
        assert handle.read() == PDF
    assert (content_type, filename) == ("application/pdf", "Beslut_styrgrupp.pdf")
    exported = AuditEvent.objects.get(action="export")
    assert (exported.role, exported.intervention_id, exported.actor_id) == (
        "styrgrupp",
        world.intervention.pk,
        world["styrgrupp"].pk,
    )
    implementation_item_update(
        actor=world["admin"],
        item=item,
        fields=ItemFields(title="Beslut"),
        expected_version=1,
        evidence=upload("tabell.xlsx", XLSX),
    )
    item.refresh_from_db()
    assert str(item.evidence).endswith(".xlsx") and item.evidence_name == "tabell.xlsx"
    implementation_item_update(
        actor=world["admin"],
        item=item,
        fields=ItemFields(title="Beslut"),
        expected_version=2,
        remove_evidence=True,
    )
    item.refresh_from_db()
    assert (item.evidence.name, item.evidence_type, item.version) == ("", "", 3)
    with pytest.raises(Http404):
        implementation_evidence_open(actor=world["admin"], item=item)


def test_refused_upload_changes_nothing(world: Any, media: Path) -> None:
    item = implementation_item_create(
        actor=world["admin"], intervention=world.intervention, fields=ItemFields(title="A")
    )
    with pytest.raises(ValidationError) as raised:
        implementation_item_update(
            actor=world["admin"],
            item=item,
            fields=ItemFields(title="B"),
            expected_version=1,
            evidence=upload("x.docx", DOCM),
        )
    assert "evidence" in raised.value.message_dict
    item.refresh_from_db()
    assert (item.title, item.version, item.evidence.name) == ("A", 1, "")


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "granskare", "outsider"])
def test_download_is_404_outside_the_plan_viewers(world: Any, media: Path, persona: str) -> None:
    item = implementation_item_create(
        actor=world["admin"],
        intervention=world.intervention,
        fields=ItemFields(title="A"),
        evidence=upload("a.pdf", PDF),
    )
    with pytest.raises(Http404):
        implementation_evidence_open(actor=world[persona], item=item)
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider"])
def test_others_cannot_manage(world: Any, persona: str) -> None:
    item = implementation_item_create(
        actor=world["admin"], intervention=world.intervention, fields=ItemFields(title="A")
    )
    actor = world[persona]
    with pytest.raises(Http404):
        implementation_item_create(
            actor=actor, intervention=world.intervention, fields=ItemFields(title="B")
        )
    with pytest.raises(Http404):
        implementation_item_update(
            actor=actor, item=item, fields=ItemFields(title="B"), expected_version=1
        )
    with pytest.raises(Http404):
        implementation_item_delete(actor=actor, item=item, expected_version=1)
    with pytest.raises(Http404):
        implementation_defaults_create(actor=actor, intervention=world.intervention)
    assert list(ImplementationItem.objects.values_list("title", flat=True)) == ["A"]
