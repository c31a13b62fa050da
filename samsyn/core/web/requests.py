"""The request a page sees behind the site-wide login, and the user acting on it."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from samsyn.core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """For type hints only: a request whose ``user`` is a signed-in :class:`User`.

    Every page except log-in requires a session (see ``samsyn.core.middleware``), so a view
    may annotate its request with this class instead of casting ``request.user``.
    """

    user: User


def actor(request: HttpRequest) -> User:
    """The signed-in user acting on a page request."""
    return cast(User, request.user)


def api_actor(request: HttpRequest) -> User:
    """The caller the API's authentication accepted (a token's owner or a verified session's
    user); django-ninja puts it on ``request.auth``."""
    return cast(User, request.auth)  # type: ignore[attr-defined]
