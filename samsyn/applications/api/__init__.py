"""The applications app in the JSON API (/api/v1/applications/…)."""

from ninja import Router

from samsyn.applications.api import applications

router = Router()
router.add_router("/", applications.router)

__all__ = ["router"]
