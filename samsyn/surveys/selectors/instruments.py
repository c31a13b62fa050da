"""Reads of instruments: the förbundsadministratör and the insatsansvarig of a förbund see
its instruments and the ones shipped with Samsyn; everybody else sees none (404)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbund_ids_for, forbunds_administered_by
from samsyn.core.web.http import found_or_404
from samsyn.surveys.models import Choice, Indicator, Instrument, Question, ScaleStep

INSTRUMENT_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)


def instruments_visible_to(user: User) -> QuerySet[Instrument]:
    forbund_ids = forbund_ids_for(user, *INSTRUMENT_ROLES)
    if not forbund_ids.exists():
        return Instrument.objects.none()
    return Instrument.objects.filter(Q(forbund_id__in=forbund_ids) | Q(forbund__isnull=True))


def instrument_list(*, actor: User) -> QuerySet[Instrument]:
    return (
        instruments_visible_to(actor)
        .select_related("forbund")
        .order_by("forbund__name", "name", "key", "-version")
    )


def instrument_get(*, actor: User, instrument_id: int) -> Instrument:
    """The instrument, or 404 when the user may not see it."""
    found = instruments_visible_to(actor).select_related("forbund", "previous_version")
    return found_or_404(found.filter(pk=instrument_id).first())


def instrument_questions(instrument: Instrument) -> list[Question]:
    """The questions with their indicator, groups, steps and choices (four queries)."""
    return list(
        instrument.questions.select_related("indicator")
        .prefetch_related(
            "groups",
            Prefetch("scale_steps", queryset=ScaleStep.objects.order_by("order", "value")),
            Prefetch("choices", queryset=Choice.objects.order_by("order", "value")),
        )
        .order_by("order", "id")
    )


def instrument_in_use(instrument: Instrument) -> bool:
    """In use: a survey sends it (answers always belong to a survey)."""
    return instrument.surveys.exists()


def forbunds_importing_for(actor: User) -> QuerySet[Forbund]:
    """Where the user may load an instrument: the förbund they administer."""
    return forbunds_administered_by(actor).order_by("name")


def may_import(actor: User) -> bool:
    return forbunds_importing_for(actor).exists()


def may_manage(actor: User, instrument: Instrument) -> bool:
    """The förbund's administrator manages its instruments; shipped ones nobody does here."""
    if instrument.forbund_id is None:
        return False
    return forbunds_administered_by(actor).filter(pk=instrument.forbund_id).exists()


def instrument_indicators(instrument: Instrument) -> list[Indicator]:
    return list(instrument.indicators.order_by("order", "id"))
