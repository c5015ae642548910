"""The event store's table layout, declared once for DuckDB, Arrow and the exports.

Each column has a DuckDB type (the table), an Arrow type (the batches the sink inserts) and a
one-line meaning (the README's column table). All times are UTC, stored without a zone, so
that a CSV shows the same clock in every reader's locale.
"""

from __future__ import annotations

from typing import NamedTuple

import pyarrow as pa


class Column(NamedTuple):
    """One column of a store table."""

    name: str
    sql_type: str
    arrow_type: pa.DataType
    meaning: str


def _text(name: str, meaning: str) -> Column:
    return Column(name, "VARCHAR", pa.string(), meaning)


def _time(name: str, meaning: str) -> Column:
    return Column(name, "TIMESTAMP", pa.timestamp("us"), meaning)


def _number(name: str, meaning: str) -> Column:
    return Column(name, "DOUBLE", pa.float64(), meaning)


def _integer(name: str, meaning: str) -> Column:
    return Column(name, "INTEGER", pa.int32(), meaning)


EVENT_COLUMNS: tuple[Column, ...] = (
    _text("event_id", "UUID of the event (stable across re-processing)"),
    _text("article_id", "id of the article it was coded from"),
    _text("publisher", "publisher of the article"),
    _text("article_url", "URL of the article"),
    _time("published_at", "publication time of the article"),
    _time("received_at", "when the event was published on Kafka (record timestamp)"),
    _text("extractor_version", "version of the extractor that coded it"),
    _text("event_type", "PLOVER root, e.g. CONSULT"),
    _text("event_mode", "PLOVER mode, e.g. phone"),
    _text("cameo_code", "most specific CAMEO code"),
    _text("cameo_name", "name of that CAMEO code"),
    _number("goldstein", "Goldstein value of the CAMEO code, -10 to 10"),
    _integer("quad_class", "1 verbal cooperation, 2 material cooperation, 3 and 4 conflict"),
    _text("source_name", "source actor, canonical name"),
    _text("source_text", "source actor as written"),
    _text("source_country", "source country, ISO 3166-1 alpha-3 (or an organisation code)"),
    _text("source_sector", "source sector: GOV, MIL, ..."),
    _text("source_kind", "state, person, organisation or group"),
    _text("target_name", "target actor, canonical name"),
    _text("target_text", "target actor as written"),
    _text("target_country", "target country, ISO 3166-1 alpha-3 (or an organisation code)"),
    _text("target_sector", "target sector"),
    _text("target_kind", "state, person, organisation or group"),
    Column("reciprocal", "BOOLEAN", pa.bool_(), "both sides act alike"),
    _text("dyad", "dyad key, e.g. RUS|USA (sorted when reciprocal)"),
    _text("status", "occurred, scheduled, intended, ... (see the schema)"),
    _time("time_start", "resolved start of the event"),
    _time("time_end", "resolved end of the event"),
    _text("time_precision", "minute, hour, day, week, month, year or vague"),
    _text("time_text", "the time expression as written"),
    Column(
        "event_date",
        "DATE",
        pa.date32(),
        "day of the event: resolved start, else publication, else arrival",
    ),
    _text("location_name", "where the event takes place"),
    _text("location_country", "country of the place, ISO 3166-1 alpha-3"),
    _number("location_lat", "latitude of the place"),
    _number("location_lon", "longitude of the place"),
    _text("reported_by_name", "whose statement the event comes from"),
    _text("reported_by_country", "country of the reporter"),
    _text("quote", "the quotation the event is stated in"),
    _text("evidence_sentence", "the sentence that best states the event"),
    _text("trigger_words", "trigger words, separated by '; '"),
    _text("trigger_offsets", "trigger offsets in the sentence, 'start-end' separated by ';'"),
    _integer("num_mentions", "sentences of the article that report it"),
    _number("confidence", "confidence of the extractor, 0 to 1"),
)

STORY_COLUMNS: tuple[Column, ...] = (
    _text("story_id", "fingerprint: dyad, event type and day"),
    _text("dyad", "dyad key"),
    _text("event_type", "PLOVER root"),
    Column("event_day", "DATE", pa.date32(), "day of the event"),
    _integer("num_mentions", "sentences mentioning it, over all articles"),
    _integer("num_articles", "articles reporting it"),
    _integer("num_sources", "distinct publishers"),
    _time("first_seen", "first report"),
    _time("last_seen", "latest report"),
    _text("event_ids", "event ids folded into the story, separated by ' '"),
)

DEAD_LETTER_COLUMNS: tuple[Column, ...] = (
    _text("dead_letter_id", "topic/partition/offset of the dead letter"),
    _text("reason", "why the article could not be coded"),
    _text("error", "the error message"),
    _text("article_key", "key of the original article"),
    _time("received_at", "when it was dead-lettered"),
)


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    """The Arrow schema of a batch of rows for a table with ``columns``."""
    return pa.schema([(column.name, column.arrow_type) for column in columns])


def create_table_sql(table: str, columns: tuple[Column, ...]) -> str:
    """``CREATE TABLE IF NOT EXISTS``, the first column the primary key."""
    body = ",\n  ".join(f"{column.name} {column.sql_type}" for column in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {body},\n  PRIMARY KEY ({columns[0].name})\n)"
