"""Consents (samtycken): a registration's consents, withdrawal, the signed form.

As on the pages, consent records are the intervention staff's (insatsansvarig, coach): a
handläggare never sees them. A consent outside the caller's scope is 404, not logged as a
refusal (as on the pages); the download of the signed form is logged as an export.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from samsyn.audit.models import AuditAction
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import ObjectId, actor_of, conflicts
from samsyn.participants.api.presenters import as_named
from samsyn.participants.models import Consent
from samsyn.participants.selectors.consents import consent_get, consent_list_for
from samsyn.participants.selectors.intake import is_intervention_staff
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.audit import CONSENT_DOCUMENT_REFUSED_DETAIL
from samsyn.participants.services.consent import consent_document_open, consent_withdraw
from samsyn.participants.services.journey_access import audit_journey

router = Router(tags=["samtycken"])


def _consent_out(consent: Consent) -> s.ConsentOut:
    """Needs the parties and recipients prefetched (or costs a query each)."""
    parties = sorted(consent.parties.all(), key=lambda party: (party.name, party.pk))
    return s.ConsentOut(
        id=consent.pk,
        version=consent.version,
        parties=[as_named(party) for party in parties],
        recipients=[
            s.RecipientOut(category=r.category, name=r.name) for r in consent.recipients.all()
        ],
        valid_from=consent.valid_from,
        valid_to=consent.valid_to,
        withdrawn_on=consent.withdrawn_on,
        active=consent.is_active_on(timezone.localdate()),
        has_document=bool(consent.document),
    )


@router.get(
    "/registrations/{registration_id}/consents",
    response={200: list[s.ConsentOut], 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Deltagarens samtycken",
    description="The person's consents in the registration's intervention, newest first. "
    "For the intervention's staff; a handläggare who sees the registration gets 403. "
    "Logged as a view of the participant.",
)
def consent_list(request: HttpRequest, registration_id: ObjectId) -> list[s.ConsentOut]:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    if not is_intervention_staff(actor=actor, intervention_id=registration.intervention_id):
        raise PermissionDenied(_("Samtycken hanteras av insatsens personal."))
    consents = consent_list_for(
        actor=actor, person=registration.person, intervention=registration.intervention
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.VIEW,
        obj=registration,
        detail="Samtycken visade (API)",
    )
    return [_consent_out(consent) for consent in consents]


@router.post(
    "/consents/{consent_id}/withdrawal",
    response={200: s.ConsentOut, 404: s.ErrorOut, 409: s.ErrorOut, 422: s.InvalidOut},
    summary="Återkalla ett samtycke",
    description="From `withdrawn_on` (not before the consent began, not in the future) the "
    "handläggare of the covered parties see nothing more. `version` is the consent's as "
    "read; a stale one, or a consent already withdrawn, is 409 and nothing changes.",
)
def consent_withdrawal(
    request: HttpRequest, consent_id: ObjectId, payload: s.WithdrawalIn
) -> s.ConsentOut:
    actor = actor_of(request)
    consent = consent_get(actor=actor, consent_id=consent_id)
    with conflicts("withdrawn"):
        consent = consent_withdraw(
            actor=actor,
            consent=consent,
            withdrawn_on=payload.withdrawn_on,
            expected_version=payload.version,
        )
    return _consent_out(consent)


@router.get(
    "/consents/{consent_id}/document",
    response={404: s.ErrorOut, 422: s.InvalidOut},
    summary="Hämta den underskrivna samtyckesblanketten",
    description="The signed form as an attachment (PDF, JPEG or PNG, named by the person's "
    "pseudonym), for the intervention's staff. 404 when there is no form. Logged as an "
    "export.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The signed form.",
                "content": {
                    kind: {"schema": {"type": "string", "format": "binary"}}
                    for kind in ("application/pdf", "image/jpeg", "image/png")
                },
            }
        }
    },
)
def consent_document(request: HttpRequest, consent_id: ObjectId) -> FileResponse:
    actor = actor_of(request)
    consent = consent_get(
        actor=actor, consent_id=consent_id, refused_detail=CONSENT_DOCUMENT_REFUSED_DETAIL
    )
    handle, content_type, filename = consent_document_open(actor=actor, consent=consent)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
