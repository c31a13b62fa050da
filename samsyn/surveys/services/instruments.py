"""Writes of instruments: import from a file, Samsyn's example, a new version, the status and
the in-place edit of a draft not yet in use.

Only the förbundsadministratör writes a förbund's instruments; the shipped ones (no förbund)
are written only by the system (``actor=None``: the management command and the demo).
An instrument a survey uses is never edited in place (the results would change wording under
them): ``instrument_new_version`` copies it to the next version instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.files.limits import max_upload_bytes, megabytes
from samsyn.core.files.sniffing import ZIP_SIGNATURE
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.core.versioning import StaleEditError
from samsyn.surveys.importing.json_format import read_json
from samsyn.surveys.importing.raw import InstrumentFileError
from samsyn.surveys.importing.spec import InstrumentSpec, QuestionSpec, check
from samsyn.surveys.importing.xlsx_format import read_xlsx
from samsyn.surveys.models import (
    Choice,
    Indicator,
    Instrument,
    InstrumentStatus,
    Question,
    QuestionGroup,
    ScaleStep,
)

EXAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "example_instrument.json"
IN_USE = gettext_lazy(
    "Instrumentet används av en enkät och kan inte ändras. Skapa en ny version i stället."
)


def _check_may_write(actor: User | None, forbund: Forbund | None) -> None:
    """The förbund's administrator writes its instruments; shipped ones only the system."""
    if forbund is None:
        if actor is not None:
            raise Http404
        return
    if actor is not None and not forbunds_administered_by(actor).filter(pk=forbund.pk).exists():
        raise Http404


def _audit(actor: User | None, action: AuditAction, instrument: Instrument, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=instrument.forbund,
        role=Role.FORBUNDSADMIN if actor is not None and instrument.forbund else "",
        obj=instrument,
        detail=detail,
        actor_username="" if actor is not None else "system",
    )


def read_instrument_file(data: bytes) -> InstrumentSpec:
    """The checked content of a JSON or XLSX file (by content), or InstrumentFileError."""
    if len(data) > max_upload_bytes():
        raise InstrumentFileError(
            _("Filen är större än %(mb)s MB.") % {"mb": megabytes(max_upload_bytes())}
        )
    if not data.strip():
        raise InstrumentFileError(_("Filen är tom."))
    raw = read_xlsx(data) if data.startswith(ZIP_SIGNATURE) else read_json(data)
    return check(raw)


def _next_version(forbund: Forbund | None, key: str) -> int:
    latest = Instrument.objects.filter(forbund=forbund, key=key).aggregate(Max("version"))
    return (latest["version__max"] or 0) + 1


def _create(
    spec: InstrumentSpec, *, forbund: Forbund | None, status: str = InstrumentStatus.DRAFT
) -> Instrument:
    """Write the checked spec as the next version of its key in ``forbund``."""
    previous = Instrument.objects.filter(forbund=forbund, key=spec.key).order_by("-version").first()
    instrument = Instrument.objects.create(
        forbund=forbund,
        key=spec.key,
        name=spec.name,
        source=spec.source,
        description=spec.description,
        version=(previous.version + 1) if previous else 1,
        previous_version=previous,
        status=status,
    )
    indicators = {
        code: Indicator.objects.create(
            instrument=instrument, code=code, name=name, description=description, order=order
        )
        for order, (code, name, description) in enumerate(spec.indicators, start=1)
    }
    for order, item in enumerate(spec.questions, start=1):
        question = Question.objects.create(
            instrument=instrument,
            code=item.code,
            text=item.text,
            kind=item.kind,
            order=order,
            indicator=indicators.get(item.indicator),
            is_gender_question=item.is_gender_question,
            positive_steps=item.positive,
        )
        QuestionGroup.objects.bulk_create(
            QuestionGroup(question=question, group=group) for group in item.groups
        )
        ScaleStep.objects.bulk_create(
            ScaleStep(question=question, value=value, label=label, order=number)
            for number, (value, label) in enumerate(item.steps, start=1)
        )
        Choice.objects.bulk_create(
            Choice(question=question, value=value, label=label, order=number)
            for number, (value, label) in enumerate(item.choices, start=1)
        )
    return instrument


