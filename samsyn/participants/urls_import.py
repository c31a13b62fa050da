"""Import of registrations from a file (mounted at /deltagare/import/)."""

from django.urls import path

from samsyn.participants import views_import

urlpatterns = [
    path("", views_import.import_page, name="import"),
    path("mall.<str:fmt>", views_import.import_template, name="import_template"),
]
