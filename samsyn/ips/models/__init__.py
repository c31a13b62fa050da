"""Models of the IPS app: career profiles, benefits counselling, the employer bank and
contact log, and fidelity reviews."""

from samsyn.ips.models.career import BenefitsCounselling, CareerProfile
from samsyn.ips.models.employer_events import (
    EmployerEvent,
    EmployerEventType,
    render_employer_event,
)
from samsyn.ips.models.employers import (
    AgreementStatus,
    ContactKind,
    Employer,
    EmployerAgreement,
    EmployerContact,
    EmployerContactPerson,
    SniSection,
)
from samsyn.ips.models.fidelity import (
    ActionStatus,
    FidelityAction,
    FidelityItem,
    FidelityReview,
    FidelityScale,
    FidelityScore,
    FidelitySection,
    ReviewKind,
    ReviewStatus,
)

__all__ = [
    "ActionStatus",
    "AgreementStatus",
    "BenefitsCounselling",
    "CareerProfile",
    "ContactKind",
    "Employer",
    "EmployerAgreement",
    "EmployerContact",
    "EmployerContactPerson",
    "EmployerEvent",
    "EmployerEventType",
    "FidelityAction",
    "FidelityItem",
    "FidelityReview",
    "FidelityScale",
    "FidelityScore",
    "FidelitySection",
    "ReviewKind",
    "ReviewStatus",
    "SniSection",
    "render_employer_event",
]
