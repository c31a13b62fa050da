"""The results pages (issue #13, items 4 and 5): one survey, an intervention's surveys in a
report period, and the förbund's own surveys (board, managers); each with the comparison with
the previous survey or period and the national reference values the förbund entered.

Every page runs a constant number of queries whatever the number of answers (the figures'
aggregates, see ``figures.py``, once for the scope and once for what it is compared with).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samsyn.core.models import Forbund, User
from samsyn.interventions.models import Intervention
from samsyn.interventions.selectors.goals import (
    PeriodGroup,
    default_period,
    period_groups,
    period_value,
)
from samsyn.stats.numbers import percentage_text
from samsyn.stats.periods import ONE_DAY, Period
from samsyn.stats.small_numbers import small_numbers_rule
from samsyn.surveys.models import Instrument, NationalReference, Survey
from samsyn.surveys.selectors import access
from samsyn.surveys.selectors.figures import AnswerScope, ScopeResults, scope_results


@dataclass
class ResultsBlock:
    """One figure's scope with its results and what they are compared with."""

    title: str
    results: ScopeResults
    previous_label: str = ""
    surveys: list[Survey] = field(default_factory=list)


def _scope(
    surveys: Sequence[Survey], instrument: Instrument, group: str, period: Period | None
) -> AnswerScope:
    return AnswerScope(
        forbund=surveys[0].forbund,
        instrument=instrument,
        respondent_group=group,
        survey_ids=tuple(survey.pk for survey in surveys),
        period=period,
    )


def _compare(results: ScopeResults, previous: ScopeResults | None) -> None:
    if previous is None:
        return
    by_code = {row.code: row for row in previous.indicators}
    for row in results.indicators:
        before = by_code.get(row.code)
        if before is None:
            continue
        if before.share is None or row.share is None:
            row.previous_text = before.share_text
            continue
        points = round(100 * row.share, 1) - round(100 * before.share, 1)
        row.previous_text = _("%(share)s (%(diff)s procentenheter)") % {
            "share": before.share_text,
            "diff": f"{'+' if points >= 0 else '−'}"
            f"{number_format(Decimal(f'{abs(points):.1f}'), decimal_pos=1, use_l10n=True)}",
        }


def add_references(blocks: Iterable[ResultsBlock], forbund: Forbund) -> None:
    """The national reference of each indicator: the förbund's latest value for the
    instrument's key and the indicator, from the year the period ends or before (one query)."""
    blocks = list(blocks)
    keys = {block.results.instrument.key for block in blocks}
    references = NationalReference.objects.filter(forbund=forbund, instrument_key__in=keys)
    latest: dict[tuple[str, str], list[NationalReference]] = {}
    for reference in references.order_by("-year"):
        latest.setdefault((reference.instrument_key, reference.indicator_code), []).append(
            reference
        )
    for block in blocks:
        end_year = block.results.scope.period.end.year if block.results.scope.period else 2100
        for row in block.results.indicators:
            found = next(
                (
                    ref
                    for ref in latest.get((block.results.instrument.key, row.code), [])
                    if ref.year <= end_year
                ),
                None,
            )
            if found is not None:
                row.reference_text = _("%(share)s (%(year)s, %(source)s)") % {
                    "share": _percent(found.share_positive),
                    "year": found.year,
                    "source": found.source,
                }


def _percent(value: Decimal) -> str:
    return percentage_text(value)  # the one rule for shares (samsyn/stats/numbers.py)


# --- one survey -------------------------------------------------------------------------


def previous_survey(survey: Survey) -> Survey | None:
    """The latest earlier survey of the same förbund, instrument (any version: the page says
    which), respondent group and interventions (or both about the förbund itself)."""
    found = Survey.objects.filter(
        forbund_id=survey.forbund_id,
        instrument__key=survey.instrument.key,
        respondent_group=survey.respondent_group,
        period_to__lt=survey.period_from,
    ).select_related("forbund", "instrument")
    links = Survey.interventions.through.objects.filter(
        intervention_id__in=Survey.interventions.through.objects.filter(survey_id=survey.pk).values(
            "intervention_id"
        )
    ).values("survey_id")
    if survey.interventions.exists():
        same = found.filter(id__in=links)
    else:
        same = found.filter(interventions__isnull=True)
    return same.order_by("-period_to", "-pk").first()


@dataclass
class SurveyResultsPage:
    survey: Survey
    block: ResultsBlock
    may_read_free_text: bool
    rule: str


def survey_results_page(*, actor: User, survey_id: int) -> SurveyResultsPage:
    survey = access.survey_for_results(actor=actor, survey_id=survey_id)
    results = scope_results(
        _scope([survey], survey.instrument, survey.respondent_group, None),
        targets=survey.target_answers,
    )
    block = ResultsBlock(survey.name, results, surveys=[survey])
    before = previous_survey(survey)
    if before is not None:
        previous = scope_results(
            _scope([before], before.instrument, before.respondent_group, None),
            targets=before.target_answers,
        )
        _compare(results, previous)
        block.previous_label = _("%(name)s (%(from)s–%(to)s, %(instrument)s)") % {
            "name": before.name,
            "from": before.period_from.isoformat(),
            "to": before.period_to.isoformat(),
            "instrument": str(before.instrument),
        }
    add_references([block], survey.forbund)
    return SurveyResultsPage(
        survey=survey,
        block=block,
        may_read_free_text=access.may_read_free_text(actor, survey),
        rule=small_numbers_rule(results.limit),
    )


