"""The exact query-count assertion: passes on the exact number only and shows the SQL."""

from __future__ import annotations

import pytest
from django.db import connection

from samsyn.core.models import Forbund
from samsyn.testing.queries import QueryCount, expected_for_vendor

pytestmark = pytest.mark.django_db


def test_the_exact_number_passes(assert_query_count: QueryCount) -> None:
    with assert_query_count(2):
        list(Forbund.objects.all())
        Forbund.objects.count()


@pytest.mark.parametrize("expected", [1, 3])
def test_fewer_or_more_queries_fail_with_the_sql(
    assert_query_count: QueryCount, expected: int
) -> None:
    with pytest.raises(AssertionError) as failure, assert_query_count(expected):
        list(Forbund.objects.all())
        Forbund.objects.count()
    message = str(failure.value)
    assert f"Expected exactly {expected} queries on {connection.vendor}, 2 were executed" in message
    assert "1. SELECT" in message and "2. SELECT COUNT(*)" in message
    assert "core_forbund" in message


def test_the_count_may_be_given_per_vendor(assert_query_count: QueryCount) -> None:
    with assert_query_count({"sqlite": 1, "postgresql": 1}):
        Forbund.objects.count()
    assert expected_for_vendor({"sqlite": 4, "postgresql": 5}, "postgresql") == 5
    with pytest.raises(AssertionError, match="No expected query count given for the mysql"):
        expected_for_vendor({"sqlite": 4}, "mysql")
