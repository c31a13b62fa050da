"""The collaboration app's routers, mounted by samsyn/api/urls.py at /api/v1/: meetings,
attendance and actions; the cases discussed. Same selectors and services as the pages."""

from ninja import Router

from samsyn.collaboration.api.cases import router as cases_router
from samsyn.collaboration.api.meetings import router as meetings_router

router = Router()
router.add_router("", meetings_router)
router.add_router("", cases_router)

__all__ = ["router"]
