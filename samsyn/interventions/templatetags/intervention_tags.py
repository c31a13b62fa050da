"""Template helpers of the intervention pages."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from samsyn.interventions.municipalities import municipality_label

register = template.Library()


@register.simple_tag
def participant_url(registration_id: int) -> str:
    """The participant page of a registration, or "" while that page does not exist."""
    try:
        return reverse("participants:registration_detail", kwargs={"pk": registration_id})
    except NoReverseMatch:
        return ""


@register.filter
def municipality(code: str) -> str:
    """ "Karlstad (1780)" for a municipality code."""
    return municipality_label(code)
