"""Each export format and column set loads back in pandas with the types and values stored."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from schemas import Location, StoryAggregate
from services.store.database import EventStore
from services.store.export import ColumnSet, ExportFormat, column_names, export
from services.store.rows import event_row, story_row
from tests.unit.processor.events import make_event

RECEIVED = datetime(2025, 3, 6, 12, 30, 5, tzinfo=UTC)
PUBLISHED = datetime(2025, 3, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
def store() -> EventStore:
    """Two events on 3 and 4 March (one in Paris, with a story of two articles) and one in May."""
    paris = Location(name="Paris", country="FRA", lat=48.85, lon=2.35)
    events = [
        make_event(
            article_id="a", published_at=PUBLISHED, event_start=datetime(2025, 3, 3, tzinfo=UTC)
        ),
        make_event(
            article_id="b", published_at=PUBLISHED, event_start=datetime(2025, 3, 4, tzinfo=UTC)
        ),
        make_event(article_id="c", published_at=datetime(2025, 5, 1, tzinfo=UTC)),
    ]
    events[0] = events[0].model_copy(update={"location": paris, "article_url": "https://x/a"})
    story = StoryAggregate(
        story_id="s1",
        dyad="FRA|DEU",
        event_type="CONSULT",
        event_day=date(2025, 3, 3),
        num_mentions=3,
        num_articles=2,
        num_sources=2,
        first_seen=RECEIVED,
        last_seen=RECEIVED,
        event_ids=[str(events[0].event_id), str(uuid.uuid4())],
    )
    opened = EventStore(None)
    opened.write([event_row(event, RECEIVED) for event in events], [story_row(story)])
    return opened


def load(path: Path, export_format: ExportFormat) -> pd.DataFrame:
    """The export as an analyst loads it, codes kept as text."""
    codes = {"EventCode": str, "EventBaseCode": str, "EventRootCode": str, "cameo_code": str}
    if export_format is ExportFormat.PARQUET:
        return pd.read_parquet(path)
    if export_format is ExportFormat.JSONL:
        return pd.read_json(path, lines=True, dtype=codes)
    separator = "\t" if export_format is ExportFormat.TSV else ","
    return pd.read_csv(path, sep=separator, dtype=codes)


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_gdelt_columns_load_with_gdelt_names_and_values(
    store: EventStore, tmp_path: Path, export_format: ExportFormat
) -> None:
    path = tmp_path / f"events.{export_format.value}"
    written = export(
        store, path, export_format, ColumnSet.GDELT, date(2025, 3, 1), date(2025, 3, 31)
    )

    frame = load(path, export_format)
    assert written == 2
    assert list(frame.columns) == column_names(ColumnSet.GDELT)
    first = frame.iloc[0]
    assert list(frame["SQLDATE"]) == [20250303, 20250304]
    assert first["Actor1CountryCode"] == "FRA"
    assert first["Actor2CountryCode"] == "DEU"
    assert first["EventCode"] == "040"
    assert first["EventRootCode"] == "04"
    assert first["QuadClass"] == 1
    assert first["GoldsteinScale"] == pytest.approx(1.0)
    # The story's counts, where the event is part of one; the article's own otherwise.
    assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == (3, 2, 2)
    assert (frame.iloc[1]["NumArticles"], frame.iloc[1]["NumSources"]) == (1, 1)
    assert first["ActionGeo_CountryCode"] == "FR"  # FIPS 10-4, as GDELT codes places
    assert first["ActionGeo_Lat"] == pytest.approx(48.85)
    assert first["DATEADDED"] == 20250306123005
    assert first["SOURCEURL"] == "https://x/a"
    assert pd.isna(first["AvgTone"])


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_polecat_columns_carry_dates_actors_and_place(
    store: EventStore, tmp_path: Path, export_format: ExportFormat
) -> None:
    path = tmp_path / f"events.{export_format.value}"
    export(store, path, export_format, ColumnSet.POLECAT)

    frame = load(path, export_format)
    assert list(frame.columns) == column_names(ColumnSet.POLECAT)
    assert len(frame) == 3
    first = frame.iloc[0]
    assert str(first["story_date"])[:10] == "2025-03-05"
    assert str(first["event_date"])[:10] == "2025-03-03"
    assert (first["actor_country"], first["recipient_country"]) == ("FRA", "DEU")
    assert (first["event_type"], first["quad_code"]) == ("CONSULT", 1)
    assert (first["placename"], first["country"]) == ("Paris", "FRA")


def test_full_parquet_keeps_the_store_types(store: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    export(store, path, ExportFormat.PARQUET, ColumnSet.FULL)

    table = pq.read_table(path)
    assert table.num_rows == 3
    assert str(table.schema.field("received_at").type) == "timestamp[us]"
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("goldstein").type) == "double"
    assert table.column("trigger_offsets").to_pylist()[0] == "19-22"


def test_jsonl_is_one_object_per_line(store: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export(store, path, ExportFormat.JSONL, ColumnSet.FULL, last_day=date(2025, 3, 3))

    lines = path.read_text().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["dyad"] == "FRA|DEU"


def test_writing_an_event_twice_stores_it_once(store: EventStore) -> None:
    again = make_event(
        article_id="a", published_at=PUBLISHED, event_start=datetime(2025, 3, 3, tzinfo=UTC)
    )

    assert store.write([event_row(again, RECEIVED)] * 2) == []
    assert store.count() == 3
