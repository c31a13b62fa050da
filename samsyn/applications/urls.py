"""Pages of calls, applications, decisions, payment claims and deviation reports."""

from django.urls import path

from samsyn.applications.views import application_parts as parts
from samsyn.applications.views import applications, calls

app_name = "applications"

urlpatterns: list = [
    path("", applications.application_list, name="application_list"),
    path("ny/", applications.application_create, name="application_create"),
    path("<int:pk>/", applications.application_detail, name="application_detail"),
    path("<int:pk>/andra/", applications.application_edit, name="application_edit"),
    path("<int:pk>/skicka-in/", applications.application_submit, name="application_submit"),
    path("<int:pk>/aterkalla/", applications.application_withdraw, name="application_withdraw"),
    path("<int:pk>/budget/ny/", parts.budget_line_add, name="budget_line_add"),
    path("<int:pk>/budget/<int:app_line_pk>/", parts.budget_line_edit, name="budget_line_edit"),
    path(
        "<int:pk>/budget/<int:app_line_pk>/ta-bort/",
        parts.budget_line_delete,
        name="budget_line_delete",
    ),
    path("<int:pk>/deltagare/", parts.year_set, name="year_set"),
    path("<int:pk>/mal/ny/", parts.goal_add, name="goal_add"),
    path("<int:pk>/mal/<int:app_goal_pk>/ta-bort/", parts.goal_delete, name="goal_delete"),
    path("<int:pk>/underskrifter/ny/", parts.signature_add, name="signature_add"),
    path("<int:pk>/bilagor/ny/", parts.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/bilagor/<int:attachment_pk>/",
        parts.attachment_download,
        name="attachment_download",
    ),
    path("utlysningar/", calls.call_list, name="call_list"),
    path("utlysningar/ny/", calls.call_create, name="call_create"),
    path("utlysningar/<int:pk>/", calls.call_detail, name="call_detail"),
    path("utlysningar/<int:pk>/andra/", calls.call_edit, name="call_edit"),
    path("utlysningar/<int:pk>/publicera/", calls.call_publish, name="call_publish"),
    path("utlysningar/<int:pk>/stang/", calls.call_close, name="call_close"),
]
