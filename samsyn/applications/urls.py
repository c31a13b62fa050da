"""Pages of calls, applications, decisions, payment claims and deviation reports."""

from django.urls import path

from samsyn.applications.views import decisions, deviations, preparation

app_name = "applications"

urlpatterns: list = [
    # Beredning (docs/applications-decisions.md)
    path("beredning/", preparation.preparation_list, name="preparation_list"),
    path("<int:pk>/beredning/", preparation.preparation_detail, name="preparation"),
    path(
        "<int:pk>/beredning/starta/", preparation.preparation_start_view, name="preparation_start"
    ),
    path(
        "<int:pk>/beredning/anteckning/",
        preparation.preparation_note_view,
        name="preparation_note",
    ),
    path("<int:pk>/beredning/forslag/", preparation.recommendation_view, name="recommendation"),
    path("<int:pk>/fragor/", preparation.questions_view, name="questions"),
    # Decisions
    path("<int:pk>/beslut/", decisions.decision_create, name="decision_create"),
    path("beslut/", decisions.decision_list_view, name="decision_list"),
    path("beslut/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("beslut/<int:pk>/protokoll/", decisions.decision_minutes, name="decision_minutes"),
    # Change and continuation applications, deviation reports
    path("insats/<int:pk>/andring/", deviations.change_create, name="change_create"),
    path("insats/<int:pk>/avvikelse/", deviations.deviation_create, name="deviation_create"),
    path("avvikelser/", deviations.deviation_list_view, name="deviation_list"),
    path("avvikelser/<int:pk>/", deviations.deviation_detail, name="deviation_detail"),
    path("avvikelser/<int:pk>/svar/", deviations.deviation_respond_view, name="deviation_respond"),
]
