"""Lifting a user name's log-in lock (samsyn/core/login_lockout.py) before its time is up.

One function for every path that proves who the person is without their password: an
administrator's unlock or two-factor reset today, and the activation / password-reset link
(issue #11, item 2) when it arrives — that link must call :func:`login_lock_release` too.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.db import transaction

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User


@transaction.atomic
def login_lock_release(*, actor: User, user: User, reason: str) -> int:
    """Forget the failed log-ins recorded for ``user``'s name from every address.

    Returns how many records were removed; when there were any, the release is written to the
    log with ``reason``. A lock on an *address* (many names from one machine) is not the
    user's and stays; operators lift it with ``manage.py axes_reset_ip``.
    """
    removed, _ = AccessAttempt.objects.filter(username__iexact=user.username).delete()
    if removed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            detail=f"Inloggningsspärr hävd: {reason}",
        )
    return removed
