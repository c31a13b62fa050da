"""Reads of one-time links and recovery codes for the log-in, activation and account pages."""

from __future__ import annotations

from samsyn.core.models import ENROLLING_PURPOSES, ActivationLink, RecoveryCode, User


def link_for_token(raw_token: str) -> ActivationLink | None:
    """The link whose token is ``raw_token``, whatever its state (the caller checks it)."""
    if not raw_token or len(raw_token) > 100:
        return None
    return (
        ActivationLink.objects.select_related("user")
        .filter(token_hash=ActivationLink.hash_token(raw_token))
        .first()
    )


def has_open_enrolment_link(user: User) -> bool:
    """Whether an activation (or two-factor reset) link of the account is neither used nor
    replaced; expired counts as open: the account still waits for activation."""
    return ActivationLink.objects.filter(
        user=user, purpose__in=ENROLLING_PURPOSES, used_at=None, revoked_at=None
    ).exists()


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(
        device__user=user, device__confirmed=True, used_at=None
    ).count()
