"""IPS pages: outcomes."""

from django.urls import URLPattern

outcomes_patterns: list[URLPattern] = []
