"""What the live page asks the event store: the feed, the barometer, the top lists, the map.

Every function takes a DuckDB cursor of its own (the page answers requests from a thread pool)
and returns rows as JSON-ready dicts: times as ISO strings, dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import duckdb

from services.store.rows import Row

FEED_LIMIT = 200
TOP_LIMIT = 10
MAP_LIMIT = 500
FEED_COLUMNS = (
    "event_id, received_at, event_type, event_mode, quad_class, goldstein, status, "
    "source_name, source_country, target_name, target_country, reciprocal, dyad, "
    "time_start, time_precision, event_date, location_name, location_country, "
    "location_lat, location_lon, reported_by_name, reported_by_country, publisher, "
    "evidence_sentence, trigger_offsets, confidence"
)


@dataclass(frozen=True)
class FeedFilter:
    """The page's filters; an empty one lets every event through."""

    actor: str | None = None
    event_type: str | None = None
    quad_class: int | None = None
    status: str | None = None
    first_day: date | None = None
    last_day: date | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A SQL condition on ``events`` and its parameters."""
        conditions: list[str] = ["TRUE"]
        parameters: list[Any] = []
        if self.actor:
            conditions.append(
                "(upper(source_country) = upper(?) OR upper(target_country) = upper(?) "
                "OR source_name ILIKE ? OR target_name ILIKE ?)"
            )
            pattern = f"%{self.actor}%"
            parameters += [self.actor, self.actor, pattern, pattern]
        for column, value in (
            ("event_type", self.event_type),
            ("quad_class", self.quad_class),
            ("status", self.status),
        ):
            if value is not None and value != "":
                conditions.append(f"{column} = ?")
                parameters.append(value)
        if self.first_day:
            conditions.append("event_date >= ?")
            parameters.append(self.first_day)
        if self.last_day:
            conditions.append("event_date <= ?")
            parameters.append(self.last_day)
        return " AND ".join(conditions), parameters


def jsonable(row: Row) -> dict[str, Any]:
    """``row`` with its times and dates as ISO strings."""
    return {
        name: value.isoformat() if isinstance(value, date | datetime) else value
        for name, value in row.items()
    }


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description or ()]
    return [jsonable(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]


def feed(cursor: duckdb.DuckDBPyConnection, feed_filter: FeedFilter) -> list[dict[str, Any]]:
    """The newest matching events, newest first."""
    where, parameters = feed_filter.where()
    cursor.execute(
        f"SELECT {FEED_COLUMNS} FROM events WHERE {where} "
        f"ORDER BY received_at DESC, event_id LIMIT {FEED_LIMIT}",
        parameters,
    )
    return _dicts(cursor)


def feed_row(row: Row) -> dict[str, Any]:
    """A stored event row cut to the feed's columns, for the live stream."""
    names = [name.strip() for name in FEED_COLUMNS.split(",")]
    return jsonable({name: row[name] for name in names})


def barometer(cursor: duckdb.DuckDBPyConnection, first: str, second: str) -> list[dict[str, Any]]:
    """Per day, between two countries either way: Goldstein sum and counts by quad class."""
    cursor.execute(
        """
        SELECT event_date AS day, round(sum(goldstein), 2) AS goldstein,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM events
        WHERE (source_country = ? AND target_country = ?)
           OR (source_country = ? AND target_country = ?)
        GROUP BY event_date ORDER BY event_date
        """,
        [first, second, second, first],
    )
    return _dicts(cursor)


def countries(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    """Country codes that appear as source or target, most frequent first."""
    cursor.execute(
        """
        SELECT code FROM (
            SELECT source_country AS code FROM events UNION ALL
            SELECT target_country FROM events
        ) WHERE code IS NOT NULL GROUP BY code ORDER BY count(*) DESC, code
        """
    )
    return [str(row[0]) for row in cursor.fetchall()]


def top_dyads(cursor: duckdb.DuckDBPyConnection, now: datetime) -> list[dict[str, Any]]:
    """The dyads with most events received in the 24 hours before ``now``."""
    cursor.execute(
        f"""
        SELECT dyad, count(*) AS events, round(sum(goldstein), 2) AS goldstein
        FROM events WHERE received_at >= ?
        GROUP BY dyad ORDER BY events DESC, dyad LIMIT {TOP_LIMIT}
        """,
        [now - timedelta(hours=24)],
    )
    return _dicts(cursor)


def top_stories(cursor: duckdb.DuckDBPyConnection, now: datetime) -> list[dict[str, Any]]:
    """The stories reported in the last 24 hours with the most mentions."""
    cursor.execute(
        f"""
        SELECT story_id, dyad, event_type, event_day, num_mentions, num_articles, num_sources
        FROM stories WHERE last_seen >= ?
        ORDER BY num_mentions DESC, num_articles DESC, story_id LIMIT {TOP_LIMIT}
        """,
        [now - timedelta(hours=24)],
    )
    return _dicts(cursor)


def located(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Places with coordinates and how many events happened there."""
    cursor.execute(
        f"""
        SELECT location_name AS name, any_value(location_country) AS country,
               any_value(location_lat) AS lat, any_value(location_lon) AS lon,
               count(*) AS events
        FROM events WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL
        GROUP BY location_name ORDER BY events DESC, name LIMIT {MAP_LIMIT}
        """
    )
    return _dicts(cursor)


def dead_letters(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Dead letters by reason."""
    cursor.execute(
        "SELECT reason, count(*) AS count FROM dead_letters GROUP BY reason "
        "ORDER BY count DESC, reason"
    )
    return _dicts(cursor)
