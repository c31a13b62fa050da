"""The "sökande" right on a membership (issue #12): may write and submit funding
applications for the membership's party.

It reveals no personal data, so the förbundsadministratör turns it on and off directly,
without the second person's approval that roles seeing participants need
(``role_grants.ROLES_NEEDING_APPROVAL``). Every change is audited.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Membership, User
from samsyn.core.services._common import audit, require_administers
from samsyn.core.versioning import save_versioned


@transaction.atomic
def membership_set_may_apply(
    *, actor: User, membership: Membership, may_apply: bool, expected_version: int
) -> Membership:
    """Give or take the "sökande" right; the membership must name a party and be active."""
    require_administers(actor, membership.forbund_id)
    if may_apply and membership.party_id is None:
        raise ValidationError(
            _("Rätten att söka medel gäller en part: rollen måste höra till en part."),
            code="no_party",
        )
    if may_apply and not membership.is_active:
        raise ValidationError(_("Rollen är inte aktiv. Aktivera den först."), code="inactive")
    membership.may_apply = may_apply
    save_versioned(membership, expected_version=expected_version, fields=["may_apply"])
    verb = "given" if may_apply else "borttagen"
    audit(
        actor,
        AuditAction.UPDATE,
        membership.forbund,
        membership,
        f"Rätt att söka medel {verb}: {membership.get_role_display()}",
    )
    return membership
