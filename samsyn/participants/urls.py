"""Participant pages under /deltagare/. Each part of the journey has its own URL module."""

from django.urls import include, path

app_name = "participants"

urlpatterns = [
    path("", include("samsyn.participants.urls_intake")),
    path("", include("samsyn.participants.urls_journey")),
    path("", include("samsyn.participants.urls_followup")),
    path("import/", include("samsyn.participants.urls_import")),
]
