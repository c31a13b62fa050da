"""The applications app in the JSON API (/api/v1/applications/…): applications, decisions,
deviation reports, payment claims and the utilisation of grants. Same selectors and services
as the pages."""

from ninja import Router

from samsyn.applications.api import applications, claims, decisions

router = Router()
# Fixed paths (/applications/decisions, /applications/claims) before the parametrised
# /applications/{application_id}, which would otherwise catch them and answer 422 or 405.
router.add_router("/", decisions.router)
router.add_router("/", claims.router)
router.add_router("/", applications.router)

__all__ = ["router"]
