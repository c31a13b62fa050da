"""The participant page and the journey forms (plan, phases, activities, steps, notes)."""

from django.urls import URLPattern, path

from samsyn.participants import views_journey as views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/", views.registration_detail, name="registration_detail"),
    path("<int:pk>/handlingsplan/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/delmal/nytt/", views.subgoal_create, name="subgoal_create"),
    path("<int:pk>/delmal/<int:sub_goal_pk>/", views.subgoal_edit, name="subgoal_edit"),
    path("<int:pk>/fas/", views.phase_change, name="phase_change"),
    path("<int:pk>/aktivitet/ny/", views.activity_create, name="activity_create"),
    path("<int:pk>/steg/", views.step_record_create, name="step_record_create"),
    path("<int:pk>/skattning/", views.indicator_rating_create, name="indicator_rating_create"),
    path("<int:pk>/anteckning/ny/", views.note_create, name="note_create"),
]
