"""Survey pages at /enkater/."""

from django.urls import URLPattern, path

from samsyn.surveys.views import instruments

app_name = "surveys"

urlpatterns: list[URLPattern] = [
    path("instrument/", instruments.instrument_list, name="instrument_list"),
    path("instrument/importera/", instruments.instrument_import, name="instrument_import"),
    path("instrument/<int:pk>/", instruments.instrument_detail, name="instrument_detail"),
    path(
        "instrument/<int:pk>/ny-version/",
        instruments.instrument_new_version,
        name="instrument_new_version",
    ),
    path("instrument/<int:pk>/status/", instruments.instrument_status, name="instrument_status"),
]
