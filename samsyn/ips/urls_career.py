"""IPS pages: career."""

from django.urls import URLPattern

career_patterns: list[URLPattern] = []
