"""The surveys app in the JSON API: instruments (/api/v1/survey-instruments…). Same
selectors as the pages."""

from ninja import Router

from samsyn.surveys.api import instruments, results

router = Router()
router.add_router("/", instruments.router)
router.add_router("/", results.router)

__all__ = ["router"]
