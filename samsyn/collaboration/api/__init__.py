"""The collaboration app in the JSON API (/api/v1/collaboration/…). Same selectors and
services as the pages. Each area adds its module's router here."""

from ninja import Router

from samsyn.collaboration.api import cases

router = Router()
for module in (cases,):
    router.add_router("/", module.router)

__all__ = ["router"]
