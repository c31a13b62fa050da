"""The applications app in the JSON API (/api/v1/applications/…): applications, decisions,
deviation reports, payment claims and the utilisation of grants. Same selectors and services
as the pages."""

from ninja import Router

from samsyn.applications.api import applications, claims, decisions

router = Router()
router.add_router("/", applications.router)
router.add_router("/", decisions.router)
router.add_router("/", claims.router)

__all__ = ["router"]
