"""Trainings and the implementation plan of an intervention."""

from django.urls import URLPattern

implementation_patterns: list[URLPattern] = []
