from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from samsyn.core.selectors.accounts import membership_list_for_user


def samsyn(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: demo banner and the user's roles."""
    memberships = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        memberships = membership_list_for_user(user=user)
    return {
        "samsyn_demo": settings.SAMSYN_DEMO,
        "my_memberships": memberships,
        "my_roles": {m.role for m in memberships},
        # The "sökande" right (issue #12) opens the applications menu item.
        "my_may_apply": any(m.may_apply for m in memberships),
    }
