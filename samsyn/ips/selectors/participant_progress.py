"""The employer contacts of one registration, for the IPS figures on the participant page
(``samsyn/participants/selectors/placement_progress.py``; registered in ``IpsConfig.ready``).

Counted with the one definition of the first employer contact
(``samsyn/ips/selectors/first_contact.py``): contacts naming the registration and dated on or
after its start. One query.
"""

from __future__ import annotations

from django.db.models import Count, F, Q

from samsyn.ips.selectors.first_contact import first_contact_on
from samsyn.participants.models import Registration
from samsyn.participants.selectors.placement_progress import EmployerContacts


def employer_contacts_of(registration: Registration) -> EmployerContacts:
    """The registration's employer contacts since its start, and the first one's date."""
    row = (
        Registration.objects.filter(pk=registration.pk)
        .annotate(
            contact_count=Count(
                "employer_contacts",
                filter=Q(employer_contacts__contacted_on__gte=F("start_date")),
            ),
            first_on=first_contact_on(),
        )
        .values("contact_count", "first_on")
        .first()
    )
    if row is None:
        return EmployerContacts(count=0, first_on=None)
    return EmployerContacts(count=row["contact_count"], first_on=row["first_on"])
