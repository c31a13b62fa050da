"""Writes for accounts and their roles (memberships) in the administrator's förbund."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Forbund, Membership, Party, RoleGrantRequest, User
from samsyn.core.roles import FORBUND_WIDE_ROLES, ROLES_REQUIRING_PARTY, Role
from samsyn.core.selectors.intervention_scope import ScopedIntervention
from samsyn.core.selectors.manage import account_blocker, administers, is_managed_user
from samsyn.core.services._common import (
    Errors,
    already_taken,
    audit,
    lock_forbund,
    raise_if,
    require_administers,
    save_unique,
)
from samsyn.core.services.activation import IssuedLink, issue_enrolment_link
from samsyn.core.services.login_lock import login_lock_release
from samsyn.core.services.role_grants import (
    check_grant_allowed,
    grant_request_create,
    needs_approval,
    run_with_refusals_logged,
)
from samsyn.core.services.two_factor import two_factor_reset
from samsyn.core.versioning import StaleEditError, save_versioned

# --- users --------------------------------------------------------------------------------


def _clean_account(values: dict[str, str], *, exclude_pk: int | None = None) -> Errors:
    username, email = values["username"], values["email"]
    errors: Errors = {}
    if not username:
        errors["username"] = [_("Ange ett användarnamn.")]
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors["username"] = [
                _("Användarnamnet får bara innehålla bokstäver, siffror och tecknen @ . + - _.")
            ]
        else:
            taken = User.objects.filter(username__iexact=username)
            if already_taken(taken, exclude_pk=exclude_pk):
                errors["username"] = [_("Användarnamnet är upptaget. Välj ett annat.")]
    if not values["first_name"]:
        errors["first_name"] = [_("Ange förnamn.")]
    if not values["last_name"]:
        errors["last_name"] = [_("Ange efternamn.")]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Ange en giltig e-postadress, till exempel namn@kommun.se.")]
    return errors


def _clean_membership(
    *, forbund: Forbund, role: str, party: Party | None, interventions: Sequence[ScopedIntervention]
) -> Errors:
    errors: Errors = {}
    if role not in Role.values:
        errors["role"] = [_("Välj en roll.")]
    if role in ROLES_REQUIRING_PARTY and party is None:
        errors["party"] = [_("En handläggare måste höra till en part. Välj vilken.")]
    elif party is not None and party.forbund_id != forbund.pk:
        errors["party"] = [_("Parten hör inte till förbundet.")]
    elif party is not None and not party.is_active:
        errors["party"] = [_("Parten är inaktiv.")]
    if any(intervention.forbund_id != forbund.pk for intervention in interventions):
        errors["interventions"] = [_("En av insatserna hör inte till förbundet.")]
    elif interventions and role in FORBUND_WIDE_ROLES:
        errors["interventions"] = [
            _("Rollen gäller alltid hela förbundet och kan inte begränsas till vissa insatser.")
        ]
    return errors


def _ids(interventions: Sequence[ScopedIntervention]) -> list[int]:
    # By id: core does not import the Intervention model
    # (samsyn/core/selectors/intervention_scope.py).
    return [intervention.pk for intervention in interventions]


def _account_values(
    *, username: str, first_name: str, last_name: str, email: str
) -> dict[str, str]:
    return {
        "username": username.strip(),
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email.strip(),
    }


@transaction.atomic
def user_create(
    *,
    actor: User,
    forbund: Forbund,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    base_url: str,
    party: Party | None = None,
    interventions: Sequence[ScopedIntervention] = (),
) -> tuple[User, IssuedLink]:
    """Create an account with its first role in ``forbund`` and its activation link.

    The account has no usable password: the person chooses one, and binds an authenticator,
    through the link (samsyn.core.services.activation). The administrator never knows it."""
    require_administers(actor, forbund.pk)
    values = _account_values(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    errors = _clean_account(values)
    errors |= _clean_membership(
        forbund=forbund, role=role, party=party, interventions=interventions
    )
    raise_if(errors)
    user = User(**values)
    user.set_unusable_password()
    save_unique(user.save, field="username", message=_("Användarnamnet är upptaget."))
    audit(actor, AuditAction.CREATE, forbund, user, "Konto skapat")
    if needs_approval(role):
        # The account exists at once; its role waits for a second person's approval.
        grant_request_create(
            actor=actor,
            user=user,
            forbund=forbund,
            role=role,
            party=party,
            interventions=interventions,
        )
    else:
        _create_membership(
            actor=actor,
            user=user,
            forbund=forbund,
            role=role,
            party=party,
            interventions=interventions,
        )
    issued = issue_enrolment_link(actor=actor, user=user, base_url=base_url, forbunds=[forbund])
    return user, issued


def _require_account_control(actor: User, user: User) -> None:
    """Account-wide changes need the actor to administer every förbund the account acts in."""
    if not is_managed_user(actor=actor, user=user):
        raise Http404
    blocker = account_blocker(actor=actor, user=user)
    if blocker:
        raise ValidationError(blocker)


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    expected_version: int,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
) -> User:
    _require_account_control(actor, user)
    values = _account_values(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    raise_if(_clean_account(values, exclude_pk=user.pk))
    for field, value in values.items():
        setattr(user, field, value)

    def save() -> None:
        save_versioned(user, expected_version=expected_version, fields=list(values))  # type: ignore[arg-type]  # User has a version, not Versioned

    save_unique(save, field="username", message=_("Användarnamnet är upptaget."))
    for forbund in _managed_forbunds_of(actor, user):
        audit(actor, AuditAction.UPDATE, forbund, user, "Konto ändrat")
    return user


def _managed_forbunds_of(actor: User, user: User) -> list[Forbund]:
    """The förbund administered by ``actor`` in which ``user`` has a role: where an
    account-wide event belongs in the log."""
    ids = user.memberships.values("forbund_id")
    return [
        f for f in Forbund.objects.filter(pk__in=ids) if administers(actor=actor, forbund_id=f.pk)
    ]


def _keeps_admin(forbund_id: int, *, without: models.Q) -> bool:
    """Whether the förbund still has an active administrator once ``without`` is gone."""
    lock_forbund(forbund_id)
    return (
        Membership.objects.filter(
            forbund_id=forbund_id,
            role=Role.FORBUNDSADMIN,
            is_active=True,
            user__is_active=True,
        )
        .exclude(without)
        .exists()
    )


def _is_sole_admin_somewhere(user: User) -> bool:
    forbund_ids = user.memberships.filter(role=Role.FORBUNDSADMIN, is_active=True).values_list(
        "forbund_id", flat=True
    )
    return any(
        not _keeps_admin(forbund_id, without=models.Q(user=user)) for forbund_id in forbund_ids
    )


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool, expected_version: int) -> User:
    """Deactivate (no log-in, nothing deleted) or reactivate an account."""
    _require_account_control(actor, user)
    if not active and user.pk == actor.pk:
        raise ValidationError(_("Du kan inte inaktivera ditt eget konto."))
    if not active and _is_sole_admin_somewhere(user):
        raise ValidationError(
            _("Kontot är förbundets enda aktiva förbundsadministratör och kan inte inaktiveras.")
        )
    user.is_active = active
    save_versioned(user, expected_version=expected_version, fields=["is_active"])  # type: ignore[arg-type]  # User has a version, not Versioned
    detail = "Konto återaktiverat" if active else "Konto inaktiverat"
    for forbund in _managed_forbunds_of(actor, user):
        audit(actor, AuditAction.UPDATE, forbund, user, detail)
    return user


@transaction.atomic
def user_two_factor_reset(*, actor: User, user: User, base_url: str) -> IssuedLink:
    """Remove the account's TOTP devices and recovery codes and issue a new activation link
    (lost phone, or an activation link that expired). Until the link is used the password
    alone no longer signs in.

    The person has proved who they are to the administrator, so a log-in lock on their user
    name is lifted too."""
    _require_account_control(actor, user)
    two_factor_reset(actor=actor, user=user)
    login_lock_release(actor=actor, user=user, reason="tvåfaktor återställd")
    forbunds = _managed_forbunds_of(actor, user)
    return issue_enrolment_link(actor=actor, user=user, base_url=base_url, forbunds=forbunds)


@transaction.atomic
def user_login_unlock(*, actor: User, user: User) -> int:
    """Lift the lock on the account's user name after too many failed log-ins."""
    _require_account_control(actor, user)
    return login_lock_release(actor=actor, user=user, reason="av administratör")