# --- an intervention's surveys in a period -----------------------------------------------


def _grouped(surveys: Iterable[Survey]) -> dict[tuple[int, str], list[Survey]]:
    groups: dict[tuple[int, str], list[Survey]] = {}
    for survey in surveys:
        groups.setdefault((survey.instrument_id, survey.respondent_group), []).append(survey)
    return groups


def previous_period(period: Period) -> Period:
    """The period of equal length just before."""
    return Period(period.start - datetime.timedelta(days=period.days), period.start - ONE_DAY)


def blocks_for(surveys: Sequence[Survey], period: Period, *, compare: bool) -> list[ResultsBlock]:
    """One block per instrument version and respondent group among ``surveys``, with the
    answers of ``period`` (and the period before, of equal length, to compare)."""
    blocks = []
    for (_instrument_id, group), members in _grouped(surveys).items():
        instrument = members[0].instrument
        overlapping = [
            s for s in members if s.period_from <= period.end and s.period_to >= period.start
        ]
        targets = sum(survey.target_answers for survey in overlapping)
        results = scope_results(_scope(members, instrument, group, period), targets=targets)
        block = ResultsBlock(f"{instrument} – {results.respondent_group_label}", results)
        block.surveys = members
        if compare:
            before = previous_period(period)
            block.previous_label = _("Föregående period %(from)s–%(to)s") % {
                "from": before.start.isoformat(),
                "to": before.end.isoformat(),
            }
            _compare(results, scope_results(_scope(members, instrument, group, before), targets=0))
        blocks.append(block)
    return blocks


@dataclass
class InterventionResultsPage:
    intervention: Intervention
    period: Period
    period_groups: list[PeriodGroup]
    selected: str
    blocks: list[ResultsBlock]
    period_error: str
    rule: str


def intervention_surveys(intervention: Intervention) -> list[Survey]:
    links = Survey.interventions.through.objects.filter(intervention_id=intervention.pk)
    return list(
        Survey.objects.filter(id__in=links.values("survey_id"))
        .select_related("forbund", "instrument")
        .order_by("instrument__key", "instrument__version", "respondent_group", "period_from")
    )


def choose_report_period(
    intervention: Intervention, quick: str
) -> tuple[Period, str, list[PeriodGroup]]:
    """Only the report periods may be chosen (free dates a day apart would show one answer
    by subtraction); anything else gives the default period and a message."""
    groups = period_groups(intervention)
    offered = {option.value for group in groups for option in group.options}
    default = default_period(intervention)
    if not quick:
        return default, "", groups
    if quick.strip()[:32] not in offered:
        return default, _("Välj en av rapportperioderna i listan."), groups
    start, _sep, end = quick.strip().partition("_")
    return Period.parse(start, end), "", groups


def intervention_results_page(
    *, actor: User, intervention_id: int, quick: str = ""
) -> InterventionResultsPage:
    intervention = access.intervention_for_results(actor=actor, intervention_id=intervention_id)
    period, error, groups = choose_report_period(intervention, quick)
    blocks = blocks_for(intervention_surveys(intervention), period, compare=True)
    add_references(blocks, intervention.forbund)
    return InterventionResultsPage(
        intervention=intervention,
        period=period,
        period_groups=groups,
        selected=period_value(period),
        blocks=blocks,
        period_error=error,
        rule=small_numbers_rule(max(5, intervention.forbund.small_count_limit)),
    )


# --- the förbund's own surveys -----------------------------------------------------------


@dataclass
class ForbundResultsPage:
    forbund: Forbund
    forbunds: list[Forbund]
    blocks: list[ResultsBlock]
    rule: str


def forbund_results_page(*, actor: User, forbund_id: int | None) -> ForbundResultsPage | None:
    """The surveys about the förbund itself (no interventions), one block per survey, with
    the previous survey of the same kind. None when the user sees no förbund's results."""
    forbunds = list(access.forbunds_with_results_for(actor))
    forbund = next((f for f in forbunds if f.pk == forbund_id), forbunds[0] if forbunds else None)
    if forbund is None or (forbund_id is not None and forbund.pk != forbund_id):
        return None
    surveys = list(
        Survey.objects.filter(forbund=forbund, interventions__isnull=True)
        .select_related("forbund", "instrument")
        .order_by("-period_from", "name")[:10]
    )
    blocks = []
    for survey in surveys:
        results = scope_results(
            _scope([survey], survey.instrument, survey.respondent_group, None),
            targets=survey.target_answers,
        )
        blocks.append(ResultsBlock(survey.name, results, surveys=[survey]))
    add_references(blocks, forbund)
    return ForbundResultsPage(
        forbund=forbund,
        forbunds=forbunds,
        blocks=blocks,
        rule=small_numbers_rule(max(5, forbund.small_count_limit)),
    )
