"""Attachments of an application (the detailed budget, agreements): uploaded by the
applicant while the application may be written, downloaded only through this audited door.

The files are sealed at rest by the default storage (samsyn/core/files/encrypted_storage.py);
only PDF, Word, Excel and images are accepted, checked by their content, not their name.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.applications.models import ApplicationAttachment
from samsyn.applications.selectors.access import applications_visible_to
from samsyn.applications.services.application_parts import touch_application
from samsyn.applications.services.applications import audit_applicant_step, writable_application
from samsyn.applications.services.common import audit_application_step
from samsyn.audit.models import AuditAction
from samsyn.core.files.sniffing import DOCX, JPEG, PDF, PNG, XLSX, sniff_upload
from samsyn.core.models import User

ACCEPTED = (PDF, DOCX, XLSX, JPEG, PNG)


@transaction.atomic
def attachment_upload(
    *, actor: User, application_id: int, expected_version: int, title: str, upload: UploadedFile
) -> ApplicationAttachment:
    application = writable_application(actor, application_id)
    title = title.strip()
    if not title or len(title) > 200:
        raise ValidationError({"title": [_("Ange en rubrik på högst 200 tecken.")]})
    try:
        kind = sniff_upload(
            upload,
            accept=ACCEPTED,
            refusal=_("Bifoga en PDF, en Word- eller Excel-fil eller en bild (JPEG, PNG)."),
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    touch_application(application, expected_version)
    attachment = ApplicationAttachment(application=application, title=title, uploaded_by=actor)
    # The stored name carries no part of the uploaded name (which may hold a person's name).
    attachment.file.save(f"bilaga{kind.extension}", File(upload), save=False)
    attachment.save()
    audit_applicant_step(actor, application, AuditAction.CREATE, f"Bilaga uppladdad ({title})")
    return attachment


def attachment_open(*, actor: User, application_id: int, attachment_id: int) -> tuple[File, str]:
    """Open an attachment for download: (file, download name). Logged as an export."""
    attachment = (
        ApplicationAttachment.objects.select_related("application__forbund")
        .filter(
            pk=attachment_id,
            application_id=application_id,
            application__in=applications_visible_to(actor),
        )
        .first()
    )
    if attachment is None or not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    stored = attachment.file.name or ""
    extension = stored.rsplit(".", 1)[-1] if "." in stored else "bin"
    application = attachment.application
    audit_application_step(
        actor=actor,
        action=AuditAction.EXPORT,
        forbund=application.forbund,
        obj=attachment,
        detail=f"Bilaga hämtad: {attachment.title}",
    )
    return handle, f"bilaga-{application.pk}-{attachment.pk}.{extension}"
