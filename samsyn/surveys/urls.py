"""Survey pages at /enkater/ (the public answering page is at /enkat/, public_urls.py)."""

from django.urls import URLPattern, path

from samsyn.surveys.views import instruments, results, surveys

app_name = "surveys"

urlpatterns: list[URLPattern] = [
    path("", surveys.survey_list, name="survey_list"),
    path("ny/", surveys.survey_create, name="survey_create"),
    path("<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("<int:pk>/andra/", surveys.survey_edit, name="survey_edit"),
    path("<int:pk>/status/", surveys.survey_status, name="survey_status"),
    path("<int:pk>/lankar/", surveys.survey_links, name="survey_links"),
    path("<int:pk>/pappersenkat/", surveys.survey_paper, name="survey_paper"),
    path("<int:pk>/avslutslank/", surveys.survey_exit_link, name="survey_exit_link"),
    path("instrument/", instruments.instrument_list, name="instrument_list"),
    path("instrument/importera/", instruments.instrument_import, name="instrument_import"),
    path("instrument/<int:pk>/", instruments.instrument_detail, name="instrument_detail"),
    path(
        "instrument/<int:pk>/ny-version/",
        instruments.instrument_new_version,
        name="instrument_new_version",
    ),
    path("instrument/<int:pk>/status/", instruments.instrument_status, name="instrument_status"),
    path("<int:pk>/resultat/", results.survey_results, name="survey_results"),
    path("<int:pk>/fritext/", results.survey_free_text, name="survey_free_text"),
    path("insats/<int:pk>/resultat/", results.intervention_results, name="intervention_results"),
    path("forbund/resultat/", results.forbund_results, name="forbund_results"),
    path("referensvarden/", results.reference_list, name="reference_list"),
    path("referensvarden/<int:pk>/ta-bort/", results.reference_delete, name="reference_delete"),
    path("nationell-export/", results.national_export_page, name="national_export_page"),
    path("nationell-export/<str:fmt>/", results.national_export, name="national_export"),
]
