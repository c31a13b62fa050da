"""The applications app in the JSON API (/api/v1/applications/…): payment claims and the
utilisation of grants. Same selectors and services as the pages."""

from ninja import Router

from samsyn.applications.api import claims

router = Router()
router.add_router("/", claims.router)

__all__ = ["router"]
