"""The one definition of "days to the first employer contact" (docs/ips-outcomes.md,
docs/ips-fidelity.md), used by job development and the fidelity proposals alike.

A registration's **first employer contact** is the earliest ``EmployerContact`` of any kind
that names the registration and is dated on or after the registration's start date; a
contact logged before the start is not the result of the registration and is ignored. The
*days to first contact* are that date minus the start date (0 when both are the same day).
What a report does with registrations that have no contact yet (wait for 30 days, or count
up to a review date) is the report's own rule, not part of this definition.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import F, Min, Q, QuerySet

from samsyn.participants.models import Registration

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class FirstContact(TypedDict):
    first_contact_on: datetime.date | None


def first_contact_on() -> Min:
    """The date of the registration's first employer contact (``None`` when there is none),
    as an annotation over registrations."""
    return Min(
        "employer_contacts__contacted_on",
        filter=Q(employer_contacts__contacted_on__gte=F("start_date")),
    )


def with_first_contact(
    registrations: QuerySet[Registration],
) -> QuerySet[WithAnnotations[Registration, FirstContact]]:
    """``registrations`` annotated with ``first_contact_on``."""
    return registrations.annotate(first_contact_on=first_contact_on())


def days_to_first_contact(
    start: datetime.date, first_contact: datetime.date | None, *, until: datetime.date
) -> int:
    """Days from ``start`` to the first contact; without a contact by ``until``, the days up
    to ``until`` (a slow start is not hidden)."""
    if first_contact is None or first_contact > until:
        return (until - start).days
    return (first_contact - start).days
