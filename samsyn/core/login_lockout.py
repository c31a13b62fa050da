"""Who is locked out after failed log-ins: the django-axes handler Samsyn runs.

Three counts, each over the failures of the last ``AXES_COOLOFF_TIME`` (30 minutes):

1. one user name from one client address (``AXES_FAILURE_LIMIT``, 5): the everyday lock. It
   follows neither the name to another address nor the address to another name, so nobody
   can lock a known colleague out from elsewhere, and one person's typos behind a kommun's
   shared (NAT) address do not lock out the rest of the office;
2. one client address across all user names (``SAMSYN_LOCKOUT_ADDRESS_ATTEMPTS``, 20): one
   machine guessing many names;
3. one user name across all addresses (``SAMSYN_LOCKOUT_ACCOUNT_ATTEMPTS``, 50): guessing one
   account from many machines. With a 30-minute window this keeps an account below the 100
   failed attempts per hour of OWASP ASVS 4.0.3 V2.2.1 and the 100 consecutive failures of
   NIST SP 800-63B 5.2.2.

axes itself compares every count with one limit; :class:`LockoutHandler` gives each count its
own. A successful log-in clears only that user name's failures from that address, so it
neither hands an attacker elsewhere a fresh allowance nor wipes the address's count.
See docs/security/login-and-api.md.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

NAME_AND_ADDRESS = ("username", "ip_address")
ADDRESS = ("ip_address",)
NAME = ("username",)


def lockout_limits() -> dict[tuple[str, ...], int]:
    """The failure limit of each count, by the axes lock-out parameters it counts over."""
    return {
        NAME_AND_ADDRESS: settings.AXES_FAILURE_LIMIT,
        ADDRESS: settings.SAMSYN_LOCKOUT_ADDRESS_ATTEMPTS,
        NAME: settings.SAMSYN_LOCKOUT_ACCOUNT_ATTEMPTS,
    }


def _key(parameter: str | list[str]) -> tuple[str, ...]:
    return (parameter,) if isinstance(parameter, str) else tuple(parameter)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with one limit per lock-out parameter."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """``AXES_FAILURE_LIMIT`` when any count has reached its own limit, else fewer.

        axes locks when this number reaches ``AXES_FAILURE_LIMIT``, so the answer is scaled
        to that one limit rather than being a raw count.
        """
        limits = lockout_limits()
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        reached = False
        name_and_address = 0
        for parameter, queryset in zip(parameters, attempts, strict=True):
            key = _key(parameter)
            failures = queryset.aggregate(total=Sum("failures_since_start"))["total"] or 0
            reached = reached or failures >= limits.get(key, settings.AXES_FAILURE_LIMIT)
            if key == NAME_AND_ADDRESS:
                name_and_address = failures
        if reached:
            return int(settings.AXES_FAILURE_LIMIT)
        return min(name_and_address, settings.AXES_FAILURE_LIMIT - 1)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After a successful log-in: forget that name's failures from that address only."""
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=address).delete()
        return count
