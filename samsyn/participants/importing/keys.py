"""The keys of a file's rows, kept in the database instead of in memory.

Finding the same personnummer and start date twice in one file needs every earlier row's key.
Held in a Python dict, that grows with the file (about 400 bytes a row); held in a temporary
table of the import's own connection, memory stays at one batch whatever the size of the file,
and the database finds the duplicates with one indexed self-join. The table lives only inside
the import's transaction and is dropped when the check is done.
"""

from __future__ import annotations

import datetime
from types import TracebackType

from django.db import connection

BATCH = 1000
# The statements name the table literally: nothing in them comes from the file.
_DROP = "DROP TABLE IF EXISTS samsyn_import_keys"
_CREATE = (
    "CREATE TEMPORARY TABLE samsyn_import_keys (row_number integer NOT NULL, "
    "blind_index varchar(64) NOT NULL, start_date varchar(10) NOT NULL)"
)
_INDEX = "CREATE INDEX samsyn_import_keys_key ON samsyn_import_keys (blind_index, start_date)"
_INSERT = "INSERT INTO samsyn_import_keys (row_number, blind_index, start_date) VALUES (%s, %s, %s)"
_REPEATED = (
    "SELECT later.row_number, MIN(earlier.row_number) FROM samsyn_import_keys later "
    "JOIN samsyn_import_keys earlier ON earlier.blind_index = later.blind_index "
    "AND earlier.start_date = later.start_date AND earlier.row_number < later.row_number "
    "GROUP BY later.row_number ORDER BY later.row_number"
)


class FileKeys:
    """``with FileKeys() as keys: keys.add(...); keys.repeated()``."""

    def __init__(self) -> None:
        self._pending: list[tuple[int, str, str]] = []

    def __enter__(self) -> FileKeys:
        with connection.cursor() as cursor:
            cursor.execute(_DROP)
            cursor.execute(_CREATE)
            cursor.execute(_INDEX)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pending = []
        if kind is None:  # after an error the transaction is rolled back, table and all
            with connection.cursor() as cursor:
                cursor.execute(_DROP)

    def add(self, row_number: int, blind_index: str, start_date: datetime.date) -> None:
        self._pending.append((row_number, blind_index, start_date.isoformat()))
        if len(self._pending) >= BATCH:
            self._flush()

    def repeated(self) -> list[tuple[int, int]]:
        """(row, first row with the same key) for every row whose key an earlier row has,
        in row order."""
        self._flush()
        with connection.cursor() as cursor:
            cursor.execute(_REPEATED)
            return [(int(row), int(first)) for row, first in cursor.fetchall()]

    def _flush(self) -> None:
        if not self._pending:
            return
        with connection.cursor() as cursor:
            cursor.executemany(_INSERT, self._pending)
        self._pending = []
