"""Every figure of the survey results against a hand count: respondents, response rate,
share positive with its definition, the distribution per step, the split by gender and the
suppression of small numbers (docs/surveys.md, "Results")."""

from __future__ import annotations

import datetime

import pytest

from samsyn.conftest import World
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Suppressed
from samsyn.surveys.selectors.figures import AnswerScope, scope_results
from samsyn.surveys.tests.factories_results import answer, make_survey

pytestmark = pytest.mark.django_db

WOMAN, MAN, OTHER = 1, 2, 3


def _scope(survey, period=None) -> AnswerScope:
    return AnswerScope(
        forbund=survey.forbund,
        instrument=survey.instrument,
        respondent_group=survey.respondent_group,
        survey_ids=(survey.pk,),
        period=period,
    )


def _results(survey, period=None):
    return scope_results(_scope(survey, period), targets=survey.target_answers)


def _indicator(results, code):
    return next(row for row in results.indicators if row.code == code)


def _question(results, code):
    return next(row for row in results.questions if row.code == code)


@pytest.fixture
def survey(world: World):
    survey = make_survey(world.forbund, interventions=[world.intervention], target=20)
    # Hand count, indicator 2 (D3, D4; positive = 4 or 5):
    # 6 women: D3=5, D4=4 (both positive)          -> 12 answers, 12 positive
    # 5 men:   D3=2, D4=4 (one positive)           -> 10 answers,  5 positive
    # 1 other: D3=3, D4=3                          ->  2 answers,  0 positive
    answer(survey, {"K1": WOMAN, "D3": 5, "D4": 4, "D6": True, "D8": "Bra"}, times=6)
    answer(survey, {"K1": MAN, "D3": 2, "D4": 4, "D6": False}, times=5)
    answer(survey, {"K1": OTHER, "D3": 3, "D4": 3})
    return survey


def test_counts_rate_share_and_definition(survey) -> None:
    results = _results(survey)
    assert results.responses == 12
    assert results.response_rate_text == "60,0 %"  # 12 of the target 20
    ind2 = _indicator(results, "2")
    assert ind2.respondents == 12
    assert ind2.answers == 24
    assert ind2.share == pytest.approx(17 / 24)
    assert ind2.share_text == "70,8 %"
    assert ind2.definition == (
        "Andel av svaren på indikatorns frågor där man svarat 4 eller 5 på en femgradig "
        "skala (D3, D4)."
    )
    ind3 = _indicator(results, "3")  # D6 yes/no positive = ja; D5 unanswered
    assert ind3.respondents == 11
    assert ind3.share == pytest.approx(6 / 11)
    assert "svarat ja (D6)" in ind3.definition


def test_distribution_per_step_with_suppression(survey) -> None:
    d3 = _question(_results(survey), "D3")
    counts = {cell.value: cell.count for cell in d3.cells}
    # steps 1..5: 0, 5, 1, 0, 6; total 12. The 1 is "< 5"; the 5 is hidden so that 12 - 6
    # does not give it back, and the 6 too, since "dolt" + "< 5" = 6 holds only as 5 + 1.
    assert counts[1] == 0 and counts[4] == 0
    assert counts[3] == Suppressed(limit=5)
    assert counts[2] == Suppressed(secondary=True, limit=5)
    assert counts[5] == Suppressed(secondary=True, limit=5)
    assert d3.total == 12 and not d3.hidden
    assert all(cell.percent_text == "" for cell in d3.cells if cell.value in (2, 3, 5))
    d7 = _question(_results(survey), "K1")  # gender: 6, 5, 1, 0 -> same pattern
    assert d7.total == 12


def test_by_gender_with_secondary_suppression(survey) -> None:
    ind2 = _indicator(_results(survey), "2")
    by_label = {row.label: row for row in ind2.by_gender}
    # kvinna 6, man 5, annat 1, vill inte svara 0, no answer 0; total 12.
    # "Annat" (1) is hidden; the men's 5 too, or 12 - 6 would give it back; and then the
    # women's 6 as well: man ("dolt": 0 or at least 5) + annat ("< 5": 1..4) = 6 holds only
    # for 5 + 1, so a third cell must go.
    assert by_label["Annat"].respondents == Suppressed(limit=5)
    for label in ("Man", "Kvinna"):
        assert by_label[label].respondents == Suppressed(secondary=True, limit=5)
        assert by_label[label].share_text == "för få svar för att visa"
    assert by_label["Vill inte svara"].respondents == 0
    assert by_label["Ej svarat på frågan om kön"].respondents == 0
    assert ind2.respondents == 12 and ind2.share_text == "70,8 %"


def test_by_gender_shown_when_every_group_is_large(world: World) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"K1": WOMAN, "D3": 5, "D4": 1}, times=6)  # 6 positive of 12
    answer(survey, {"K1": MAN, "D3": 1, "D4": 1}, times=5)  # 0 of 10
    answer(survey, {"D3": 4, "D4": 4}, times=5)  # no gender answer: 10 of 10
    ind2 = _indicator(_results(survey), "2")
    by_label = {row.label: row for row in ind2.by_gender}
    assert by_label["Kvinna"].respondents == 6 and by_label["Kvinna"].share_text == "50,0 %"
    assert by_label["Man"].respondents == 5 and by_label["Man"].share_text == "0,0 %"
    assert by_label["Ej svarat på frågan om kön"].share_text == "100,0 %"
    assert ind2.share == pytest.approx(16 / 32)


def test_fewer_than_five_shows_nothing(world: World) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"K1": WOMAN, "D3": 5, "D4": 5}, times=4)
    results = _results(survey)
    assert results.responses == Suppressed(limit=5)
    assert results.response_rate_text == "för få svar för att visa"
    ind2 = _indicator(results, "2")
    assert ind2.share is None and ind2.share_text == "för få svar för att visa"
    assert ind2.by_gender == []
    d3 = _question(results, "D3")
    assert d3.hidden and all(cell.count == 0 for cell in d3.cells)


def test_period_limits_the_answers(survey) -> None:
    answer(survey, {"K1": WOMAN, "D3": 1, "D4": 1}, on=datetime.date(2026, 5, 1), times=5)
    march = _results(survey, Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)))
    assert march.responses == 12
    assert _results(survey).responses == 17


def test_constant_number_of_queries(world: World, survey, assert_query_count) -> None:
    with assert_query_count(8):
        _results(survey)
    answer(survey, {"K1": MAN, "D3": 4, "D4": 4}, times=30)
    with assert_query_count(8):
        _results(survey)
