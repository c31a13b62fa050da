"""The collaboration app's routers, mounted by samsyn/api/urls.py at /api/v1/."""

from ninja import Router

from samsyn.collaboration.api.meetings import router as meetings_router

router = Router()
router.add_router("", meetings_router)
