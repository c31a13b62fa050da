"""Exact query-count assertions, after Zulip's ``assert_database_query_count``.

An upper budget lets a page grow by a few queries unnoticed; an exact count makes every new
query a visible, reviewed change to the test. Measure a page at two data sizes with the same
expected number, so a query per row (an N+1) fails too::

    def test_list_queries(world, as_persona, assert_query_count):
        client = as_persona("coach")
        add_participants(1)
        client.get(URL)  # warm up the session and the per-process caches
        with assert_query_count(12):
            client.get(URL)
        add_participants(20)
        with assert_query_count(12):
            client.get(URL)

Where an engine needs a different number of queries for the same work, give the count per
``connection.vendor`` (``{"sqlite": 12, "postgresql": 13}``) and say why in the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

ExpectedCount = int | Mapping[str, int]
# The type of the ``assert_query_count`` fixture, for annotating tests.
QueryCount = Callable[..., AbstractContextManager[CaptureQueriesContext]]


def expected_for_vendor(expected: ExpectedCount, vendor: str) -> int:
    """The count expected on the database ``vendor`` ("sqlite", "postgresql")."""
    if isinstance(expected, int):
        return expected
    if vendor not in expected:
        raise AssertionError(f"No expected query count given for the {vendor} database.")
    return expected[vendor]


def format_queries(queries: list[dict[str, str]]) -> str:
    """The captured SQL, one numbered statement per line, for a failure message."""
    return "\n".join(f"{number}. {query['sql']}" for number, query in enumerate(queries, 1))


@contextmanager
def assert_query_count(
    expected: ExpectedCount, *, using: str = DEFAULT_DB_ALIAS
) -> Iterator[CaptureQueriesContext]:
    """Fail unless the block runs exactly ``expected`` queries; print them when it does not."""
    connection = connections[using]
    number = expected_for_vendor(expected, connection.vendor)
    with CaptureQueriesContext(connection) as context:
        yield context
    executed = len(context.captured_queries)
    if executed != number:
        raise AssertionError(
            f"Expected exactly {number} queries on {connection.vendor}, "
            f"{executed} were executed:\n{format_queries(context.captured_queries)}"
        )
