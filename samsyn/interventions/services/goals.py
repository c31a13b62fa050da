"""Goals of an intervention: created, changed and removed by the förbundsadministratör of
its förbund or its insatsansvarig (404 for everyone else). Every change is audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.versioning import delete_versioned, save_versioned
from samsyn.interventions.models import (
    Goal,
    GoalComparison,
    GoalGender,
    GoalPeriod,
    Intervention,
    TrainingRole,
)
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.goals import SHARE_WOMEN, TRAINED_PEOPLE, goal_metric_get
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.stats.metrics import Kind

GOAL_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
MAX_TARGET = Decimal("9999999")
FIELDS = [
    "metric_id",
    "comparison",
    "target",
    "target_max",
    "gender",
    "label",
    "training_roles",
    "period_kind",
]


@dataclass(frozen=True)
class GoalFields:
    metric_id: str
    comparison: str
    target: Decimal | None
    target_max: Decimal | None = None
    gender: str = GoalGender.TOTAL
    label: str = ""
    # Only for "trained_people": the TrainingRole codes counted together.
    training_roles: tuple[str, ...] = ()
    # What the target is set for (GoalPeriod): the whole intervention or each calendar year.
    period_kind: str = GoalPeriod.INTERVENTION


def can_manage_goals(actor: User, intervention: Intervention) -> bool:
    managed = interventions_visible_to(actor, *GOAL_MANAGER_ROLES)
    return managed.filter(pk=intervention.pk).exists()


def _manager_role(actor: User, intervention: Intervention) -> str:
    """The role the actor manages the goals in (for the audit log); 404 without one."""
    if interventions_visible_to(actor, Role.FORBUNDSADMIN).filter(pk=intervention.pk).exists():
        return Role.FORBUNDSADMIN.value
    if interventions_visible_to(actor, Role.INSATSANSVARIG).filter(pk=intervention.pk).exists():
        return Role.INSATSANSVARIG.value
    raise Http404


def _check_target(fields: GoalFields, kind: Kind | None, errors: Errors) -> None:
    targets = [("target", fields.target)]
    if fields.comparison == GoalComparison.BETWEEN:
        targets.append(("target_max", fields.target_max))
    for name, value in targets:
        if value is None:
            errors[name] = [_("Ange ett målvärde.")]
        elif value < 0 or value > MAX_TARGET:
            errors[name] = [_("Målvärdet kan inte vara negativt eller orimligt stort.")]
        elif kind is Kind.SHARE and value > 100:
            errors[name] = [_("En andel anges i procent och kan vara högst 100.")]
        elif kind is Kind.COUNT and value != value.to_integral_value():
            errors[name] = [_("Ett antal ska anges som ett heltal.")]
    low, high = fields.target, fields.target_max
    between = fields.comparison == GoalComparison.BETWEEN and not errors
    if between and low is not None and high is not None and high < low:
        errors["target_max"] = [_("Det högsta målvärdet kan inte vara lägre än det lägsta.")]


def _clean(fields: GoalFields, intervention: Intervention) -> GoalFields:
    errors: Errors = {}
    metric = goal_metric_get(fields.metric_id, intervention)
    if metric is None:
        errors["metric_id"] = [_("Välj ett av måtten i listan.")]
    if fields.comparison not in GoalComparison.values:
        errors["comparison"] = [_("Välj minst, högst eller mellan.")]
    if fields.gender not in GoalGender.values:
        errors["gender"] = [_("Välj alla, kvinnor eller män.")]
    elif fields.metric_id == SHARE_WOMEN and fields.gender != GoalGender.TOTAL:
        errors["gender"] = [_("Andelen kvinnor räknas bland alla: välj Alla.")]
    elif metric is not None and not metric.gender_split and fields.gender != GoalGender.TOTAL:
        errors["gender"] = [_("Utbildad personal räknas inte per kön: välj Alla.")]
    if fields.period_kind not in GoalPeriod.values:
        errors["period_kind"] = [_("Välj hela insatsen eller per kalenderår.")]
    _check_target(fields, metric.kind if metric else None, errors)
    roles = _clean_roles(fields, errors)
    label = fields.label.strip()
    if len(label) > (Goal._meta.get_field("label").max_length or 0):
        errors["label"] = [_("Beskrivningen får vara högst 200 tecken.")]
    raise_if(errors)
    keep_max = fields.comparison == GoalComparison.BETWEEN
    return GoalFields(
        metric_id=fields.metric_id,
        comparison=fields.comparison,
        target=fields.target,
        target_max=fields.target_max if keep_max else None,
        gender=fields.gender,
        label=label,
        training_roles=roles,
        period_kind=fields.period_kind,
    )


def _clean_roles(fields: GoalFields, errors: Errors) -> tuple[str, ...]:
    """The roles of a "trained_people" goal, in TrainingRole order; dropped for any other
    metric (seed 000: one target for "chefer/beslutsfattare och operativa medarbetare")."""
    if fields.metric_id != TRAINED_PEOPLE:
        return ()
    chosen = set(fields.training_roles)
    if not chosen:
        errors["training_roles"] = [_("Välj minst en yrkesroll som målet räknar.")]
    elif not chosen <= set(TrainingRole.values):
        errors["training_roles"] = [_("Välj yrkesrollerna i listan.")]
    return tuple(role for role in TrainingRole.values if role in chosen)


def _audit(actor: User, role: str, action: AuditAction, goal: Goal, detail: str) -> None:
    intervention = goal.intervention
    audit_record(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        role=role,
        obj=goal,
        detail=detail,
    )


def _describe(goal: Goal) -> str:
    upper = f"–{goal.target_max}" if goal.target_max is not None else ""
    roles = f" [{', '.join(goal.training_roles)}]" if goal.training_roles else ""
    return f"{goal.metric_id}{roles} {goal.comparison} {goal.target}{upper} ({goal.gender})"


def _values(clean: GoalFields) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(clean, name) for name in FIELDS}
    values["training_roles"] = list(clean.training_roles)
    return values


@transaction.atomic
def goal_create(*, actor: User, intervention: Intervention, fields: GoalFields) -> Goal:
    role = _manager_role(actor, intervention)
    clean = _clean(fields, intervention)
    goal = Goal(intervention=intervention, **_values(clean))
    goal.save()
    _audit(actor, role, AuditAction.CREATE, goal, f"Mål tillagt: {_describe(goal)}")
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, fields: GoalFields, expected_version: int) -> Goal:
    """Change a goal, if nobody else changed it since the form was shown."""
    role = _manager_role(actor, goal.intervention)
    clean = _clean(fields, goal.intervention)
    for name, value in _values(clean).items():
        setattr(goal, name, value)
    save_versioned(goal, expected_version=expected_version, fields=FIELDS)
    _audit(actor, role, AuditAction.UPDATE, goal, f"Mål ändrat: {_describe(goal)}")
    return goal


@transaction.atomic
def goal_delete(*, actor: User, goal: Goal, expected_version: int) -> None:
    role = _manager_role(actor, goal.intervention)
    delete_versioned(goal, expected_version=expected_version)
    _audit(actor, role, AuditAction.DELETE, goal, f"Mål borttaget: {_describe(goal)}")


__all__ = [
    "GoalFields",
    "can_manage_goals",
    "goal_create",
    "goal_delete",
    "goal_update",
]
