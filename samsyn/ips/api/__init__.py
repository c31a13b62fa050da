"""IPS in the JSON API (/api/v1/ips/…): career profiles, the employer bank and contacts,
job-development and IPS outcome figures, fidelity reviews. Same selectors and services as
the pages."""

from ninja import Router

from samsyn.ips.api import career, employers, fidelity, outcomes

router = Router()
for module in (career, employers, fidelity, outcomes):
    router.add_router("/", module.router)

__all__ = ["router"]
