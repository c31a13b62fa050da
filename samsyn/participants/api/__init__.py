"""The participant journey in the JSON API (/api/v1/): registrations, referrals, plans,
activities, phases, steps, follow-ups, starts, exits and the follow-ups after exit.

Every endpoint calls the same selectors and services as the pages, so the rules of who
sees what (``participants/selectors/scoping.py``) and who may change what
(``services/journey_access.py``) hold here too. See docs/api.md.
"""

from ninja import Router

from samsyn.participants.api import (
    consents,
    exits,
    followups,
    journey,
    plan,
    records,
    referrals,
    registrations,
)

router = Router()
for module in (registrations, referrals, plan, journey, records, followups, exits, consents):
    router.add_router("/", module.router)

__all__ = ["router"]
