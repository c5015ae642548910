"""``dipstream export``: events of a period from the event store, as CSV, TSV, Parquet or JSONL."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from services.cli.commands.sink import add_store_argument, open_store
from services.errors import UserError
from services.settings import get_settings
from services.store.database import EventStore
from services.store.export import ColumnSet, ExportFormat, export


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``export``."""
    parser = subparsers.add_parser(
        "export", help="events from the event store as csv, tsv, parquet or jsonl"
    )
    add_store_argument(parser)
    parser.add_argument("--from", dest="first_day", type=_day, help="first event day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last_day", type=_day, help="last event day (inclusive)")
    parser.add_argument(
        "--format", type=ExportFormat, choices=list(ExportFormat), default=ExportFormat.CSV
    )
    add_columns_argument(parser)
    add_file_argument(parser)
    parser.set_defaults(handler=_run)


def add_columns_argument(parser: argparse.ArgumentParser) -> None:
    """``--columns full|gdelt|polecat``."""
    parser.add_argument(
        "--columns",
        type=ColumnSet,
        choices=list(ColumnSet),
        default=ColumnSet.FULL,
        help="column names and codes: ours (full), GDELT 2.0's or POLECAT's (see the README)",
    )


def add_file_argument(parser: argparse.ArgumentParser) -> None:
    """``--file PATH``: where the export goes instead of standard output."""
    parser.add_argument(
        "--file", type=Path, help="write to this file (default: standard output; not parquet)"
    )


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def write_export(
    store: EventStore,
    target: Path | None,
    export_format: ExportFormat,
    column_set: ColumnSet,
    first_day: date | None = None,
    last_day: date | None = None,
) -> int:
    """Export to ``target`` or, when None, to standard output; how many events were written."""
    if target is None and export_format is ExportFormat.PARQUET:
        raise UserError("parquet is binary: name a file with --file")
    if target is not None:
        if not target.parent.is_dir():
            raise UserError(f"no folder {target.parent} for {target}")
        return export(store, target, export_format, column_set, first_day, last_day)
    with tempfile.TemporaryDirectory(prefix="dipstream-export-") as folder:
        staged = Path(folder) / f"export.{export_format.value}"
        written = export(store, staged, export_format, column_set, first_day, last_day)
        sys.stdout.flush()
        with staged.open("rb") as exported:
            shutil.copyfileobj(exported, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return written


def _run(args: argparse.Namespace) -> int:
    if args.first_day and args.last_day and args.first_day > args.last_day:
        raise UserError(f"--from {args.first_day} is after --to {args.last_day}")
    store = open_store(args.store or get_settings().store_path, read_only=True)
    try:
        written = write_export(
            store, args.file, args.format, args.columns, args.first_day, args.last_day
        )
    finally:
        store.close()
    where = args.file or "standard output"
    print(f"dipstream: {written} event(s) written to {where}", file=sys.stderr)
    return 0
