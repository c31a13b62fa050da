"""The report schedule: quarterly, yearly and final periods from an intervention's dates."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from samsyn.interventions.periods import (
    PeriodKind,
    effective_end,
    final_period,
    one_year_after,
    period_containing,
    quarterly_periods,
    report_schedule,
    yearly_periods,
)

D = datetime.date


def spans(periods):
    return [(p.date_from, p.date_to) for p in periods]


def labels(periods):
    return [str(p.label) for p in periods]


def test_rebus_two_calendar_years_give_rapport_1_to_8():
    quarters = quarterly_periods(D(2022, 1, 1), D(2023, 12, 31))
    assert [p.number for p in quarters] == list(range(1, 9))
    assert labels(quarters) == [
        "Rapport 1 2022-01-01–2022-03-31",
        "Rapport 2 2022-04-01–2022-06-30",
        "Rapport 3 2022-07-01–2022-09-30",
        "Rapport 4 2022-10-01–2022-12-31",
        "Rapport 5 2023-01-01–2023-03-31",
        "Rapport 6 2023-04-01–2023-06-30",
        "Rapport 7 2023-07-01–2023-09-30",
        "Rapport 8 2023-10-01–2023-12-31",
    ]
    assert all(p.kind == PeriodKind.QUARTER for p in quarters)


def test_mid_quarter_start_and_end_are_clipped():
    quarters = quarterly_periods(D(2022, 2, 15), D(2022, 8, 10))
    assert spans(quarters) == [
        (D(2022, 2, 15), D(2022, 3, 31)),
        (D(2022, 4, 1), D(2022, 6, 30)),
        (D(2022, 7, 1), D(2022, 8, 10)),
    ]
    assert labels(quarters)[0] == "Rapport 1 2022-02-15–2022-03-31"


def test_start_on_the_last_day_of_a_quarter():
    quarters = quarterly_periods(D(2022, 3, 31), D(2022, 4, 30))
    assert spans(quarters) == [
        (D(2022, 3, 31), D(2022, 3, 31)),
        (D(2022, 4, 1), D(2022, 4, 30)),
    ]
    assert quarters[0].days == 1


def test_end_on_the_first_day_of_a_quarter():
    quarters = quarterly_periods(D(2022, 12, 1), D(2023, 1, 1))
    assert spans(quarters) == [
        (D(2022, 12, 1), D(2022, 12, 31)),
        (D(2023, 1, 1), D(2023, 1, 1)),
    ]


def test_one_day_intervention():
    day = D(2024, 2, 29)
    schedule = report_schedule(day, day)
    assert spans(schedule.quarters) == [(day, day)]
    assert spans(schedule.years) == [(day, day)]
    assert (schedule.final.date_from, schedule.final.date_to) == (day, day)
    assert str(schedule.final.label) == "Slutrapport 2024-02-29–2024-02-29"
    assert not schedule.open_end


def test_yearly_periods_are_calendar_years_clipped():
    years = yearly_periods(D(2021, 9, 1), D(2023, 6, 30))
    assert spans(years) == [
        (D(2021, 9, 1), D(2021, 12, 31)),
        (D(2022, 1, 1), D(2022, 12, 31)),
        (D(2023, 1, 1), D(2023, 6, 30)),
    ]
    assert labels(years) == [
        "Årsrapport 2021 2021-09-01–2021-12-31",
        "Årsrapport 2022 2022-01-01–2022-12-31",
        "Årsrapport 2023 2023-01-01–2023-06-30",
    ]
    assert [p.number for p in years] == [1, 2, 3]


def test_final_period_is_the_whole_intervention():
    period = final_period(D(2022, 1, 1), D(2023, 12, 31))
    assert period.kind == PeriodKind.FINAL
    assert (period.number, period.date_from, period.date_to) == (
        1,
        D(2022, 1, 1),
        D(2023, 12, 31),
    )
    assert str(period.label) == "Slutrapport 2022-01-01–2023-12-31"


def test_end_before_start_is_refused_in_swedish():
    with pytest.raises(ValueError, match="Slutdatumet kan inte vara före startdatumet"):
        quarterly_periods(D(2022, 5, 1), D(2022, 4, 30))
    with pytest.raises(ValueError, match="Slutdatumet kan inte vara före startdatumet"):
        report_schedule(D(2022, 5, 1), D(2022, 4, 30))


def test_open_end_runs_until_the_given_date():
    schedule = report_schedule(D(2025, 11, 1), None, until=D(2026, 2, 15))
    assert schedule.open_end
    assert spans(schedule.quarters) == [
        (D(2025, 11, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 2, 15)),
    ]
    assert schedule.final.date_to == D(2026, 2, 15)


def test_open_end_defaults_to_a_year_from_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2026, 3, 10))
    assert effective_end(D(2026, 1, 1), None) == D(2027, 3, 10)
    quarters = quarterly_periods(D(2026, 1, 1))
    assert quarters[-1].date_to == D(2027, 3, 10)
    assert len(quarters) == 5


def test_open_end_with_until_before_start_is_refused():
    with pytest.raises(ValueError, match="kan inte vara före startdatumet"):
        quarterly_periods(D(2026, 1, 1), None, until=D(2025, 12, 31))


def test_one_year_after_a_leap_day():
    assert one_year_after(D(2024, 2, 29)) == D(2025, 2, 28)
    assert one_year_after(D(2024, 3, 1)) == D(2025, 3, 1)


def test_labels_are_lazy():
    (period,) = quarterly_periods(D(2022, 1, 1), D(2022, 3, 31))
    assert isinstance(period.label, Promise)


def test_period_containing():
    quarters = quarterly_periods(D(2022, 1, 1), D(2022, 12, 31))
    assert period_containing(quarters, D(2022, 5, 17)).number == 2
    assert period_containing(quarters, D(2022, 3, 31)).number == 1
    assert period_containing(quarters, D(2023, 1, 1)) is None


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))


@given(dates, st.integers(0, 2000))
def test_periods_tile_the_intervention(start, length):
    end = start + datetime.timedelta(days=length)
    for periods in (quarterly_periods(start, end), yearly_periods(start, end)):
        assert periods[0].date_from == start
        assert periods[-1].date_to == end
        for before, after in itertools.pairwise(periods):
            assert after.date_from == before.date_to + datetime.timedelta(days=1)
        assert sum(p.days for p in periods) == length + 1
        assert [p.number for p in periods] == list(range(1, len(periods) + 1))
    for period in quarterly_periods(start, end)[1:]:
        assert period.date_from.day == 1 and period.date_from.month in (1, 4, 7, 10)