# --- memberships --------------------------------------------------------------------------


def _create_membership(
    *,
    actor: User,
    user: User,
    forbund: Forbund,
    role: str,
    party: Party | None,
    interventions: Sequence[ScopedIntervention],
) -> Membership:
    membership = Membership(user=user, forbund=forbund, role=role, party=party)
    message = _("Användaren har redan den rollen i förbundet.")
    save_unique(membership.save, field="role", message=message)
    membership.interventions.set(_ids(interventions))
    audit(
        actor,
        AuditAction.CREATE,
        forbund,
        membership,
        f"Roll tillagd: {membership.get_role_display()}",
    )
    return membership


def membership_add(
    *,
    actor: User,
    user: User,
    forbund: Forbund,
    role: str,
    party: Party | None = None,
    interventions: Sequence[ScopedIntervention] = (),
) -> Membership | RoleGrantRequest:
    """Give a user of the förbund a role. A deactivated identical role is reactivated.

    A role in ``ROLES_NEEDING_APPROVAL`` is not given here: the answer is a pending request
    that a second person decides (samsyn/core/services/role_grants.py). A refused attempt
    (for oneself, granskare together with a role working with participants) is logged."""
    return run_with_refusals_logged(
        actor,
        lambda: _membership_add(
            actor=actor,
            user=user,
            forbund=forbund,
            role=role,
            party=party,
            interventions=interventions,
        ),
    )


