"""The words the seeds use, in the interface (#10, item 14)."""

from __future__ import annotations

import re
from decimal import Decimal

import polib
import pytest
from django.conf import settings
from django.utils.translation import override

from samsyn.participants.forms.followup import ExitForm
from samsyn.participants.selectors.timeline import _hours
from samsyn.stats.metrics import metrics

METRIC_ID = re.compile(r"\((?:[a-z0-9]+_[a-z0-9_]+|ended|started|active)\)")


@pytest.mark.parametrize("metric", metrics(), ids=lambda metric: metric.id)
def test_no_metric_id_shows_in_the_swedish_interface(metric):
    for text in (metric.name, metric.definition, metric.denominator):
        assert not METRIC_ID.search(str(text)), str(text)


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (Decimal("1"), "1 timme"),
        (Decimal("1.00"), "1 timme"),
        (Decimal("1.5"), "1,5 timmar"),
        (Decimal("2"), "2 timmar"),
    ],
)
def test_hours_take_the_singular_only_for_exactly_one(hours, text):
    with override("sv"):
        assert _hours(hours) == text
        assert _hours(hours, per_week=True) == f"{text} per vecka"


def test_the_exit_asks_for_the_result_at_exit_not_an_utfall():
    # "Utfall" is kept for money (actual costs); the exit's result has its own words.
    with override("sv"):
        assert str(ExitForm.base_fields["outcome"].label) == "Resultat vid avslut"


def test_referrals_are_called_anvisning_as_in_the_seeds():
    """Seed 002 says "anvisande", seed 000 "aktualisering": "remiss" is only named as the
    synonym in the referral date's help text."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))
    remiss = re.compile(r"(?<![\w”])remi(?:ss|tter)\w*", re.IGNORECASE)
    found = [
        entry.msgid for entry in catalogue if not entry.obsolete and remiss.search(entry.msgid)
    ]
    assert found == []
