"""The floors: for each measured operation, ONE hand-written SQL statement computing the same
figures, so the bench can say how far the application is from what the database itself needs.

What each floor computes (docs/performance.md, "make bench"):

- ``intervention``: the registration figures of one intervention and period by gender and
  in total (``samsyn/participants/selectors/metrics.py``): started, active, ended, ended to
  work or studies, ended a step forward, anonymous started, ended with a recommendation,
  the median days of the ended, and the 12-month follow-ups due and reached. Felregistrering
  never counts. "A step forward" is the rule of ``annotate_step_forward``: the recorded
  value, else a later ladder step than the first, a reached sub-goal or a higher mean of the
  last indicator ratings than of the first. Used for the report content, the dashboard and
  the period report (page, PDF, XLSX share these figures).
- ``forbund``: per intervention of a förbund and gender the six counts of the förbund
  reports, with the budget, the costs and the planned participants of the period's years
  (the overview and the Finsam export).
- ``national``: the same per förbund and intervention across every förbund.
- ``caseload``: the coach's ongoing registrations with the columns and flags the caseload
  shows (overdue follow-up, overdue sub-goals, post-exit follow-up due).
- ``participant``: the registration with its person, intervention, phase and the numbers of
  its activities, notes, step records, follow-ups and sub-goals.
- ``api_list``: the first page (50) of the coach's registrations, newest start first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection

_COUNTABLE = "r.exit_reason <> 'felregistrering'"
_ACTIVE = "r.start_date <= %(end)s AND (r.end_date IS NULL OR r.end_date >= %(start)s)"
_STARTED = "r.start_date BETWEEN %(start)s AND %(end)s"
_ENDED = "r.end_date BETWEEN %(start)s AND %(end)s"


def _registrations(scope: str) -> str:
    """The CTEs ``reg`` (the countable registrations in ``scope`` with person and
    intervention) and ``regs`` (the same with ``moved``: a step forward by the rule of
    ``annotate_step_forward`` — the recorded value, else a later ladder step than the first,
    a reached sub-goal, or a higher mean of the last indicator ratings than of the first).
    The child tables are read once each, grouped, for the registrations ended in the
    period (only those can count as ended a step forward)."""
    return f"""
