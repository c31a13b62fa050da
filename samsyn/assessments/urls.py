"""Resource inventory pages at /resursinventering/."""

from django.urls import URLPattern, path

from samsyn.assessments.views import distribution, inventory

app_name = "assessments"

urlpatterns: list[URLPattern] = [
    path("<int:pk>/", inventory.inventory_detail, name="inventory"),
    path("<int:pk>/paborja/", inventory.inventory_start, name="start"),
    path("<int:pk>/aktivitetsperiod/", inventory.observation_edit, name="observation"),
    path("<int:pk>/bedomning/ny/", inventory.assessment_create, name="assessment_create"),
    path(
        "<int:pk>/bedomning/<int:assessment_pk>/",
        inventory.assessment_edit,
        name="assessment_edit",
    ),
    path("<int:pk>/vecka/ny/", inventory.week_create, name="week_create"),
    path("<int:pk>/rekommendation/", inventory.recommendation_edit, name="recommendation"),
    path("<int:pk>/overlamning/", inventory.handover_edit, name="handover"),
    path(
        "insats/<int:pk>/rekommendationer/",
        distribution.distribution,
        name="distribution",
    ),
]
