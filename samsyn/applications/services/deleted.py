"""Undo a delete of an application's budget line or goal, or of a draft payment claim, within
``RESTORE_DAYS`` days (docs/deleting.md). The kinds are registered with core
(``samsyn.core.restorable``) in ``ApplicationsConfig.ready``:

- scope ``application``: its budget lines and goals, restored by an applicant of its party
  while the application may still be changed (draft or returned), which bumps the
  application's version as any change of a part does;
- scope ``claims`` (the intervention's id): draft claims, restored by whoever may claim the
  intervention's money. A restored draft is checked again when it is sent in.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from samsyn.applications.models import Application, PaymentClaim
from samsyn.applications.selectors.access import applicant_memberships, may_write_application
from samsyn.applications.selectors.claims import claimable_intervention_get
from samsyn.applications.services.applications import writable_application
from samsyn.applications.services.preparation import APPLICANT_ROLE
from samsyn.core.models import DeletedRecord, User
from samsyn.core.restorable import (
    Place,
    RestorableKind,
    Restorer,
    RestoreScope,
    register_kind,
    register_scope,
)
from samsyn.core.roles import Role
from samsyn.core.services.deleted import keep_deleted
from samsyn.core.versioning import save_versioned
from samsyn.interventions.scoping import interventions_visible_to

APPLICATION = "application"
CLAIMS = "claims"


def remember_application_part(
    *, actor: User, application: Application, instance: models.Model, kind: str, label: str
) -> DeletedRecord:
    return keep_deleted(
        instance=instance,
        forbund=application.forbund,
        scope=APPLICATION,
        scope_id=application.pk,
        kind=kind,
        label=label,
        actor=actor,
    )


def remember_claim(*, actor: User, claim: PaymentClaim, label: str) -> DeletedRecord:
    return keep_deleted(
        instance=claim,
        forbund=claim.intervention.forbund,
        scope=CLAIMS,
        scope_id=claim.intervention_id,
        kind="claim",
        label=label,
        actor=actor,
    )


def _own_application(actor: User, application_id: int) -> Application:
    """The application of a party the actor applies for (no lock: the page asks too)."""
    applicant = applicant_memberships(actor)
    application = (
        Application.objects.filter(
            pk=application_id,
            forbund_id__in=applicant.values("forbund_id"),
            applicant_party_id__in=applicant.values("party_id"),
        )
        .select_related("forbund")
        .first()
    )
    if application is None:
        raise Http404
    return application


def _application_place(actor: User, application_id: int) -> Place:
    application = _own_application(actor, application_id)
    link = reverse("applications:application_detail", args=[application.pk])
    return Place(
        title=application.name,
        forbund_id=application.forbund_id,
        links=[(_("Tillbaka till ansökan"), link)],
    )


def _application_restorer(actor: User, application_id: int) -> Restorer:
    application = _own_application(actor, application_id)
    if not may_write_application(actor, application):
        raise ValidationError(_("Ansökan är inskickad och kan inte längre ändras."))

    def touch(_part: models.Model) -> None:
        # Restoring a part changes the application, as any change of a part does.
        locked = writable_application(actor, application_id)
        save_versioned(locked, expected_version=locked.version, fields=[])

    # The role of the actor's membership at the applicant party, as the delete logged it.
    role = (
        applicant_memberships(actor)
        .filter(party_id=application.applicant_party_id)
        .values_list("role", flat=True)
        .first()
    )
    return Restorer(role=role or "", after=touch)


def _claims_place(actor: User, intervention_id: int) -> Place:
    intervention = claimable_intervention_get(actor=actor, intervention_id=intervention_id)
    title = _("Rekvisitioner – %(name)s") % {"name": intervention.name}
    return Place(
        title=title,
        forbund_id=intervention.forbund_id,
        links=[(_("Rekvisitioner"), reverse("applications:claims"))],
    )


def _claims_restorer(actor: User, intervention_id: int) -> Restorer:
    intervention = claimable_intervention_get(actor=actor, intervention_id=intervention_id)
    own = interventions_visible_to(actor, Role.INSATSANSVARIG).filter(pk=intervention.pk)
    role = Role.INSATSANSVARIG.value if own.exists() else APPLICANT_ROLE
    return Restorer(role=role, intervention=intervention)


def register_restorable() -> None:
    register_scope(RestoreScope(APPLICATION, _application_place))
    register_kind(
        RestorableKind(
            "budget_line", "applications.applicationbudgetline", APPLICATION, _application_restorer
        )
    )
    register_kind(
        RestorableKind("goal", "applications.applicationgoal", APPLICATION, _application_restorer)
    )
    register_scope(RestoreScope(CLAIMS, _claims_place))
    register_kind(RestorableKind("claim", "applications.paymentclaim", CLAIMS, _claims_restorer))
