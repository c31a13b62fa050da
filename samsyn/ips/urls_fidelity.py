"""IPS pages: fidelity."""

from django.urls import URLPattern

fidelity_patterns: list[URLPattern] = []
