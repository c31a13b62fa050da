"""The implementation plan of an intervention: items with status, dates, responsible party
and an evidence document.

Managed by the förbundsadministratör of the intervention's förbund and its insatsansvarig
(404 for everyone else); downloading the evidence is also open to the styrgrupp. Every
change and every download is audited. The evidence is judged by its content
(``sniff_evidence``, through samsyn/core/files/sniffing) and stored under a generated name,
after every check and row, so a refused change leaves no file behind.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.files.sniffing import DOCX, JPEG, PDF, PNG, XLSX, DocumentKind, sniff_upload
from samsyn.core.models import Party, User
from samsyn.core.versioning import StaleEditError, save_versioned
from samsyn.interventions.models import ImplementationItem, ImplementationStatus, Intervention
from samsyn.interventions.selectors.implementation import plan_role
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.interventions.services.deleted import remember_deleted
from samsyn.interventions.services.trainings import manager_role

ITEM_FIELDS = ["title", "status", "due_on", "done_on", "responsible_party", "note"]
MAX_NOTE = 5000
UP, DOWN = "upp", "ned"
# Offered when the plan is empty (DOMAIN.md); translated when created.
DEFAULT_ITEMS = (
    gettext_lazy("Förankrat i styrgruppen"),
    gettext_lazy("Formellt beslut om metoden"),
    gettext_lazy("Fortsatt finansiering beslutad"),
)


@dataclass(frozen=True)
class ItemFields:
    title: str
    status: str = ImplementationStatus.NOT_STARTED
    due_on: datetime.date | None = None
    done_on: datetime.date | None = None
    responsible_party: Party | None = None
    note: str = ""


def _audit(
    actor: User, role: str, action: AuditAction, item: ImplementationItem, detail: str
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=item.intervention.forbund,
        intervention=item.intervention,
        role=role,
        obj=item,
        detail=detail,
    )


def _check_done(fields: ItemFields, errors: Errors) -> None:
    if fields.status != ImplementationStatus.DONE:
        return
    if fields.done_on is None:
        errors["done_on"] = [_("Ange datum då punkten blev klar.")]
    elif fields.done_on > timezone.localdate():
        errors["done_on"] = [_("Klart datum kan inte ligga i framtiden.")]


def _clean(fields: ItemFields, intervention: Intervention) -> ItemFields:
    errors: Errors = {}
    title, note = fields.title.strip(), fields.note.strip()
    if not title:
        errors["title"] = [_("Ange vad punkten gäller.")]
    elif len(title) > 200:
        errors["title"] = [_("Punkten får vara högst 200 tecken.")]
    if fields.status not in ImplementationStatus.values:
        errors["status"] = [_("Välj ej påbörjad, pågående eller klar.")]
    _check_done(fields, errors)
    party = fields.responsible_party
    if party is not None and party.forbund_id != intervention.forbund_id:
        errors["responsible_party"] = [_("Välj en av förbundets parter.")]
    if len(note) > MAX_NOTE:
        errors["note"] = [_("Kommentaren får vara högst 5000 tecken.")]
    raise_if(errors)
    # A done date belongs only to a done item; for the others it is dropped.
    done_on = fields.done_on if fields.status == ImplementationStatus.DONE else None
    return ItemFields(title, fields.status, fields.due_on, done_on, party, note)


def sniff_evidence(upload: UploadedFile) -> DocumentKind:
    """Check size and content of an evidence document (PDF, DOCX, XLSX, PNG or JPEG, refused
    with macros); raises ValidationError in Swedish."""
    return sniff_upload(
        upload,
        accept=(PDF, DOCX, XLSX, PNG, JPEG),
        refusal=_(
            "Filen är inte en PDF, Word-fil (DOCX), Excel-fil (XLSX), PNG eller JPEG. "
            "Spara underlaget i något av de formaten och ladda upp det igen."
        ),
    )


def _sniffed(evidence: UploadedFile | None) -> DocumentKind | None:
    if evidence is None:
        return None
    try:
        return sniff_evidence(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages}) from None


def _store_evidence(item: ImplementationItem, evidence: UploadedFile, kind: DocumentKind) -> None:
    """Last, after every check and row: store the file under a generated name."""
    old_name = item.evidence.name if item.evidence else ""
    item.evidence.save(f"underlag{kind.extension}", evidence, save=False)
    original = PurePath(evidence.name or "").name[:200] or f"underlag{kind.extension}"
    item.evidence_name = original
    item.evidence_type = kind.content_type
    ImplementationItem.objects.filter(pk=item.pk).update(
        evidence=item.evidence.name, evidence_name=original, evidence_type=kind.content_type
    )
    if old_name:
        _delete_file_on_commit(old_name)


def _delete_file_on_commit(name: str | None) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def implementation_item_create(
    *,
    actor: User,
    intervention: Intervention,
    fields: ItemFields,
    evidence: UploadedFile | None = None,
) -> ImplementationItem:
    role = manager_role(actor, intervention)
    clean = _clean(fields, intervention)
    kind = _sniffed(evidence)
    last = ImplementationItem.objects.filter(intervention=intervention).aggregate(Max("order"))
    item = ImplementationItem(
        intervention=intervention,
        order=(last["order__max"] or 0) + 1,
        **{name: getattr(clean, name) for name in ITEM_FIELDS},
    )
    item.save()
    _audit(actor, role, AuditAction.CREATE, item, f"Implementeringspunkt tillagd: {item.title}")
    if evidence is not None and kind is not None:
        _store_evidence(item, evidence, kind)
    return item


@transaction.atomic
def implementation_item_update(
    *,
    actor: User,
    item: ImplementationItem,
    fields: ItemFields,
    expected_version: int,
    evidence: UploadedFile | None = None,
    remove_evidence: bool = False,
) -> ImplementationItem:
    """Change an item, if nobody else changed it since the form was shown; a new evidence
    document replaces the old one, ``remove_evidence`` removes it."""
    role = manager_role(actor, item.intervention)
    clean = _clean(fields, item.intervention)
    kind = _sniffed(evidence)
    for name in ITEM_FIELDS:
        setattr(item, name, getattr(clean, name))
    changed = list(ITEM_FIELDS)
    if remove_evidence and evidence is None and item.evidence:
        _delete_file_on_commit(item.evidence.name)
        item.evidence, item.evidence_name, item.evidence_type = "", "", ""
        changed += ["evidence", "evidence_name", "evidence_type"]
    save_versioned(item, expected_version=expected_version, fields=changed)
    detail = f"Implementeringspunkt ändrad: {item.title}"
    if evidence is not None and kind is not None:
        _store_evidence(item, evidence, kind)
        detail += " (nytt underlag)"
    _audit(actor, role, AuditAction.UPDATE, item, detail)
    return item


@transaction.atomic
def implementation_item_delete(
    *, actor: User, item: ImplementationItem, expected_version: int
) -> None:
    role = manager_role(actor, item.intervention)
    stale = ImplementationItem.objects.filter(pk=item.pk, version=expected_version)
    deleted, _counts = stale.delete()
    if not deleted:
        raise StaleEditError()
    evidence = item.evidence.name if item.evidence else None
    # The evidence file goes at once (it may name people); a restored item comes back without
    # it, and its label says so (docs/deleting.md).
    item.evidence = None
    label = _("Implementeringspunkt: %(title)s") % {"title": item.title}
    if evidence:
        label = _("Implementeringspunkt: %(title)s (underlaget kan inte återställas)") % {
            "title": item.title
        }
    remember_deleted(
        actor=actor,
        intervention=item.intervention,
        instance=item,
        kind="implementation_item",
        label=label,
    )
    _delete_file_on_commit(evidence)
    _audit(actor, role, AuditAction.DELETE, item, f"Implementeringspunkt borttagen: {item.title}")


@transaction.atomic
def implementation_item_move(
    *, actor: User, item: ImplementationItem, direction: str, expected_version: int
) -> None:
    """Move an item one step up or down; the plan is renumbered 1, 2, … in its new order."""
    role = manager_role(actor, item.intervention)
    if direction not in (UP, DOWN):
        raise_if({"direction": [_("Välj upp eller ned.")]})
    save_versioned(item, expected_version=expected_version, fields=[])
    items = list(
        ImplementationItem.objects.filter(intervention=item.intervention).order_by("order", "id")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for number, other in enumerate(items, start=1):
        other.order = number
    ImplementationItem.objects.bulk_update(items, ["order"])
    _audit(actor, role, AuditAction.UPDATE, item, f"Implementeringspunkt flyttad: {item.title}")


@transaction.atomic
def implementation_defaults_create(
    *, actor: User, intervention: Intervention
) -> list[ImplementationItem]:
    """The three standard items, only while the plan is empty."""
    role = manager_role(actor, intervention)
    if ImplementationItem.objects.filter(intervention=intervention).exists():
        raise_if({"__all__": [_("Planen har redan punkter; lägg till fler en i taget.")]})
    items = [
        ImplementationItem.objects.create(intervention=intervention, title=str(title), order=n)
        for n, title in enumerate(DEFAULT_ITEMS, start=1)
    ]
    for item in items:
        _audit(actor, role, AuditAction.CREATE, item, f"Standardpunkt tillagd: {item.title}")
    return items


def implementation_evidence_open(*, actor: User, item: ImplementationItem) -> tuple[File, str, str]:
    """Open the evidence for download: (file, content type, download name). Logged."""
    role = plan_role(actor, item.intervention)
    if not item.evidence or not item.evidence_type:
        raise Http404
    try:
        handle = item.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(item.evidence.name or "").suffix
    stem = get_valid_filename(PurePath(item.evidence_name).stem or "underlag") or "underlag"
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        forbund=item.intervention.forbund,
        intervention=item.intervention,
        role=role,
        obj=item,
        detail=f"Underlag hämtat: {item.title}"[:255],
    )
    return handle, item.evidence_type, f"{stem}{extension}"


__all__ = [
    "DEFAULT_ITEMS",
    "DOWN",
    "UP",
    "ItemFields",
    "implementation_defaults_create",
    "implementation_evidence_open",
    "implementation_item_create",
    "implementation_item_delete",
    "implementation_item_move",
    "implementation_item_update",
]
