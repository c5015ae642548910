"""``dipstream extract``: code articles from files or stdin, without Kafka.

Input is text (one article per file, its id the file stem), JSON (one article or a list) or
JSONL (``articles.raw`` messages, one per line); a folder is read file by file. Events are
written as JSON lines (the ``diplomatic.events`` format), a table, or a CSV or Parquet file with
the columns of ``dipstream export``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from schemas import Article, DiplomaticEvent
from services.cli import render
from services.cli.article_files import InputFormat, SkippedInput, parse_article, read_inputs
from services.cli.commands.export import add_columns_argument, add_file_argument, write_export
from services.errors import UserError
from services.evaluation.offline_extraction import extract_each, load_engine
from services.settings import get_settings
from services.store.database import EventStore
from services.store.export import ExportFormat
from services.store.rows import event_row


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``extract``."""
    parser = subparsers.add_parser("extract", help="code articles from files or stdin (no Kafka)")
    parser.add_argument(
        "--input", required=True, help="a file, a folder of files, or '-' for standard input"
    )
    parser.add_argument(
        "--format",
        type=InputFormat,
        choices=list(InputFormat),
        default=InputFormat.AUTO,
        help="input format (default: from suffix)",
    )
    parser.add_argument(
        "--output",
        choices=("jsonl", "table", "csv", "parquet"),
        default="jsonl",
        help="one JSON event per line (default), a table, or a csv or parquet file",
    )
    add_columns_argument(parser)
    add_file_argument(parser)
    parser.add_argument(
        "--published-at",
        type=_aware_datetime,
        help="RFC 3339 publication time for articles that carry none",
    )
    parser.add_argument(
        "--min-confidence", type=_share, default=None, help="drop events below this confidence"
    )
    parser.set_defaults(handler=_run)


def _aware_datetime(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an RFC 3339 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} has no UTC offset (add Z or +hh:mm)")
    return moment


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def _run(args: argparse.Namespace) -> int:
    articles = read_articles(args.input, args.format)
    if not articles:
        raise UserError(f"no article found in {args.input}")
    if args.published_at is not None:
        articles = [
            article if article.published_at else article.with_published_at(args.published_at)
            for article in articles
        ]
    settings = get_settings()
    threshold = (
        settings.confidence_threshold if args.min_confidence is None else args.min_confidence
    )
    engine = load_engine(settings, confidence_threshold=threshold)
    batches, errors = extract_each(engine, articles)
    events = [event for batch in batches for event in batch]
    if args.output == "table":
        print(render_table(events))
    elif args.output in ("csv", "parquet"):
        _write_file(events, args)
    else:
        for event in events:
            print(event.model_dump_json())
    for article_id, error in errors.items():
        print(
            f"dipstream: error: article {article_id}: the engine failed: {error}", file=sys.stderr
        )
    return 1 if errors else 0


def _write_file(events: Sequence[DiplomaticEvent], args: argparse.Namespace) -> None:
    """The events as an export of an in-memory store, so that the columns are the same."""
    coded_at = datetime.now(UTC)
    with EventStore(None) as store:
        store.write([event_row(event, coded_at) for event in events])
        write_export(store, args.file, ExportFormat(args.output), args.columns)


def read_articles(source: str, input_format: InputFormat) -> list[Article]:
    """Every article of a file, a folder or standard input ('-'); UserError at the first bad one."""
    articles = []
    for outcome in read_inputs([source], input_format, sys.stdin.buffer):
        if isinstance(outcome, SkippedInput):
            raise UserError(f"{outcome.origin}: {outcome.reason}")
        try:
            articles.append(parse_article(outcome))
        except ValueError as error:
            raise UserError(f"{outcome.origin}: {error}") from None
    return articles


_COLUMNS = ("who", "what", "whom", "status", "when", "where", "reported_by", "conf")
_WIDTHS = (28, 18, 28, 12, 22, 16, 24, 5)


def _row(event: DiplomaticEvent) -> Sequence[str]:
    what = event.event_type.value + (f"/{event.event_mode}" if event.event_mode else "")
    return (
        render.actor_label(event.source),
        what,
        render.actor_label(event.target),
        event.status.value,
        render.time_label(event.time),
        render.place_label(event.location),
        render.actor_label(event.reported_by),
        f"{event.confidence:.2f}",
    )


def render_table(events: Sequence[DiplomaticEvent]) -> str:
    """Events as a fixed-width table, long cells cut with an ellipsis."""

    def line(cells: Sequence[str]) -> str:
        fitted = (
            cell if len(cell) <= width else cell[: width - 1] + "…"
            for cell, width in zip(cells, _WIDTHS, strict=True)
        )
        return " ".join(
            cell.ljust(width) for cell, width in zip(fitted, _WIDTHS, strict=True)
        ).rstrip()

    lines = [line(_COLUMNS), line(["-" * width for width in _WIDTHS])]
    lines.extend(line(_row(event)) for event in events)
    lines.append(f"{len(events)} event(s)")
    return "\n".join(lines)
