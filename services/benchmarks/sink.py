"""``dipstream bench sink``: events per second from the event topic into the event store.

The events are the engine's own, coded once from the sample articles and repeated under new
ids, produced to fresh topics on the local broker before the sink starts; the sink then stores
them in a new DuckDB file in batches, as ``dipstream sink`` does. The rate counts from the
first stored batch to the last, so joining the consumer group is not part of it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from kafka import KafkaProducer

from schemas import Article, DiplomaticEvent
from services.benchmarks.e2e import _ensure_broker, load_corpus
from services.benchmarks.e2e_pipeline import _delete_topics
from services.broker import local
from services.broker.client_config import kafka_python_config
from services.broker.topics import create_topics
from services.errors import UserError
from services.evaluation.gold_samples import SAMPLES_DIR
from services.evaluation.offline_extraction import extract_each, load_engine
from services.settings import Settings, get_settings
from services.store.database import EventStore
from services.store.rows import Row
from services.store.sink import DEFAULT_BATCH_RECORDS, Batch, Sink

DEFAULT_OUTPUT = Path("var/bench/sink.json")
DEFAULT_EVENTS = 50_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--events``, ``--batch``, ``--output``."""
    parser.add_argument(
        "--events", type=int, default=DEFAULT_EVENTS, help=f"events (default {DEFAULT_EVENTS})"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH_RECORDS,
        help=f"most records per transaction (default {DEFAULT_BATCH_RECORDS})",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON report")


def sample_events(settings: Settings) -> list[DiplomaticEvent]:
    """The events the engine codes from the sample articles."""
    articles = [Article.model_validate(row) for row in load_corpus(SAMPLES_DIR / "articles.jsonl")]
    batches, _errors = extract_each(load_engine(settings), articles)
    return [event for batch in batches for event in batch]


def run(args: argparse.Namespace) -> int:
    """Produce, store, print the rate and write the JSON report."""
    if args.events < 1 or args.batch < 1:
        raise UserError("--events and --batch must be at least 1")
    base = get_settings()
    templates = sample_events(base)
    load_average = os.getloadavg()
    started_broker = _ensure_broker(base)
    suffix = uuid.uuid4().hex[:8]
    settings = base.model_copy(
        update={
            "topic_events": f"bench.sink.{suffix}.events",
            "topic_stories": f"bench.sink.{suffix}.stories",
            "topic_dlq": f"bench.sink.{suffix}.dlq",
            "app_id": f"bench-sink-{suffix}",
        }
    )
    names = [settings.topic_events, settings.topic_stories, settings.topic_dlq]
    try:
        create_topics(settings, names)
        _produce(settings, templates, args.events)
        with tempfile.TemporaryDirectory(prefix="dipstream-bench-sink-") as folder:
            measured = _store_all(settings, Path(folder) / "store.duckdb", args.events, args.batch)
        _delete_topics(settings, names)
    finally:
        if started_broker:
            local.down(base)
    report: dict[str, object] = {
        "cpus": os.cpu_count(),
        "load_average_at_start": load_average,
        **measured,
    }
    print(
        f"sink: {report['events']} events in {report['seconds']:.2f} s = "
        f"{report['events_per_s']:,.0f} events/s into the store "
        f"(batches of up to {args.batch}; {report['batches']} transactions; "
        f"{report['wall_seconds']:.1f} s with the group join)"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {args.output}")
    return 0


def _produce(settings: Settings, templates: list[DiplomaticEvent], count: int) -> None:
    producer = KafkaProducer(acks="all", linger_ms=20, **kafka_python_config(settings))
    try:
        for index in range(count):
            event = templates[index % len(templates)].model_copy(update={"event_id": uuid.uuid4()})
            producer.send(
                settings.topic_events,
                key=event.dyad_key.encode(),
                value=event.model_dump_json().encode(),
            )
        producer.flush()
    finally:
        producer.close()
    print(f"produced {count} events", file=sys.stderr)


def _store_all(settings: Settings, path: Path, count: int, batch: int) -> dict[str, float]:
    stop = threading.Event()
    stored_at: list[tuple[float, int]] = []
    with EventStore(path) as store:

        def on_stored(new_events: list[Row], _batch: Batch) -> None:
            stored_at.append((time.perf_counter(), len(new_events)))
            if sink.totals.new_events >= count:
                stop.set()

        sink = Sink(settings, store, batch_records=batch, on_stored=on_stored, log=lambda _: None)
        started = time.perf_counter()
        try:
            sink.run(stop, idle_exit_s=60)
        finally:
            sink.close()
        finished = time.perf_counter()
        stored = store.count()
    if stored < count or len(stored_at) < 2:
        raise UserError(f"the sink stored {stored} of {count} events")
    first_time, first_count = stored_at[0]
    seconds = stored_at[-1][0] - first_time
    return {
        "events": stored,
        "batches": len(stored_at),
        "seconds": seconds,
        "events_per_s": (stored - first_count) / seconds,
        "wall_seconds": finished - started,
    }
