"""What the apps above participants offer on the exit page (a registry).

The surveys app offers the exit form of an open survey for participants at exit
(docs/surveys.md, "The exit form"). It lives above this app, so it registers an
:data:`ExitOfferSource` in ``SurveysConfig.ready`` and the exit page iterates the registry
without importing it (docs/development.md, "Layers"). An offer is a button that POSTs to
``action`` — a URL that names only what is offered, never the registration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samsyn.core.models import User


@dataclass(frozen=True)
class ExitOffer:
    title: str
    text: str
    action: str
    button: str


# (acting user, the intervention's id) -> offers
ExitOfferSource = Callable[[User, int], list[ExitOffer]]

_SOURCES: dict[str, ExitOfferSource] = {}


def register_exit_offers(name: str, source: ExitOfferSource) -> None:
    _SOURCES[name] = source


def exit_offers(*, actor: User, intervention_id: int) -> list[ExitOffer]:
    return [offer for source in _SOURCES.values() for offer in source(actor, intervention_id)]
