"""The survey results in the förbund overview (issue #13, item 5): the förbund's surveys in the
period pooled per instrument version and respondent group, suppressed below 5 respondents for
the förbundsadministratör and the styrgrupp alike, in the page and in its CSV/XLSX, with a
constant number of queries whatever the number of answers."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samsyn.conftest import World
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_tables import forbund_overview
from samsyn.stats.periods import Period
from samsyn.surveys.models import RespondentGroup
from samsyn.surveys.tests.factories_results import answer, make_survey
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}
CAPTION = "Enkätresultat, andel positiva per indikator"
# Indicator 2 of the example instrument is asked by D3 and D4 (two highest of five steps
# positive): 6 answers with 5 and 4 and 5 answers with 2 and 4 make 17 positive of 22.
POSITIVE = {"K1": 1, "D3": 5, "D4": 4, "D6": True}
MIXED = {"K1": 2, "D3": 2, "D4": 4, "D6": False}


def _answered(world: World, *, other: bool = False, times: int = 6) -> None:
    forbund, intervention = (
        (world.other_forbund, world.other_intervention)
        if other
        else (world.forbund, world.intervention)
    )
    survey = make_survey(forbund, interventions=[intervention])
    answer(survey, POSITIVE, times=times)
    answer(survey, MIXED, times=5)


def _page(as_persona, name: str, params: dict[str, str] | None = None) -> str:
    response = as_persona(name).get(reverse("reporting:forbund_overview"), params or Q1)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["admin", "styrgrupp"])
def test_the_overview_shows_the_share_positive(as_persona, world: World, name: str) -> None:
    _answered(world)
    page = _page(as_persona, name)
    assert CAPTION in page
    assert "Deltagare, vid avslut" in page and "(version 1)" in page
    assert "77,3 %" in page  # 17 of 22
    assert "Andel positiva" in page and "Ingenting visas för färre än 5 svarande" in page
    assert "Min coach" not in page  # free text is never part of it


@pytest.mark.parametrize("name", ["admin", "styrgrupp"])
def test_fewer_than_five_respondents_are_not_shown(as_persona, world: World, name: str) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, POSITIVE, times=4)
    page = _page(as_persona, name)
    assert CAPTION in page
    assert "för få svar för att visa" in page
    assert "100,0 %" not in page


def test_no_table_without_a_survey_in_the_period(as_persona, world: World) -> None:
    _answered(world)
    assert CAPTION in _page(as_persona, "admin")
    later = {"fran": "2026-07-01", "till": "2026-09-30"}  # the survey ended in June
    assert CAPTION not in _page(as_persona, "admin", later)


def test_answers_outside_the_period_are_not_counted(as_persona, world: World) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, POSITIVE, times=6)
    answer(survey, MIXED, times=5, on=datetime.date(2026, 4, 15))  # the next quarter
    page = _page(as_persona, "admin")
    assert "100,0 %" in page  # only the 6 positive answers of Q1


def test_other_forbunds_surveys_are_not_in_it(as_persona, world: World) -> None:
    _answered(world, other=True)
    assert CAPTION not in _page(as_persona, "admin")


def test_a_forbund_survey_without_interventions_is_in_it(as_persona, world: World) -> None:
    board = make_survey(world.forbund, group=RespondentGroup.BOARD, name="Styrelseenkät")
    answer(board, {"S1": 4}, times=6)
    page = _page(as_persona, "styrgrupp")
    assert "Styrelse" in page


def test_the_csv_has_the_same_figures(as_persona, world: World) -> None:
    _answered(world)
    response = as_persona("styrgrupp").get(
        reverse("reporting:forbund_overview"), {**Q1, "format": "csv"}
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    survey_rows = [row for row in rows if any("Indikator" in cell for cell in row)]
    assert survey_rows, rows
    assert any("77,3 %" in row for row in rows)


def test_query_count_does_not_grow_with_answers(
    world: World, assert_query_count: QueryCount
) -> None:
    access = forbund_access(actor=world["styrgrupp"], forbund_id=None)
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    _answered(world, times=6)
    forbund_overview(access, period)  # warm up: the instrument's caches
    with CaptureQueriesContext(connection) as first:
        forbund_overview(access, period)
    _answered(world, times=40)
    with assert_query_count(len(first.captured_queries)):
        forbund_overview(access, period)
    # The overview's own queries (test_forbund_figures.py) and the surveys': one for the
    # surveys, then the fixed set of one instrument version and respondent group.
    assert len(first.captured_queries) > 9
