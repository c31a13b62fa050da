"""Trainings of an intervention, the people who attended them and their evidence.

Managed by the förbundsadministratör of the intervention's förbund and by its insatsansvarig;
everyone else gets a 404. Every change is audited. Attendance is per person
(``TrainingAttendee``: name, party, role, once per intervention), so a person attending
several trainings counts once (seed 000 counts people trained: "Att utbilda 2 st medarbetare
… samt 25 st chefer/beslutsfattare och operativa medarbetare"). Evidence documents
("styrkta dokument om genomförd utbildning samt fakturaunderlag", seed 000) are judged by
their content (samsyn/core/files/sniffing) like the implementation plan's. Attendance and
evidence rows carry no version of their own: every change to them bumps the training's
version, so two people editing the same training cannot overwrite each other.
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
from django.http import Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.files.sniffing import DOCX, JPEG, PDF, PNG, XLSX, DocumentKind, sniff_upload
from samsyn.core.models import Party, User
from samsyn.core.roles import Role
from samsyn.core.versioning import delete_versioned, save_versioned
from samsyn.interventions.models import (
    EvidenceKind,
    Intervention,
    Training,
    TrainingAttendance,
    TrainingAttendee,
    TrainingEvidence,
    TrainingRole,
    attendee_key,
)
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.trainings import evidence_viewer_role
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.interventions.services.deleted import remember_deleted

TRAINING_FIELDS = ["title", "held_on", "provider", "description"]
MAX_NAME = 200
MAX_DESCRIPTION = 5000
EARLIEST_DATE = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class TrainingFields:
    title: str
    held_on: datetime.date | None
    provider: str = ""
    description: str = ""


def manager_role(actor: User, intervention: Intervention) -> str:
    """The role the actor manages the intervention's trainings and implementation plan in
    (for the audit log); 404 without one."""
    for role in (Role.FORBUNDSADMIN, Role.INSATSANSVARIG):
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


def _audit(actor: User, role: str, action: AuditAction, training: Training, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=training.intervention.forbund,
        intervention=training.intervention,
        role=role,
        obj=training,
        detail=detail,
    )


def _clean(fields: TrainingFields) -> TrainingFields:
    errors: Errors = {}
    title = fields.title.strip()
    provider = fields.provider.strip()
    description = fields.description.strip()
    if not title:
        errors["title"] = [_("Ange en rubrik.")]
    elif len(title) > 200:
        errors["title"] = [_("Rubriken får vara högst 200 tecken.")]
    if fields.held_on is None:
        errors["held_on"] = [_("Ange datum för utbildningen.")]
    elif fields.held_on < EARLIEST_DATE:
        errors["held_on"] = [_("Datumet är orimligt tidigt; skriv ÅÅÅÅ-MM-DD.")]
    if len(provider) > 200:
        errors["provider"] = [_("Utbildarens namn får vara högst 200 tecken.")]
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = [_("Beskrivningen får vara högst 5000 tecken.")]
    raise_if(errors)
    return TrainingFields(title, fields.held_on, provider, description)


@transaction.atomic
def training_create(*, actor: User, intervention: Intervention, fields: TrainingFields) -> Training:
    role = manager_role(actor, intervention)
    clean = _clean(fields)
    training = Training(
        intervention=intervention, **{n: getattr(clean, n) for n in TRAINING_FIELDS}
    )
    training.save()
    _audit(actor, role, AuditAction.CREATE, training, f"Utbildning tillagd: {training.title}")
    return training


@transaction.atomic
def training_update(
    *, actor: User, training: Training, fields: TrainingFields, expected_version: int
) -> Training:
    """Change a training, if nobody else changed it since the form was shown."""
    role = manager_role(actor, training.intervention)
    clean = _clean(fields)
    for name in TRAINING_FIELDS:
        setattr(training, name, getattr(clean, name))
    save_versioned(training, expected_version=expected_version, fields=TRAINING_FIELDS)
    _audit(actor, role, AuditAction.UPDATE, training, f"Utbildning ändrad: {training.title}")
    return training


@transaction.atomic
def training_delete(*, actor: User, training: Training, expected_version: int) -> None:
    """Remove a training with its attendance rows and evidence; people who attended no
    other training go with it."""
    role = manager_role(actor, training.intervention)
    files = [evidence.file.name for evidence in training.evidence.all()]
    delete_versioned(training, expected_version=expected_version)
    TrainingAttendee.objects.filter(
        intervention=training.intervention, attendance__isnull=True
    ).delete()
    for name in files:
        _delete_file_on_commit(name)
    _audit(actor, role, AuditAction.DELETE, training, f"Utbildning borttagen: {training.title}")


# --- attendance: people, each counted once ----------------------------------------------


@dataclass(frozen=True)
class AttendeeFields:
    """Who attended: an earlier attendee of the intervention, or a name, party and role."""

    attendee: TrainingAttendee | None = None
    name: str = ""
    party: Party | None = None
    role: str = ""


def _new_attendee(training: Training, fields: AttendeeFields) -> TrainingAttendee:
    """The person named in ``fields``: the intervention's attendee of that party and name
    (compared without case and extra spaces), else a new one; refused in Swedish."""
    intervention = training.intervention
    errors: Errors = {}
    name = " ".join(fields.name.split())
    party = fields.party
    if not name:
        errors["name"] = [_("Ange personens namn, eller välj en tidigare deltagare.")]
    elif len(name) > MAX_NAME:
        errors["name"] = [_("Namnet får vara högst 200 tecken.")]
    if party is None or party.forbund_id != intervention.forbund_id:
        errors["party"] = [_("Välj en av förbundets parter.")]
    if fields.role not in TrainingRole.values:
        errors["role"] = [_("Välj en yrkesroll i listan.")]
    raise_if(errors)
    assert party is not None
    known = TrainingAttendee.objects.filter(
        intervention=intervention, party=party, name_key=attendee_key(name)
    ).first()
    if known is None:
        return TrainingAttendee.objects.create(
            intervention=intervention, name=name, party=party, role=fields.role
        )
    if known.role != fields.role:
        message = _(
            "%(name)s hos %(party)s är redan registrerad som %(role)s. En person räknas i en "
            "yrkesroll; välj personen i listan över tidigare deltagare."
        ) % {"name": known.name, "party": party.name, "role": known.get_role_display().lower()}
        raise_if({"role": [message]})
    return known


def _describe(row: TrainingAttendance) -> str:
    person = row.attendee
    return f"{person.name}, {person.party.name}, {person.role}"


@transaction.atomic
def attendance_add(
    *, actor: User, training: Training, fields: AttendeeFields, expected_version: int
) -> TrainingAttendance:
    """Record that one person attended the training. The person is an earlier attendee of
    the intervention or a new one; attending several trainings they still count once."""
    training_role = manager_role(actor, training.intervention)
    person = fields.attendee
    if person is not None and person.intervention_id != training.intervention_id:
        raise_if({"attendee": [_("Välj en person i listan.")]})
    if person is None:
        person = _new_attendee(training, fields)
    if training.attendance.filter(attendee=person).exists():
        raise_if({"name": [_("%(name)s finns redan på utbildningen.") % {"name": person.name}]})
    save_versioned(training, expected_version=expected_version, fields=[])
    row = TrainingAttendance.objects.create(training=training, attendee=person)
    _audit(actor, training_role, AuditAction.UPDATE, training, f"Deltagare: {_describe(row)}")
    return row


@transaction.atomic
def attendance_remove(*, actor: User, row: TrainingAttendance, expected_version: int) -> None:
    """Remove one person from a training; a person left without any training is removed
    from the intervention's attendees too."""
    training = row.training
    role = manager_role(actor, training.intervention)
    save_versioned(training, expected_version=expected_version, fields=[])
    person = row.attendee
    kept = TrainingAttendance(pk=row.pk, training_id=row.training_id, attendee_id=person.pk)
    row.delete()
    alone = not person.attendance.exists()
    label = _("Deltagare på utbildningen %(training)s: %(name)s, %(party)s") % {
        "training": training.title,
        "name": person.name,
        "party": person.party.name,
    }
    # A person who attended nothing else goes too, and comes back first on a restore.
    remember_deleted(
        actor=actor,
        intervention=training.intervention,
        instance=kept,
        kind="training_attendance",
        label=label,
        also=[person] if alone else [],
    )
    if alone:
        person.delete()
    _audit(actor, role, AuditAction.UPDATE, training, f"Deltagare borttagen: {_describe(row)}")