@transaction.atomic
def _membership_add(
    *,
    actor: User,
    user: User,
    forbund: Forbund,
    role: str,
    party: Party | None,
    interventions: Sequence[ScopedIntervention],
) -> Membership | RoleGrantRequest:
    require_administers(actor, forbund.pk)
    if not is_managed_user(actor=actor, user=user):
        raise Http404
    raise_if(
        _clean_membership(forbund=forbund, role=role, party=party, interventions=interventions)
    )
    check_grant_allowed(actor=actor, user=user, forbund=forbund, role=role)
    existing = Membership.objects.filter(user=user, forbund=forbund, role=role, party=party).first()
    if existing is not None and existing.is_active:
        raise ValidationError({"role": [_("Användaren har redan den rollen i förbundet.")]})
    if needs_approval(role):
        return grant_request_create(
            actor=actor,
            user=user,
            forbund=forbund,
            role=role,
            party=party,
            interventions=interventions,
        )
    if existing is None:
        return _create_membership(
            actor=actor,
            user=user,
            forbund=forbund,
            role=role,
            party=party,
            interventions=interventions,
        )
    existing.is_active = True
    save_versioned(existing, expected_version=existing.version, fields=["is_active"])
    existing.interventions.set(_ids(interventions))
    audit(
        actor,
        AuditAction.UPDATE,
        forbund,
        existing,
        f"Roll återaktiverad: {existing.get_role_display()}",
    )
    return existing


def membership_set_active(
    *, actor: User, membership: Membership, active: bool, expected_version: int
) -> Membership | RoleGrantRequest:
    """Deactivate or reactivate one role. A förbund always keeps an active administrator.

    Reactivating is granting again: a role in ``ROLES_NEEDING_APPROVAL`` becomes a pending
    request, and the rules against granting to oneself and against combining granskare with a
    role working with participants apply (refusals are logged)."""
    return run_with_refusals_logged(
        actor,
        lambda: _membership_set_active(
            actor=actor, membership=membership, active=active, expected_version=expected_version
        ),
    )


@transaction.atomic
def _membership_set_active(
    *, actor: User, membership: Membership, active: bool, expected_version: int
) -> Membership | RoleGrantRequest:
    require_administers(actor, membership.forbund_id)
    losing_admin = not active and membership.role == Role.FORBUNDSADMIN and membership.is_active
    if losing_admin and not _keeps_admin(membership.forbund_id, without=models.Q(pk=membership.pk)):
        raise ValidationError(
            _(
                "Förbundet måste ha minst en aktiv förbundsadministratör. "
                "Ge någon annan rollen innan du tar bort den här."
            )
        )
    party = membership.party
    if active and party is not None and not party.is_active:
        raise ValidationError(_("Rollen hör till en inaktiv part och kan inte återaktiveras."))
    if active and not membership.is_active:
        check_grant_allowed(
            actor=actor, user=membership.user, forbund=membership.forbund, role=membership.role
        )
        if needs_approval(membership.role):
            if membership.version != expected_version:
                raise StaleEditError
            return grant_request_create(
                actor=actor,
                user=membership.user,
                forbund=membership.forbund,
                role=membership.role,
                party=party,
                interventions=list(membership.interventions.all()),
            )
    membership.is_active = active
    save_versioned(membership, expected_version=expected_version, fields=["is_active"])
    verb = "återaktiverad" if active else "inaktiverad"
    audit(
        actor,
        AuditAction.UPDATE,
        membership.forbund,
        membership,
        f"Roll {verb}: {membership.get_role_display()}",
    )
    return membership
