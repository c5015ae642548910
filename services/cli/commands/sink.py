"""``dipstream sink``: store the event, story and dead-letter topics in the event store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from services.broker.errors import BrokerError
from services.cli.kafka_clients import kafka_failures_as_user_errors, require_topic
from services.errors import UserError
from services.processes.worker import interrupt_on_sigterm
from services.settings import Settings, get_settings
from services.store.database import EventStore, StoreError
from services.store.sink import DEFAULT_BATCH_RECORDS, Sink, sink_group


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``sink``."""
    parser = subparsers.add_parser(
        "sink", help="store events, stories and dead letters in the event store (DuckDB)"
    )
    add_store_argument(parser)
    parser.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH_RECORDS,
        metavar="N",
        help=f"most records per transaction (default {DEFAULT_BATCH_RECORDS})",
    )
    parser.add_argument(
        "--idle-exit",
        type=float,
        metavar="S",
        help="stop by itself after S seconds without a record (default: run until Ctrl-C)",
    )
    parser.set_defaults(handler=_run)


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    """``--store PATH``, defaulting to DIPSTREAM_STORE_PATH."""
    parser.add_argument(
        "--store", type=Path, help="the DuckDB file (default: DIPSTREAM_STORE_PATH)"
    )


def open_sink(settings: Settings, store: EventStore, **options: Any) -> Sink:
    """A sink on the three topics; UserError when Kafka or a topic is missing."""
    for topic in (settings.topic_events, settings.topic_stories, settings.topic_dlq):
        require_topic(settings, topic)
    try:
        return Sink(settings, store, **options)
    except BrokerError as error:
        raise UserError(str(error)) from error


def open_store(path: Path, *, read_only: bool = False) -> EventStore:
    """The store at ``path``; UserError when it cannot be opened."""
    try:
        return EventStore(path, read_only=read_only)
    except StoreError as error:
        raise UserError(str(error)) from None


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _run(args: argparse.Namespace) -> int:
    if args.batch < 1:
        raise UserError("--batch must be at least 1")
    settings = get_settings()
    interrupt_on_sigterm()
    store = open_store(args.store or settings.store_path)
    try:
        with kafka_failures_as_user_errors(settings):
            sink = open_sink(settings, store, batch_records=args.batch, log=_log)
            _log(f"sink: {store.path}, consumer group {sink_group(settings)}")
            try:
                sink.run(idle_exit_s=args.idle_exit)
            except KeyboardInterrupt:
                pass
            finally:
                sink.close()
        _log(f"sink: stopped after {sink.totals.line()}")
    finally:
        store.close()
    return 0
