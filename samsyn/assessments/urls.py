"""Resource inventory pages at /resursinventering/."""

from django.urls import URLPattern, path

from . import views

app_name = "assessments"

urlpatterns: list[URLPattern] = [
    path("<int:pk>/", views.inventory_detail, name="inventory"),
    path("<int:pk>/paborja/", views.inventory_start, name="start"),
    path("<int:pk>/aktivitetsperiod/", views.observation_edit, name="observation"),
    path("<int:pk>/bedomning/ny/", views.assessment_create, name="assessment_create"),
    path(
        "<int:pk>/bedomning/<int:assessment_pk>/",
        views.assessment_edit,
        name="assessment_edit",
    ),
    path("<int:pk>/vecka/ny/", views.week_create, name="week_create"),
    path("<int:pk>/rekommendation/", views.recommendation_edit, name="recommendation"),
    path("<int:pk>/overlamning/", views.handover_edit, name="handover"),
    path(
        "insats/<int:pk>/rekommendationer/",
        views.distribution,
        name="distribution",
    ),
]
