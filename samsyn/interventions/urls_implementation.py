"""Trainings and the implementation plan of an intervention."""

from django.urls import URLPattern, path

from samsyn.interventions.views import implementation as plan
from samsyn.interventions.views import trainings

TRAINING = "<int:pk>/utbildningar/"
TRAINING_ITEM = f"{TRAINING}<int:training_pk>/"
ATTENDANCE = f"{TRAINING_ITEM}deltagare/"
PLAN = "<int:pk>/implementering/"
PLAN_ITEM = f"{PLAN}<int:item_pk>/"

implementation_patterns: list[URLPattern] = [
    path(TRAINING, trainings.training_list, name="trainings"),
    path(f"{TRAINING}ny/", trainings.training_create_view, name="training_create"),
    path(f"{TRAINING_ITEM}andra/", trainings.training_edit_view, name="training_edit"),
    path(f"{TRAINING_ITEM}ta-bort/", trainings.training_delete_view, name="training_delete"),
    path(ATTENDANCE, trainings.attendance_add_view, name="training_attendance_add"),
    path(
        f"{ATTENDANCE}<int:attendance_pk>/andra/",
        trainings.attendance_update_view,
        name="training_attendance_update",
    ),
    path(
        f"{ATTENDANCE}<int:attendance_pk>/ta-bort/",
        trainings.attendance_remove_view,
        name="training_attendance_remove",
    ),
    path(PLAN, plan.implementation_list, name="implementation"),
    path(f"{PLAN}ny/", plan.implementation_create_view, name="implementation_create"),
    path(
        f"{PLAN}standardpunkter/",
        plan.implementation_defaults_view,
        name="implementation_defaults",
    ),
    path(f"{PLAN_ITEM}andra/", plan.implementation_edit_view, name="implementation_edit"),
    path(f"{PLAN_ITEM}ta-bort/", plan.implementation_delete_view, name="implementation_delete"),
    path(f"{PLAN_ITEM}flytta/", plan.implementation_move_view, name="implementation_move"),
    path(
        f"{PLAN_ITEM}underlag/",
        plan.implementation_evidence_view,
        name="implementation_evidence",
    ),
]
