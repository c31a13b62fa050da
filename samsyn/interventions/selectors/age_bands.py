"""Reads of an intervention's own age bands (AgeBand).

The settings page is for those who manage the intervention's bands — the
förbundsadministratör and the intervention's insatsansvarig — and 404 for everyone else.
``age_bands_of`` is the reports' read: the bands of an intervention the caller has already
been allowed to see, in age order, in one query.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import AgeBand, Intervention
from samsyn.interventions.scoping import interventions_visible_to

AGE_BAND_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)


def age_band_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose age bands the actor manages; 404 for everyone else."""
    managed = interventions_visible_to(actor, *AGE_BAND_MANAGER_ROLES).select_related("forbund")
    return get_object_or_404(managed, pk=intervention_id)


def age_band_get(*, actor: User, intervention_id: int, band_id: int) -> AgeBand:
    intervention = age_band_intervention(actor=actor, intervention_id=intervention_id)
    band = get_object_or_404(AgeBand.objects.filter(intervention=intervention), pk=band_id)
    band.intervention = intervention
    return band


def age_bands_of(intervention: Intervention) -> list[AgeBand]:
    """The intervention's own bands, youngest first (one query)."""
    return list(AgeBand.objects.filter(intervention=intervention).order_by("min_age", "max_age"))
