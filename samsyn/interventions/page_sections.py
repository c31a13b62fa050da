"""What the apps above interventions show on the intervention page (a registry).

The page itself shows the intervention's facts and links. The participant figures and the
list of participants belong to the participants app, which sits above interventions: it
registers them here in ``ParticipantsConfig.ready``, and the page renders every registered
section in its slot without importing participants (docs/development.md, "Layers").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from samsyn.core.models import User
from samsyn.interventions.models import Intervention


class Slot(StrEnum):
    # Inside the card "Uppföljning och rapporter" (goals, reports, money and the
    # participant figures), after its links.
    FIGURES = "figures"
    # At the end of the page, after the method's tools.
    END = "end"


@dataclass(frozen=True)
class Viewer:
    """Who looks at which intervention page, and what the page was asked for."""

    actor: User
    intervention: Intervention
    # The actor's roles that reach the intervention.
    roles: frozenset[str]
    # Small counts are hidden from audiences without access to personal data.
    suppress: bool
    page_number: str | None
    include_ended: bool


@dataclass(frozen=True)
class PageSection:
    name: str
    slot: Slot
    # Rendered with ``data`` (what ``build`` returned) and the page's context.
    template: str
    # What the section shows this viewer; None when the viewer gets no such section.
    build: Callable[[Viewer], object | None]


@dataclass(frozen=True)
class ShownSection:
    name: str
    template: str
    data: object


_SECTIONS: list[PageSection] = []


def register_section(section: PageSection) -> None:
    """Called from an ``AppConfig.ready``; registering the same section twice is a no-op."""
    if all(known.name != section.name for known in _SECTIONS):
        _SECTIONS.append(section)


def shown_sections(viewer: Viewer) -> dict[str, list[ShownSection]]:
    """``{slot: [section shown to the viewer, …]}`` for every slot, in registration order."""
    shown: dict[str, list[ShownSection]] = {slot.value: [] for slot in Slot}
    for section in _SECTIONS:
        data = section.build(viewer)
        if data is not None:
            shown[section.slot.value].append(ShownSection(section.name, section.template, data))
    return shown
