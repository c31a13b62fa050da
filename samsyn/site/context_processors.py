"""What the base layout needs on every page, with the main menu (samsyn/site/menu.py).

The site layer wraps core's context processor: the menu reaches apps above core (the IPS
items), so it is built here, from the memberships core's processor has already loaded."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from samsyn.core.context_processors import samsyn as core_context
from samsyn.site.menu import main_menu


def samsyn(request: HttpRequest) -> dict[str, Any]:
    context = core_context(request)
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    match = getattr(request, "resolver_match", None)
    context["main_menu"] = main_menu(context["my_memberships"], match) if signed_in else []
    return context
