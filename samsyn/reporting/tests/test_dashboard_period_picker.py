"""The period picker: quick choices from the report schedule, custom dates, the default
period (the current quarter, or the whole period) and Swedish messages for bad input."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.forms.period_picker import pick_period
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 5, 14)


@pytest.fixture
def intervention():
    return InterventionFactory(start_date=D(2025, 2, 15), end_date=D(2026, 12, 31))


def test_default_is_the_current_quarter(intervention) -> None:
    pick = pick_period(intervention, {}, today=TODAY)
    assert pick.period == Period(D(2026, 4, 1), D(2026, 6, 30))
    assert pick.is_default and not pick.error
    assert pick.label.startswith("Rapport 6 ")


def test_default_is_the_whole_period_outside_it(intervention) -> None:
    after = pick_period(intervention, {}, today=D(2027, 3, 1))
    assert after.period == Period(D(2025, 2, 15), D(2026, 12, 31))
    before = pick_period(intervention, {}, today=D(2024, 1, 1))
    assert before.period == Period(D(2025, 2, 15), D(2026, 12, 31))


def test_open_ended_intervention_is_scheduled_up_to_today() -> None:
    open_ended = InterventionFactory(start_date=D(2025, 2, 15), end_date=None)
    pick = pick_period(open_ended, {}, today=TODAY)
    assert pick.period == Period(D(2026, 4, 1), TODAY)


def test_quick_choices_are_quarters_years_and_the_whole_period(intervention) -> None:
    groups = pick_period(intervention, {}, today=TODAY).groups
    assert [group.label for group in groups] == [
        "Kvartalsrapporter",
        "Årsrapporter",
        "Hela perioden",
    ]
    quarters, years, whole = (group.options for group in groups)
    assert quarters[0].value == "2025-02-15_2025-03-31" and len(quarters) == 8
    assert [option.value for option in years] == ["2025-02-15_2025-12-31", "2026-01-01_2026-12-31"]
    assert [option.value for option in whole] == ["2025-02-15_2026-12-31"]


def test_a_quick_choice_and_custom_dates(intervention) -> None:
    quick = pick_period(intervention, QueryDict("rapportperiod=2025-01-01_2025-12-31"), today=TODAY)
    assert quick.period == Period(D(2025, 1, 1), D(2025, 12, 31)) and not quick.error
    custom = pick_period(intervention, QueryDict("fran=2026-02-03&till=2026-02-20"), today=TODAY)
    assert custom.period == Period(D(2026, 2, 3), D(2026, 2, 20))
    assert custom.label == "" and not custom.is_default


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("fran=2026-02-30&till=2026-03-31", "2026-02-30 är inget giltigt datum"),
        ("fran=2026-04-01&till=2026-03-31", "ligger före startdatumet"),
        ("fran=&till=2026-03-31", "Ange både från- och till-datum."),
        ("rapportperiod=2026-01-01", "Välj en period i listan."),
        ("rapportperiod=a_b", "inget giltigt datum"),
        (
            "fran=1800-01-01&till=2026-01-01",
            "1800-01-01 ligger utanför åren 2000–2100 som rapporter gäller.",
        ),
        ("fran=%00&till=%FF", "inget giltigt datum"),
    ],
)
def test_bad_input_gives_the_default_and_a_message(intervention, query: str, message: str) -> None:
    pick = pick_period(intervention, QueryDict(query), today=TODAY)
    assert pick.period == pick.default == Period(D(2026, 4, 1), D(2026, 6, 30))
    assert message in pick.error
    assert "I stället visas standardperioden" in pick.error


def test_intervention_ending_before_it_starts_does_not_crash() -> None:
    # The database refuses it, but an unsaved one must not crash the picker either.
    broken = InterventionFactory.build(start_date=D(2026, 3, 1), end_date=D(2026, 1, 1))
    pick = pick_period(broken, {}, today=TODAY)
    assert pick.period == Period(D(2026, 3, 1), D(2026, 3, 1)) and pick.groups == ()


def test_without_free_dates_only_the_quick_choices_are_accepted(intervention) -> None:
    """#11 item 4: an audience whose small numbers are hidden may not choose free dates."""
    free = QueryDict("fran=2026-02-03&till=2026-02-20")
    assert pick_period(intervention, free, today=TODAY).period == Period(
        D(2026, 2, 3), D(2026, 2, 20)
    )
    fixed = pick_period(intervention, free, today=TODAY, free=False)
    assert fixed.period == fixed.default and not fixed.free
    assert "kan bara välja någon av rapportperioderna" in fixed.error
    crafted = pick_period(
        intervention, QueryDict("rapportperiod=2026-02-03_2026-02-20"), today=TODAY, free=False
    )
    assert crafted.period == crafted.default and crafted.error
    year = pick_period(
        intervention, QueryDict("rapportperiod=2026-01-01_2026-12-31"), today=TODAY, free=False
    )
    assert year.period == Period(D(2026, 1, 1), D(2026, 12, 31)) and not year.error
