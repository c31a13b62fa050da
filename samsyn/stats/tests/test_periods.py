"""Period and its calendar months, quarters and years (samsyn/stats/periods.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from samsyn.stats.periods import (
    Period,
    add_quarters,
    month_of,
    quarter_of,
    quarter_start,
    year_of,
)

D = datetime.date


def spans(periods: list[Period]) -> list[tuple[str, str]]:
    return [(period.start.isoformat(), period.end.isoformat()) for period in periods]


def test_months_are_clipped_to_the_period_and_cross_the_new_year() -> None:
    period = Period(D(2023, 11, 15), D(2024, 2, 10))
    assert spans(period.months()) == [
        ("2023-11-15", "2023-11-30"),
        ("2023-12-01", "2023-12-31"),
        ("2024-01-01", "2024-01-31"),
        ("2024-02-01", "2024-02-10"),
    ]


def test_months_know_leap_years() -> None:
    assert month_of(D(2024, 2, 10)).end == D(2024, 2, 29)
    assert month_of(D(2023, 2, 10)).end == D(2023, 2, 28)
    assert [month.end.day for month in Period(D(2024, 1, 1), D(2024, 12, 31)).months()] == [
        31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]  # fmt: skip


def test_a_single_day_is_one_month_one_quarter_and_one_year() -> None:
    day = Period(D(2025, 5, 5), D(2025, 5, 5))
    assert spans(day.months()) == spans(day.quarters()) == spans(day.years())
    assert spans(day.months()) == [("2025-05-05", "2025-05-05")]


def test_quarters_are_calendar_quarters_clipped_to_the_period() -> None:
    period = Period(D(2022, 2, 15), D(2023, 1, 10))
    assert spans(period.quarters()) == [
        ("2022-02-15", "2022-03-31"),
        ("2022-04-01", "2022-06-30"),
        ("2022-07-01", "2022-09-30"),
        ("2022-10-01", "2022-12-31"),
        ("2023-01-01", "2023-01-10"),
    ]


def test_years_are_clipped_to_the_period() -> None:
    period = Period(D(2022, 7, 1), D(2024, 3, 31))
    assert spans(period.years()) == [
        ("2022-07-01", "2022-12-31"),
        ("2023-01-01", "2023-12-31"),
        ("2024-01-01", "2024-03-31"),
    ]


def test_the_whole_month_quarter_and_year_of_a_day() -> None:
    assert spans([month_of(D(2025, 12, 31))]) == [("2025-12-01", "2025-12-31")]
    assert spans([quarter_of(D(2025, 11, 3))]) == [("2025-10-01", "2025-12-31")]
    assert spans([quarter_of(D(2025, 3, 31))]) == [("2025-01-01", "2025-03-31")]
    assert spans([year_of(D(2025, 6, 1))]) == [("2025-01-01", "2025-12-31")]
    assert quarter_start(D(2025, 8, 20)) == D(2025, 7, 1)


def test_add_quarters_moves_over_years_both_ways() -> None:
    assert add_quarters(D(2025, 2, 14), -7) == D(2023, 4, 1)
    assert add_quarters(D(2025, 11, 30), 1) == D(2026, 1, 1)
    assert add_quarters(D(2025, 11, 30), 0) == D(2025, 10, 1)
    assert add_quarters(D(2025, 1, 1), -4) == D(2024, 1, 1)


def test_the_last_month_of_the_last_year_allowed() -> None:
    assert spans(Period(D(2100, 12, 1), D(2100, 12, 31)).months()) == [("2100-12-01", "2100-12-31")]


def test_a_period_still_refuses_reversed_and_far_off_dates() -> None:
    with pytest.raises(ValidationError):
        Period(D(2025, 2, 1), D(2025, 1, 1))
    with pytest.raises(ValidationError):
        Period(D(1989, 12, 31), D(2025, 1, 1))
