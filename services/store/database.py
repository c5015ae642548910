"""The event store: one DuckDB file holding the events, stories and dead letters of the topics.

DuckDB is embedded (no server to run), columnar and fast at the group-bys the page and the
analysts run, and it reads and writes Parquet and CSV itself. One process may write a DuckDB
file at a time: the sink (alone, or inside the page) is that process, and readers in other
processes open the file read-only when no sink holds it.

Writes are idempotent: an event already stored (same ``event_id``) is skipped, a story is
replaced by its latest aggregate, a dead letter is keyed by its own topic position. A batch is
one transaction, so a sink killed mid-batch leaves none of it, and its records come again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa

from services.store.columns import (
    DEAD_LETTER_COLUMNS,
    EVENT_COLUMNS,
    STORY_COLUMNS,
    Column,
    arrow_schema,
    create_table_sql,
)
from services.store.rows import Row

TABLES: dict[str, tuple[Column, ...]] = {
    "events": EVENT_COLUMNS,
    "stories": STORY_COLUMNS,
    "dead_letters": DEAD_LETTER_COLUMNS,
}
# Indexes on what the page and the exports select by: time, dyad, type.
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_by_date ON events (event_date)",
    "CREATE INDEX IF NOT EXISTS events_by_dyad ON events (dyad)",
    "CREATE INDEX IF NOT EXISTS events_by_type ON events (event_type)",
)
_LOCK_HOLDER = re.compile(r"PID (\d+)")


class StoreError(Exception):
    """The store cannot be opened or used; the message says why in one line."""


class EventStore:
    """An open store file (or an in-memory store when ``path`` is None)."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        if path is not None and read_only and not path.exists():
            raise StoreError(f"no event store at {path}: run `dipstream sink` first")
        if path is not None and not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = duckdb.connect(
                str(path) if path else ":memory:", read_only=read_only
            )
        except duckdb.IOException as error:
            raise StoreError(_open_failure(path, error)) from None
        if not read_only:
            for table, columns in TABLES.items():
                self._connection.execute(create_table_sql(table, columns))
            for statement in _INDEXES:
                self._connection.execute(statement)

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own on the same database, for one thread's queries."""
        return self._connection.cursor()

    def write(
        self,
        events: Sequence[Row],
        stories: Sequence[Row] = (),
        gone_stories: Sequence[str] = (),
        dead_letters: Sequence[Row] = (),
    ) -> list[str]:
        """Store one batch in one transaction; the ids of the events that were new."""
        connection = self._connection
        connection.begin()
        try:
            new_ids = _insert_new(connection, "events", _unique(events, "event_id"))
            if gone_stories:
                connection.execute(
                    "DELETE FROM stories WHERE story_id IN (SELECT unnest(?))", [list(gone_stories)]
                )
            _replace(connection, "stories", _unique(stories, "story_id"))
            _insert_new(connection, "dead_letters", _unique(dead_letters, "dead_letter_id"))
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        return new_ids

    def count(self, table: str = "events") -> int:
        """Rows in ``table``."""
        if table not in TABLES:
            raise ValueError(f"no table {table}")
        found = self._connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(found[0]) if found else 0

    def close(self) -> None:
        """Checkpoint and release the file."""
        self._connection.close()


def _unique(rows: Sequence[Row], key: str) -> list[Row]:
    # A redelivered batch may hold the same key twice; the latest one wins.
    return list({row[key]: row for row in rows}.values())


def _insert_new(connection: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> list[str]:
    if not rows:
        return []
    columns = TABLES[table]
    batch = pa.Table.from_pylist(rows, schema=arrow_schema(columns))
    connection.register("incoming", batch)
    try:
        inserted = connection.execute(
            f"INSERT INTO {table} SELECT * FROM incoming ON CONFLICT DO NOTHING "
            f"RETURNING {columns[0].name}"
        ).fetchall()
    finally:
        connection.unregister("incoming")
    return [str(row[0]) for row in inserted]


def _replace(connection: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    if not rows:
        return
    batch = pa.Table.from_pylist(rows, schema=arrow_schema(TABLES[table]))
    connection.register("incoming", batch)
    try:
        connection.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")


def _open_failure(path: Path | None, error: duckdb.IOException) -> str:
    holder = _LOCK_HOLDER.search(str(error))
    if holder:
        return (
            f"the event store {path} is in use by process {holder.group(1)} (a running sink "
            "or page; DuckDB lets one process write a file): stop it, or export from the page"
        )
    return f"cannot open the event store {path}: {str(error).splitlines()[0]}"