@transaction.atomic
def attendee_rename(*, actor: User, attendee: TrainingAttendee, name: str) -> TrainingAttendee:
    """Correct a person's name (for example one of the "Namnlös" people made from the old
    counts); refused when the party already has a person of that name."""
    role = manager_role(actor, attendee.intervention)
    clean = " ".join(name.split())
    errors: Errors = {}
    if not clean:
        errors["name"] = [_("Ange personens namn.")]
    elif len(clean) > MAX_NAME:
        errors["name"] = [_("Namnet får vara högst 200 tecken.")]
    elif (
        TrainingAttendee.objects.filter(
            intervention=attendee.intervention_id,
            party=attendee.party_id,
            name_key=attendee_key(clean),
        )
        .exclude(pk=attendee.pk)
        .exists()
    ):
        errors["name"] = [_("Parten har redan en person med det namnet.")]
    raise_if(errors)
    old = attendee.name
    attendee.name = clean
    attendee.save(update_fields=["name", "name_key"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        forbund=attendee.intervention.forbund,
        intervention=attendee.intervention,
        role=role,
        obj=attendee,
        detail=f"Utbildad person bytte namn: {old} -> {clean}"[:255],
    )
    return attendee


# --- evidence: attendance lists, certificates, invoices -----------------------------------


def sniff_training_evidence(upload: UploadedFile) -> DocumentKind:
    """Check size and content of a training's evidence (PDF, DOCX, XLSX, PNG or JPEG,
    refused with macros); raises ValidationError in Swedish."""
    return sniff_upload(
        upload,
        accept=(PDF, DOCX, XLSX, PNG, JPEG),
        refusal=_(
            "Filen är inte en PDF, Word-fil (DOCX), Excel-fil (XLSX), PNG eller JPEG. "
            "Spara underlaget i något av de formaten och ladda upp det igen."
        ),
    )


def _delete_file_on_commit(name: str | None) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def training_evidence_add(
    *,
    actor: User,
    training: Training,
    kind: str,
    upload: UploadedFile | None,
    expected_version: int,
) -> TrainingEvidence:
    """Attach a document proving the training (seed 000: "styrkta dokument om genomförd
    utbildning samt fakturaunderlag"). The file is judged by its content and stored under a
    generated name, last, after every check."""
    role = manager_role(actor, training.intervention)
    errors: Errors = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = [_("Välj vilken typ av underlag det är.")]
    document: DocumentKind | None = None
    if upload is None:
        errors["file"] = [_("Välj en fil att ladda upp.")]
    else:
        try:
            document = sniff_training_evidence(upload)
        except ValidationError as error:
            errors["file"] = error.messages
    raise_if(errors)
    assert upload is not None and document is not None
    save_versioned(training, expected_version=expected_version, fields=[])
    original = PurePath(upload.name or "").name[:200] or f"underlag{document.extension}"
    evidence = TrainingEvidence(
        training=training, kind=kind, original_name=original, content_type=document.content_type
    )
    evidence.file.save(f"underlag{document.extension}", upload, save=False)
    evidence.save()
    _audit(actor, role, AuditAction.UPDATE, training, f"Underlag tillagt: {evidence}"[:255])
    return evidence


@transaction.atomic
def training_evidence_remove(
    *, actor: User, evidence: TrainingEvidence, expected_version: int
) -> None:
    training = evidence.training
    role = manager_role(actor, training.intervention)
    save_versioned(training, expected_version=expected_version, fields=[])
    name = evidence.file.name
    evidence.delete()
    _delete_file_on_commit(name)
    _audit(actor, role, AuditAction.UPDATE, training, f"Underlag borttaget: {evidence}"[:255])


def training_evidence_open(*, actor: User, evidence: TrainingEvidence) -> tuple[File, str, str]:
    """Open a training's evidence for download: (file, content type, download name); the
    download is logged as an export with the actor's role."""
    role = evidence_viewer_role(actor, evidence.training.intervention)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(evidence.file.name or "").suffix
    stem = get_valid_filename(PurePath(evidence.original_name).stem or "underlag") or "underlag"
    _audit(
        actor,
        role,
        AuditAction.EXPORT,
        evidence.training,
        f"Underlag hämtat: {evidence}"[:255],
    )
    return handle, evidence.content_type, f"{stem}{extension}"


__all__ = [
    "AttendeeFields",
    "TrainingFields",
    "attendance_add",
    "attendance_remove",
    "attendee_rename",
    "manager_role",
    "sniff_training_evidence",
    "training_create",
    "training_delete",
    "training_evidence_add",
    "training_evidence_open",
    "training_evidence_remove",
    "training_update",
]
