"""The applications app in the JSON API (/api/v1/applications/…). Same selectors and
services as the pages."""

from ninja import Router

from samsyn.applications.api import applications, decisions

router = Router()
router.add_router("/", applications.router)
router.add_router("/", decisions.router)

__all__ = ["router"]
