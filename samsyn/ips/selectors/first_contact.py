"""The one definition of "days to the first employer contact" (docs/ips-outcomes.md,
docs/ips-fidelity.md), used by job development and the fidelity proposals alike.

The published IPS Supported Employment Fidelity Scale (Becker, Swanson, Reese, Bond, McLeman,
revised 2008), item "Rapid job search for competitive job", measures the days from program
entry to the first **face-to-face** contact with an employer about a competitive job. So:

- A registration's **first employer contact** is the earliest ``EmployerContact`` of kind
  ``besok`` (face-to-face, ``ContactKind.FACE_TO_FACE``) that names the registration and is
  dated on or after the registration's start date. Phone and digital contacts do not count;
  a contact before the start is not the result of the registration and is ignored.
- Its **days to first contact, as of a day** ``until``: the first contact's date minus the
  start date when the contact is on or before ``until``; otherwise (no face-to-face contact
  yet by ``until``) the days from the start up to ``until``. Nobody is left out: a slow start
  counts with the days it has waited so far, so it is never hidden.

Both reports take the days of the registrations they cover from ``days_until`` (an SQL
expression); the average is taken in SQL.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from samsyn.ips.models.employers import ContactKind, EmployerContact
from samsyn.participants.models import Registration

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class FirstContact(TypedDict):
    first_contact_on: datetime.date | None


def first_contact_on() -> Subquery:
    """The date of the registration's first face-to-face employer contact on or after its
    start (``None`` when there is none), as a subquery annotation over registrations."""
    contacts = EmployerContact.objects.filter(
        registration=OuterRef("pk"),
        kind=ContactKind.FACE_TO_FACE,
        contacted_on__gte=OuterRef("start_date"),
    )
    return Subquery(
        contacts.order_by("contacted_on").values("contacted_on")[:1], output_field=DateField()
    )


def with_first_contact(
    registrations: QuerySet[Registration],
) -> QuerySet[WithAnnotations[Registration, FirstContact]]:
    """``registrations`` annotated with ``first_contact_on``."""
    return registrations.annotate(first_contact_on=first_contact_on())


def with_first_contact_once(
    registrations: QuerySet[Registration],
) -> QuerySet[WithAnnotations[Registration, FirstContact]]:
    """The same ``first_contact_on`` as ``with_first_contact``, as one join grouped by
    registration: for aggregates over it. PostgreSQL inlines the correlated subquery into
    every aggregate that reads it (five times in ``first_contact_figures``, one lookup per
    registration each); the grouped join is one pass (docs/performance.md, "Reports")."""
    contact = Q(
        employer_contacts__kind=ContactKind.FACE_TO_FACE,
        employer_contacts__contacted_on__gte=F("start_date"),
    )
    return registrations.annotate(
        first_contact_on=Min("employer_contacts__contacted_on", filter=contact)
    )


def contacted_by(until: datetime.date) -> Q:
    """Over ``with_first_contact`` registrations: a face-to-face contact on or before ``until``."""
    return Q(first_contact_on__isnull=False, first_contact_on__lte=until)


def days_until(until: datetime.date) -> Case:
    """Over ``with_first_contact`` registrations: the days to the first contact as of
    ``until`` (a duration), by the definition above."""
    waited = ExpressionWrapper(
        Value(until, output_field=DateField()) - F("start_date"), output_field=DurationField()
    )
    reached = ExpressionWrapper(
        F("first_contact_on") - F("start_date"), output_field=DurationField()
    )
    return Case(
        When(contacted_by(until), then=reached), default=waited, output_field=DurationField()
    )


def days_to_first_contact(
    start: datetime.date, first_contact: datetime.date | None, *, until: datetime.date
) -> int:
    """The same rule for one registration in Python (tests and hand counts)."""
    if first_contact is None or first_contact > until:
        return (until - start).days
    return (first_contact - start).days