@transaction.atomic
def instrument_import(*, actor: User, forbund: Forbund, file: IO[bytes]) -> Instrument:
    """Load an instrument file into ``forbund`` unchanged, as a draft. A key the förbund
    already has becomes its next version. All or nothing: a bad file changes nothing."""
    _check_may_write(actor, forbund)
    spec = read_instrument_file(file.read(max_upload_bytes() + 1))
    instrument = _create(spec, forbund=forbund)
    name = getattr(file, "name", "") or ""
    _audit(actor, AuditAction.CREATE, instrument, f"import {name} {spec.key} v{instrument.version}")
    return instrument


@transaction.atomic
def example_instrument_load(*, actor: User | None = None) -> Instrument:
    """Samsyn's own example instrument, shipped to every förbund. Idempotent: when the
    shipped version already exists it is returned as it is."""
    _check_may_write(actor, None)
    spec = read_instrument_file(EXAMPLE_FILE.read_bytes())
    existing = Instrument.objects.filter(forbund=None, key=spec.key).order_by("-version").first()
    if existing is not None:
        return existing
    instrument = _create(spec, forbund=None, status=InstrumentStatus.PUBLISHED)
    _audit(actor, AuditAction.CREATE, instrument, f"example {spec.key} v{instrument.version}")
    return instrument


def _spec_of(instrument: Instrument) -> InstrumentSpec:
    """An instrument's content as a spec, to copy it."""
    questions = [
        QuestionSpec(
            code=question.code,
            text=question.text,
            kind=question.kind,
            groups=[row.group for row in question.groups.all()],
            indicator=question.indicator.code if question.indicator else "",
            positive=list(question.positive_steps),
            is_gender_question=question.is_gender_question,
            steps=[(step.value, step.label) for step in question.scale_steps.all()],
            choices=[(choice.value, choice.label) for choice in question.choices.all()],
        )
        for question in instrument.questions.select_related("indicator").prefetch_related(
            "groups", "scale_steps", "choices"
        )
    ]
    indicators = [(row.code, row.name, row.description) for row in instrument.indicators.all()]
    return InstrumentSpec(
        instrument.key,
        instrument.name,
        instrument.source,
        instrument.description,
        indicators,
        questions,
    )


@transaction.atomic
def instrument_new_version(*, actor: User | None, instrument: Instrument) -> Instrument:
    """Copy ``instrument`` to the next version of its key (a draft to edit or replace); the
    old version and the surveys and answers that use it stay as they are."""
    _check_may_write(actor, instrument.forbund)
    copy = _create(_spec_of(instrument), forbund=instrument.forbund)
    _audit(actor, AuditAction.CREATE, copy, f"new version v{copy.version} of v{instrument.version}")
    return copy


@transaction.atomic
def instrument_update(
    *,
    actor: User | None,
    instrument: Instrument,
    expected_row_version: int,
    name: str,
    description: str,
    source: str,
) -> Instrument:
    """Edit a draft's name, description and source in place; refused once a survey uses it
    or once it is published (make a new version)."""
    _check_may_write(actor, instrument.forbund)
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if locked.surveys.exists() or locked.status != InstrumentStatus.DRAFT:
        raise ValidationError(IN_USE, code="in_use")
    if locked.row_version != expected_row_version:
        raise StaleEditError()
    if not name.strip() or not source.strip():
        raise ValidationError(_("Namn och källa måste fyllas i."), code="required")
    locked.name, locked.description, locked.source = name.strip(), description, source.strip()
    locked.row_version += 1
    locked.save(update_fields=["name", "description", "source", "row_version"])
    _audit(actor, AuditAction.UPDATE, locked, "edit draft")
    return locked


@transaction.atomic
def instrument_status_set(*, actor: User | None, instrument: Instrument, status: str) -> None:
    """Publish a draft (surveys may then use it) or retire an instrument (no new surveys).
    The status is not part of the wording, so it may change while the instrument is in use."""
    _check_may_write(actor, instrument.forbund)
    allowed = {
        InstrumentStatus.DRAFT: {InstrumentStatus.PUBLISHED},
        InstrumentStatus.PUBLISHED: {InstrumentStatus.RETIRED},
        InstrumentStatus.RETIRED: {InstrumentStatus.PUBLISHED},
    }
    if status not in allowed.get(InstrumentStatus(instrument.status), set()):
        raise ValidationError(_("Statusen kan inte ändras så."), code="status")
    Instrument.objects.filter(pk=instrument.pk).update(status=status)
    instrument.status = status
    _audit(actor, AuditAction.UPDATE, instrument, f"status {status}")


def example_instrument_json() -> dict[str, object]:
    """The shipped example file, for the documentation and tests."""
    return dict(json.loads(EXAMPLE_FILE.read_text(encoding="utf-8")))
