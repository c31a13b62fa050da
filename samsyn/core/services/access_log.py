"""Log-ins, failed log-ins and log-outs go to the access log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action=AuditAction.LOGIN, obj=user)


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    reason = getattr(request, "samsyn_logout_reason", "")
    detail = "Utloggad efter inaktivitet" if reason == "idle" else ""
    audit_record(actor=user, action=AuditAction.LOGOUT, obj=user, detail=detail)


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the user name that was tried; never the password.
    username = str(credentials.get("username", ""))[:150]
    audit_record(actor=None, action=AuditAction.LOGIN_FAILED, actor_username=username)
