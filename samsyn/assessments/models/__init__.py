"""Models of the assessments app: the resource inventory, its professional assessments and
its observation weeks."""

from samsyn.assessments.models.inventory import (
    OBSERVATION_WEEKS,
    ObservationWeek,
    Profession,
    ProfessionalAssessment,
    ResourceInventory,
)

__all__ = [
    "OBSERVATION_WEEKS",
    "ObservationWeek",
    "Profession",
    "ProfessionalAssessment",
    "ResourceInventory",
]