reg AS (
  SELECT r.id, r.intervention_id, i.forbund_id, r.start_date, r.end_date, r.outcome,
    r.recommendation, r.step_forward, p.gender, p.is_anonymous
  FROM participants_registration r
  JOIN participants_person p ON p.id = r.person_id
  JOIN interventions_intervention i ON i.id = r.intervention_id
  WHERE {scope} AND {_COUNTABLE}
), ended AS (
  SELECT r.id FROM reg r WHERE {_ENDED} AND r.step_forward IS NULL
), steps AS (
  SELECT s.registration_id,
    (array_agg(ls.order ORDER BY s.recorded_on, s.id))[1] AS first_step,
    (array_agg(ls.order ORDER BY s.recorded_on DESC, s.id DESC))[1] AS last_step
  FROM participants_steprecord s JOIN interventions_ladderstep ls ON ls.id = s.step_id
  WHERE s.registration_id IN (SELECT id FROM ended)
  GROUP BY s.registration_id
), reached AS (
  SELECT DISTINCT ap.registration_id
  FROM participants_subgoal sg JOIN participants_actionplan ap ON ap.id = sg.plan_id
  WHERE sg.status = 'uppnatt' AND ap.registration_id IN (SELECT id FROM ended)
), rated AS (
  SELECT ir.registration_id, ir.rated_on, ir.score,
    min(ir.rated_on) OVER w AS first_on, max(ir.rated_on) OVER w AS last_on
  FROM participants_indicatorrating ir
  WHERE ir.registration_id IN (SELECT id FROM ended)
  WINDOW w AS (PARTITION BY ir.registration_id)
), ratings AS (
  SELECT registration_id,
    avg(score) FILTER (WHERE rated_on = first_on) AS first_mean,
    avg(score) FILTER (WHERE rated_on = last_on) AS last_mean
  FROM rated GROUP BY registration_id
), regs AS (
  SELECT reg.*, COALESCE(
      reg.step_forward,
      steps.last_step > steps.first_step
      OR reached.registration_id IS NOT NULL
      OR ratings.last_mean > ratings.first_mean
    ) AS moved
  FROM reg
  LEFT JOIN steps ON steps.registration_id = reg.id
  LEFT JOIN reached ON reached.registration_id = reg.id
  LEFT JOIN ratings ON ratings.registration_id = reg.id
)"""  # noqa: S608


_COUNTS = f"""
    count(*) FILTER (WHERE {_STARTED}) AS started,
    count(*) AS active,
    count(*) FILTER (WHERE {_ENDED}) AS ended,
    count(*) FILTER (WHERE {_ENDED}
                     AND r.outcome IN ('arbete', 'studier', 'arbete_studier')) AS work_or_studies,
    count(*) FILTER (WHERE {_ENDED} AND r.moved) AS step_forward,
    count(*) FILTER (WHERE {_STARTED} AND r.is_anonymous) AS anonymous_started"""

# The statements are built from the constant fragments above; values go as parameters.
INTERVENTION = f"""
WITH {_registrations("r.intervention_id = %(intervention)s")}, counts AS (
  SELECT r.gender, {_COUNTS},
    count(*) FILTER (WHERE {_ENDED} AND r.recommendation <> '') AS with_recommendation,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY r.end_date - r.start_date)
      FILTER (WHERE {_ENDED}) AS median_days
  FROM regs r WHERE {_ACTIVE}
  GROUP BY ROLLUP (r.gender)
), follow_ups AS (
  SELECT p.gender, count(DISTINCT f.registration_id) AS due,
    count(DISTINCT f.registration_id) FILTER (WHERE f.reached) AS reached
  FROM participants_postexitfollowup f
  JOIN participants_registration r ON r.id = f.registration_id
  JOIN participants_person p ON p.id = r.person_id
  WHERE r.intervention_id = %(intervention)s AND {_COUNTABLE} AND NOT p.is_anonymous
    AND f.months_after = 12 AND f.due_on BETWEEN %(start)s AND %(end)s
  GROUP BY ROLLUP (p.gender)
)
SELECT c.*, f.due, f.reached
FROM counts c LEFT JOIN follow_ups f ON f.gender IS NOT DISTINCT FROM c.gender
"""  # noqa: S608

_FORBUND_COUNTS = f"""
  SELECT r.intervention_id, r.gender, {_COUNTS}
  FROM regs r WHERE {_ACTIVE}
  GROUP BY ROLLUP (r.intervention_id, r.gender)
"""  # noqa: S608

_MONEY = """
), budget AS (
  SELECT b.intervention_id, sum(b.amount) AS budget,
    sum(b.amount) FILTER (WHERE b.funder = 'forbund') AS forbund_budget
  FROM interventions_budgetline b JOIN interventions_intervention i ON i.id = b.intervention_id
  WHERE {scope} AND b.year BETWEEN %(start_year)s AND %(end_year)s GROUP BY b.intervention_id
), costs AS (
  SELECT c.intervention_id, sum(c.amount) AS outcome,
    sum(c.amount) FILTER (WHERE c.funder = 'forbund') AS forbund_outcome
  FROM interventions_actualcost c JOIN interventions_intervention i ON i.id = c.intervention_id
  WHERE {scope} AND c.month BETWEEN %(first_month)s AND %(end)s GROUP BY c.intervention_id
), planned AS (
  SELECT a.intervention_id, sum(a.planned_participants) AS planned
  FROM interventions_annualplan a JOIN interventions_intervention i ON i.id = a.intervention_id
  WHERE {scope} AND a.year BETWEEN %(start_year)s AND %(end_year)s GROUP BY a.intervention_id
)
SELECT i.forbund_id, i.id, i.name, counts.*, budget.budget, budget.forbund_budget,
  costs.outcome, costs.forbund_outcome, planned.planned
