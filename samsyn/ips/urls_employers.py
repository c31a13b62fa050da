"""IPS pages: employers."""

from django.urls import URLPattern

employers_patterns: list[URLPattern] = []
