"""Pages of calls, applications, decisions, payment claims and deviation reports."""

from django.urls import path  # noqa: F401

app_name = "applications"

urlpatterns: list = []
