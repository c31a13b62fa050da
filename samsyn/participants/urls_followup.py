"""Follow-ups, job and study starts, exit, post-exit follow-ups and the caseload."""

from django.urls import URLPattern, path

from samsyn.participants import views_followup as views

urlpatterns: list[URLPattern] = [
    path("arendelista/", views.caseload, name="caseload"),
    path("uppfoljningar-att-gora/", views.followups_due, name="followups_due"),
    path("efteruppfoljningar/", views.post_exit_due, name="post_exit_due"),
    path("<int:pk>/uppfoljning/ny/", views.followup_create, name="followup_create"),
    path("<int:pk>/start/ny/", views.workstart_create, name="workstart_create"),
    path("<int:pk>/avslut/", views.exit_view, name="exit"),
    path("<int:pk>/avslut/angra/", views.exit_undo, name="exit_undo"),
    path(
        "<int:pk>/efteruppfoljning/<int:followup_id>/",
        views.post_exit_record,
        name="post_exit_record",
    ),
]
