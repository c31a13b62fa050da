"""The one definition of a "step forward" (stegförflyttning) at exit.

A registration has taken a step forward when, in this order:

1. **Recorded explicitly.** ``Registration.step_forward`` is not null (set at exit, or by an
   import of old registrations): that answer wins, whatever else is recorded.
2. Otherwise it is **True** when any of these holds:

   a. **Ladder:** the last recorded ladder step (latest ``StepRecord`` by date, then by
      order of recording) is higher on the intervention's ladder than the first one;
   b. **Sub-goal:** at least one sub-goal of the action plan has status *uppnått*;
   c. **Indicators:** the mean score of the last measurement (all ratings on the latest
      rating date) is higher than the mean of the first measurement (all ratings on the
      earliest rating date).

3. Otherwise it is **False** when anything of the above was recorded (a step, a sub-goal,
   a rating) but none of it shows a move forward;
4. and **None** (unknown) when nothing at all is recorded.

One step record, or one measurement, alone can never be a step forward: there is nothing
to compare it with. ``step_forward`` answers for one registration in Python (a handful of
queries); ``annotate_step_forward`` answers the same question for a whole queryset in SQL,
for reports. Both are tested against the same hand-made cases.
"""

from __future__ import annotations

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from samsyn.participants.models import (
    IndicatorRating,
    Registration,
    StepRecord,
    SubGoal,
    SubGoalStatus,
)

STEP_FORWARD_ANNOTATION = "step_forward_at_exit"


def _ladder_moved_up(registration: Registration) -> tuple[bool, bool]:
    """(anything recorded, last step higher than first)."""
    records = StepRecord.objects.filter(registration=registration)
    first = records.order_by("recorded_on", "id").values_list("step__order", flat=True).first()
    if first is None:
        return False, False
    last = records.order_by("-recorded_on", "-id").values_list("step__order", flat=True).first()
    return True, last is not None and last > first


def _sub_goal_reached(registration: Registration) -> tuple[bool, bool]:
    statuses = set(
        SubGoal.objects.filter(plan__registration=registration).values_list("status", flat=True)
    )
    return bool(statuses), SubGoalStatus.UPPNATT in statuses


def _indicators_improved(registration: Registration) -> tuple[bool, bool]:
    ratings = IndicatorRating.objects.filter(registration=registration)
    span = ratings.aggregate(first=Min("rated_on"), last=Max("rated_on"))
    if span["first"] is None:
        return False, False
    if span["first"] == span["last"]:
        return True, False
    first_mean = ratings.filter(rated_on=span["first"]).aggregate(mean=Avg("score"))["mean"]
    last_mean = ratings.filter(rated_on=span["last"]).aggregate(mean=Avg("score"))["mean"]
    return True, last_mean > first_mean


def step_forward(registration: Registration) -> bool | None:
    """Did ``registration`` take a step forward? See the module docstring for the rule."""
    if registration.step_forward is not None:
        return registration.step_forward
    recorded = False
    for check in (_ladder_moved_up, _sub_goal_reached, _indicators_improved):
        has_data, moved = check(registration)
        if moved:
            return True
        recorded = recorded or has_data
    return False if recorded else None


def annotate_step_forward(
    queryset: QuerySet[Registration], *, name: str = STEP_FORWARD_ANNOTATION
) -> QuerySet[Registration]:
    """``queryset`` with a nullable boolean ``name``: ``step_forward`` computed in SQL.

    Correlated subqueries per registration, so a report can ``filter``/``Count`` on it
    without loading rows into Python.
    """
    steps = StepRecord.objects.filter(registration=OuterRef("pk"))
    ratings = IndicatorRating.objects.filter(registration=OuterRef("pk"))
    sub_goals = SubGoal.objects.filter(plan__registration=OuterRef("pk"))

    def rating_mean(date_field: str) -> Subquery:
        measurement = IndicatorRating.objects.filter(
            registration=OuterRef("pk"), rated_on=OuterRef(date_field)
        )
        return Subquery(
            measurement.order_by()
            .values("registration")
            .annotate(mean=Avg("score"))
            .values("mean")[:1]
        )

    annotated = queryset.annotate(
        _sf_first_step=Subquery(steps.order_by("recorded_on", "id").values("step__order")[:1]),
        _sf_last_step=Subquery(steps.order_by("-recorded_on", "-id").values("step__order")[:1]),
        _sf_reached=Exists(sub_goals.filter(status=SubGoalStatus.UPPNATT)),
        _sf_any_recorded=Exists(steps) | Exists(sub_goals) | Exists(ratings),
        _sf_first_rating=Subquery(ratings.order_by("rated_on").values("rated_on")[:1]),
        _sf_last_rating=Subquery(ratings.order_by("-rated_on").values("rated_on")[:1]),
    ).annotate(
        _sf_first_mean=rating_mean("_sf_first_rating"),
        _sf_last_mean=rating_mean("_sf_last_rating"),
    )
    moved = (
        Q(_sf_last_step__gt=F("_sf_first_step"))
        | Q(_sf_reached=True)
        | Q(_sf_last_mean__gt=F("_sf_first_mean"))
    )
    return annotated.annotate(
        **{
            name: Case(
                When(step_forward__isnull=False, then=F("step_forward")),
                When(moved, then=Value(True)),
                When(_sf_any_recorded=True, then=Value(False)),
                default=Value(None),
                output_field=BooleanField(null=True),
            )
        }
    )
