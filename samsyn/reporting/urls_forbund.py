"""The förbund overview, the SUS-style reports and the Uppföljning Finsam export
(/rapporter/forbund/…)."""

from django.urls import URLPattern

forbund_patterns: list[URLPattern] = []