FROM interventions_intervention i
LEFT JOIN counts ON counts.intervention_id = i.id
LEFT JOIN budget ON budget.intervention_id = i.id
LEFT JOIN costs ON costs.intervention_id = i.id
LEFT JOIN planned ON planned.intervention_id = i.id
WHERE {scope}
ORDER BY i.forbund_id, i.name, i.id
"""


def _forbund_sql(scope: str) -> str:
    return f"WITH {_registrations(scope)}, counts AS ({_FORBUND_COUNTS}" + _MONEY.format(
        scope=scope
    )


FORBUND = _forbund_sql("i.forbund_id = %(forbund)s")
NATIONAL = _forbund_sql("TRUE")

_CASELOAD_COLUMNS = """
  r.id, r.start_date, r.next_follow_up_due, p.pseudonym, p.first_name, p.last_name,
  p.is_anonymous, i.name AS intervention, ph.name AS phase,
  r.next_follow_up_due < %(today)s AS follow_up_overdue,
  EXISTS (SELECT 1 FROM participants_subgoal sg
          JOIN participants_actionplan ap ON ap.id = sg.plan_id
          WHERE ap.registration_id = r.id AND sg.status IN ('ej_paborjat', 'pagar')
            AND sg.target_date < %(today)s) AS sub_goals_overdue,
  EXISTS (SELECT 1 FROM participants_postexitfollowup f
          WHERE f.registration_id = r.id AND f.done_on IS NULL
            AND f.due_on <= %(today)s + 30) AS post_exit_due
FROM participants_registration r
JOIN participants_person p ON p.id = r.person_id
JOIN interventions_intervention i ON i.id = r.intervention_id
LEFT JOIN interventions_phase ph ON ph.id = r.current_phase_id
"""

CASELOAD = f"""
SELECT {_CASELOAD_COLUMNS}
WHERE r.coach_id = %(coach)s AND r.end_date IS NULL
ORDER BY i.name, i.id, r.next_follow_up_due NULLS LAST, r.start_date, r.id
"""

API_LIST = f"""
SELECT {_CASELOAD_COLUMNS}
WHERE r.coach_id = %(coach)s
ORDER BY r.start_date DESC, r.id DESC LIMIT 50
"""

PARTICIPANT = """
SELECT r.*, p.pseudonym, p.first_name, p.last_name, p.gender, p.birth_year,
  i.name AS intervention, ph.name AS phase,
  (SELECT count(*) FROM participants_activity a WHERE a.registration_id = r.id) AS activities,
  (SELECT count(*) FROM participants_journalnote n WHERE n.registration_id = r.id) AS notes,
  (SELECT count(*) FROM participants_steprecord s WHERE s.registration_id = r.id) AS steps,
  (SELECT count(*) FROM participants_followupmeeting m WHERE m.registration_id = r.id)
    AS follow_ups,
  (SELECT count(*) FROM participants_subgoal sg
   JOIN participants_actionplan ap ON ap.id = sg.plan_id WHERE ap.registration_id = r.id)
    AS sub_goals
FROM participants_registration r
JOIN participants_person p ON p.id = r.person_id
JOIN interventions_intervention i ON i.id = r.intervention_id
LEFT JOIN interventions_phase ph ON ph.id = r.current_phase_id
WHERE r.id = %(registration)s
"""

FLOORS = {
    "intervention": INTERVENTION,
    "forbund": FORBUND,
    "national": NATIONAL,
    "caseload": CASELOAD,
    "participant": PARTICIPANT,
    "api_list": API_LIST,
}


@dataclass(frozen=True)
class FloorParams:
    """The values the floors are computed for (the same the application is asked for)."""

    intervention: int
    forbund: int
    coach: int
    registration: int
    start: datetime.date
    end: datetime.date
    today: datetime.date

    def as_dict(self) -> dict[str, Any]:
        return {
            "intervention": self.intervention,
            "forbund": self.forbund,
            "coach": self.coach,
            "registration": self.registration,
            "start": self.start,
            "end": self.end,
            "today": self.today,
            "start_year": self.start.year,
            "end_year": self.end.year,
            "first_month": self.start.replace(day=1),
        }


def run_floor(name: str, params: FloorParams) -> int:
    """Run the floor ``name`` and fetch every row; returns the number of rows."""
    with connection.cursor() as cursor:
        cursor.execute(FLOORS[name], params.as_dict())
        return len(cursor.fetchall())
