"""The intervention dashboard and its period reports (/rapporter/insats/<pk>/…)."""

from django.urls import URLPattern

intervention_patterns: list[URLPattern] = []
