"""The surveys app in the JSON API: instruments (/api/v1/survey-instruments…) and surveys with
their one-time links (/api/v1/surveys…). Same
selectors as the pages."""

from ninja import Router

from samsyn.surveys.api import instruments, results, surveys

router = Router()
router.add_router("/", instruments.router)
router.add_router("/", surveys.router)
router.add_router("/", results.router)

__all__ = ["router"]
