"""What every participant endpoint shares: the caller, write access, error shaping, look-ups
of the ids a body refers to.

Scope is decided by the selectors (``registration_get``, ``referral_get``: 404 outside scope,
with the refused attempt logged) and write access by the services; these helpers only
check early, so a read-only caller gets 403 before its input is looked at.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Annotated, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Path, Status
from ninja.errors import HttpError

from samsyn.core.models import Party, User
from samsyn.core.web.requests import api_actor
from samsyn.participants.api.schemas import MAX_ID, CriteriaIn, WarningsOut
from samsyn.participants.models import Registration
from samsyn.participants.selectors.intake import forbund_parties, parties_with_ids
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.eligibility import CriteriaFacts
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey
from samsyn.participants.services.referrals import EligibilityNotAcknowledged

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
SlugPath = Annotated[str, Path(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
M = TypeVar("M", bound=Model)

# The authenticated caller (a personal token's owner, or a verified session's user).
actor_of = api_actor


def writable_registration(*, actor: User, registration_id: int) -> Registration:
    """The registration ``actor`` may change: 404 (logged) outside scope, 403 read-only.

    Called before a write service even when the service checks again: a refusal logged
    inside the service's transaction would be rolled back with it.
    """
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return registration


@contextmanager
def conflicts(*codes: str) -> Iterator[None]:
    """A service's ValidationError with one of ``codes`` (already ended, already decided,
    already recorded) is a conflict with the record's state: 409, not invalid input."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict") and error.code in codes:
            raise HttpError(409, " ".join(error.messages)) from error
        raise


@contextmanager
def fields_renamed(names: Mapping[str, str]) -> Iterator[None]:
    """Report a service's field errors under the request body's names (``person.gender``)."""
    try:
        yield
    except EligibilityNotAcknowledged:
        raise
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {names.get(field, field): messages for field, messages in error.error_dict.items()}
        ) from error


def warnings_response(error: EligibilityNotAcknowledged) -> Status[WarningsOut]:
    """422 with the eligibility warnings the caller must acknowledge to save."""
    errors = [
        {"field": field, "message": str(message), "code": "warnings"}
        for field, messages in error.message_dict.items()
        for message in messages
    ]
    body = WarningsOut(
        detail=_("Uppgifterna är inte giltiga."),
        errors=errors,  # type: ignore[arg-type]
        warnings=[str(warning) for warning in error.warnings],
    )
    return Status(422, body)


def invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def one_of(queryset: QuerySet[M], pk: int, *, field: str, message: str) -> M:
    """The row ``pk`` of ``queryset``; a 422 on ``field`` when it is not in it (whether it
    does not exist or belongs to someone else: the message is the same)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise invalid(field, message)
    return found


def maybe_one_of(queryset: QuerySet[M], pk: int | None, *, field: str, message: str) -> M | None:
    """As ``one_of``, with None for None."""
    if pk is None:
        return None
    return one_of(queryset, pk, field=field, message=message)


def parties_of(*, forbund_id: int, ids: Sequence[int], field: str) -> list[Party]:
    """The förbund's parties with these ids; a 422 on ``field`` when any is unknown.

    Another förbund's party gets the same message as one that does not exist.
    """
    wanted = set(ids)
    parties = parties_with_ids(forbund_id=forbund_id, ids=wanted)
    if len(parties) != len(wanted):
        raise invalid(field, _("Okänd part: välj bland förbundets parter."))
    return parties


def party_of(*, forbund_id: int, pk: int | None, field: str) -> Party | None:
    return maybe_one_of(
        forbund_parties(forbund_id=forbund_id),
        pk,
        field=field,
        message=_("Okänd part: välj bland förbundets parter."),
    )


def criteria_facts(criteria: CriteriaIn, income_sources: Sequence[str]) -> CriteriaFacts:
    return CriteriaFacts(
        lss_daily_activity=criteria.has_lss_daily_activity,
        long_term_forsorjningsstod=criteria.has_long_term_forsorjningsstod,
        current_in_psychiatry=criteria.current_in_psychiatry,
        income_sources=tuple(str(source) for source in income_sources),
    )
