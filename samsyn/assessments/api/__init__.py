"""The assessments app in the JSON API: resource inventories (/api/v1/resursinventeringar/…)
and the distribution of recommendations (/api/v1/interventions/<id>/recommendations). Same
selectors and services as the pages."""

from ninja import Router

from samsyn.assessments.api import distribution, inventory

router = Router()
for module in (inventory, distribution):
    router.add_router("/", module.router)

__all__ = ["router"]
