"""Intervention pages at /insatser/: the intervention page for everyone who sees it, and
the förbundsadministratör's management pages (404 for everyone else); the money pages
(budget, financing, actual costs and annual plans at <pk>/ekonomi/, the förbund's
administration costs at administration/), the trainings and the implementation plan.

The money, training and plan patterns come before the last "<slug:slug>/" pattern, so
"administration/" is never read as an intervention's slug."""

from django.urls import URLPattern, path

from samsyn.interventions.structure import SPECS
from samsyn.interventions.views import (
    age_bands,
    deleted,
    detail,
    manage,
    money,
    structure,
    trainings,
)
from samsyn.interventions.views import goals as goal_views
from samsyn.interventions.views import implementation as plan

app_name = "interventions"

ECONOMY = "<int:pk>/ekonomi/"
TRAINING = "<int:pk>/utbildningar/"
TRAINING_ITEM = f"{TRAINING}<int:training_pk>/"
ATTENDANCE = f"{TRAINING_ITEM}deltagare/"
EVIDENCE = f"{TRAINING_ITEM}underlag/"
PLAN = "<int:pk>/implementering/"
PLAN_ITEM = f"{PLAN}<int:item_pk>/"


def _structure_patterns() -> list[URLPattern]:
    patterns = []
    for spec in SPECS.values():
        prefix = f"<int:pk>/{spec.kind.value}/"
        kind = {"kind": spec.kind.value}
        name = spec.url_name
        patterns += [
            path(prefix, structure.structure_list, kind, name=name),
            path(
                f"{prefix}<int:item_pk>/byt-namn/",
                structure.structure_item_rename,
                kind,
                name=f"{name}_rename",
            ),
            path(
                f"{prefix}<int:item_pk>/flytta/",
                structure.structure_item_move,
                kind,
                name=f"{name}_move",
            ),
            path(
                f"{prefix}<int:item_pk>/ta-bort/",
                structure.structure_item_remove,
                kind,
                name=f"{name}_remove",
            ),
        ]
    return patterns


urlpatterns = [
    path("", manage.intervention_list, name="list"),
    path("ny/", manage.intervention_create, name="create"),
    path("<int:pk>/", detail.intervention_detail, name="detail"),
    path("<int:pk>/andra/", manage.intervention_edit, name="edit"),
    path("<int:pk>/personal/", manage.intervention_staff, name="staff"),
    path("<int:pk>/platser/", structure.capacity_list, name="capacity"),
    path(
        "<int:pk>/platser/<int:capacity_pk>/andra/",
        structure.capacity_update,
        name="capacity_update",
    ),
    path(
        "<int:pk>/platser/<int:capacity_pk>/ta-bort/",
        structure.capacity_remove,
        name="capacity_remove",
    ),
    path("<int:pk>/aktivitetstyper/", structure.activity_type_list, name="activity_types"),
    path(
        "<int:pk>/aktivitetstyper/<int:type_pk>/byt-namn/",
        structure.activity_type_rename,
        name="activity_type_rename",
    ),
    path(
        "<int:pk>/aktivitetstyper/<int:type_pk>/galler/",
        structure.activity_type_approach,
        name="activity_type_approach",
    ),
    path(
        "<int:pk>/aktivitetstyper/<int:type_pk>/inaktivera/",
        structure.activity_type_deactivate,
        name="activity_type_deactivate",
    ),
    path(
        "<int:pk>/aktivitetstyper/<int:type_pk>/aktivera/",
        structure.activity_type_reactivate,
        name="activity_type_reactivate",
    ),
    *_structure_patterns(),
    path("<int:pk>/mal/", goal_views.goal_list, name="goals"),
    path("<int:pk>/mal/nytt/", goal_views.goal_create_view, name="goal_create"),
    path("<int:pk>/mal/<int:goal_pk>/andra/", goal_views.goal_edit_view, name="goal_edit"),
    path("<int:pk>/mal/<int:goal_pk>/ta-bort/", goal_views.goal_delete_view, name="goal_delete"),
    path("<int:pk>/borttaget/", deleted.deleted_list, name="deleted"),
    # Money.
    path(ECONOMY, money.money_overview, name="money"),
    path(f"{ECONOMY}budget/ny/", money.budget_create, name="money_budget_create"),
    path(f"{ECONOMY}budget/<int:line_pk>/andra/", money.budget_edit, name="money_budget_edit"),
    path(
        f"{ECONOMY}budget/<int:line_pk>/ta-bort/",
        money.budget_delete,
        name="money_budget_delete",
    ),
    path(
        f"{ECONOMY}finansiering/ny/",
        money.financing_create_view,
        name="money_financing_create",
    ),
    path(
        f"{ECONOMY}finansiering/<int:financing_pk>/andra/",
        money.financing_edit_view,
        name="money_financing_edit",
    ),
    path(
        f"{ECONOMY}finansiering/<int:financing_pk>/ta-bort/",
        money.financing_delete_view,
        name="money_financing_delete",
    ),
    path(f"{ECONOMY}utfall/", money.cost_form, name="money_cost"),
    path(f"{ECONOMY}utfall/ta-bort/", money.cost_delete, name="money_cost_delete"),
    path(f"{ECONOMY}utfall/import/", money.cost_import, name="money_import"),
    path(f"{ECONOMY}arsplan/<int:year>/", money.plan_form, name="money_plan"),
    path(f"{ECONOMY}arsplan/<int:year>/ta-bort/", money.plan_delete, name="money_plan_delete"),
    path("administration/", money.administration_list, name="money_administration"),
    path(
        "administration/ny/",
        money.administration_create,
        name="money_administration_create",
    ),
    path(
        "administration/<int:cost_pk>/andra/",
        money.administration_edit,
        name="money_administration_edit",
    ),
    path(
        "administration/<int:cost_pk>/ta-bort/",
        money.administration_delete,
        name="money_administration_delete",
    ),
    # The intervention's own age bands (reports).
    path("<int:pk>/aldersgrupper/", age_bands.age_band_list, name="age_bands"),
    path(
        "<int:pk>/aldersgrupper/<int:band_pk>/ta-bort/",
        age_bands.age_band_remove_view,
        name="age_band_remove",
    ),
    # Trainings and the implementation plan.
    path(TRAINING, trainings.training_list, name="trainings"),
    path(f"{TRAINING}ny/", trainings.training_create_view, name="training_create"),
    path(f"{TRAINING_ITEM}andra/", trainings.training_edit_view, name="training_edit"),
    path(f"{TRAINING_ITEM}ta-bort/", trainings.training_delete_view, name="training_delete"),
    path(ATTENDANCE, trainings.attendance_add_view, name="training_attendance_add"),
    path(
        f"{ATTENDANCE}<int:attendance_pk>/ta-bort/",
        trainings.attendance_remove_view,
        name="training_attendance_remove",
    ),
    path(f"{EVIDENCE}", trainings.evidence_add_view, name="training_evidence_add"),
    path(
        f"{EVIDENCE}<int:evidence_pk>/",
        trainings.evidence_download_view,
        name="training_evidence",
    ),
    path(
        f"{EVIDENCE}<int:evidence_pk>/ta-bort/",
        trainings.evidence_remove_view,
        name="training_evidence_remove",
    ),
    path(
        f"{TRAINING}personer/<int:attendee_pk>/byt-namn/",
        trainings.attendee_rename_view,
        name="training_attendee_rename",
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
    # Last, so that the words above are never read as a slug.
    path("<slug:slug>/", detail.intervention_detail, name="detail"),
]
