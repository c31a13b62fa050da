"""Intervention pages at /insatser/: the intervention page for everyone who sees it, and
the förbundsadministratör's management pages (404 for everyone else)."""

from django.urls import URLPattern, path

from samsyn.interventions.structure import SPECS
from samsyn.interventions.urls_implementation import implementation_patterns
from samsyn.interventions.urls_money import money_patterns
from samsyn.interventions.views import detail, manage, structure
from samsyn.interventions.views import goals as goal_views

app_name = "interventions"


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
    *money_patterns,
    *implementation_patterns,
    # Last, so that the words above are never read as a slug.
    path("<slug:slug>/", detail.intervention_detail, name="detail"),
]
