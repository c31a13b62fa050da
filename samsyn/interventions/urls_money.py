"""Budget, financing, actual costs and annual plans of an intervention (/insatser/<pk>/ekonomi/)."""

from django.urls import URLPattern

money_patterns: list[URLPattern] = []
