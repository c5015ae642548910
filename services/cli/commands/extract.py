"""``dipstream extract``: code articles from files or stdin, without Kafka.

Input is text (one article per file, its id the file stem), JSON (one article or a list) or
JSONL (``articles.raw`` messages, one per line); a folder is read file by file. Events are
written as JSON lines (the ``diplomatic.events`` format) or as a table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas import Article, DiplomaticEvent
from services.cli.errors import UserError
from services.evaluation.engine import extract_each, load_engine
from services.settings import get_settings

FORMATS = ("auto", "text", "json", "jsonl")
_FORMAT_BY_SUFFIX = {".txt": "text", ".text": "text", ".json": "json", ".jsonl": "jsonl"}
STDIN = "-"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``extract``."""
    parser = subparsers.add_parser("extract", help="code articles from files or stdin (no Kafka)")
    parser.add_argument(
        "--input", required=True, help="a file, a folder of files, or '-' for standard input"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="auto", help="input format (default: from suffix)"
    )
    parser.add_argument(
        "--output", choices=("jsonl", "table"), default="jsonl", help="one JSON event per line"
    )
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
    else:
        for event in events:
            print(event.model_dump_json())
    for article_id, error in errors.items():
        print(
            f"dipstream: error: article {article_id}: the engine failed: {error}", file=sys.stderr
        )
    return 1 if errors else 0


def read_articles(source: str, declared: str) -> list[Article]:
    """Every article of a file, a folder or standard input ('-')."""
    if source == STDIN:
        try:
            content = sys.stdin.read()
        except UnicodeDecodeError:
            raise UserError("stdin: not UTF-8 text") from None
        return _parse(content, _format_of_text(declared, content), "stdin", "stdin")
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in _FORMAT_BY_SUFFIX)
        return [article for file in files for article in _read_file(file, declared)]
    if not path.is_file():
        raise UserError(f"{path}: no such file or folder")
    return _read_file(path, declared)


def _read_file(path: Path, declared: str) -> list[Article]:
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise UserError(f"{path}: {error.strerror}") from None
    form = declared if declared != "auto" else _FORMAT_BY_SUFFIX.get(path.suffix, "")
    return _parse(content, form or _format_of_text("auto", content), path.stem, str(path))


def _format_of_text(declared: str, content: str) -> str:
    if declared != "auto":
        return declared
    stripped = content.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        first_line = stripped.splitlines()[0]
        try:
            json.loads(first_line)
        except json.JSONDecodeError:
            return "json"
        return "jsonl"
    return "text"


def _parse(content: str, form: str, stem: str, where: str) -> list[Article]:
    if form == "text":
        return [_article({"id": stem, "text": content}, where)]
    if form == "json":
        try:
            document = json.loads(content)
        except json.JSONDecodeError as error:
            raise UserError(f"{where}: invalid JSON at line {error.lineno}: {error.msg}") from None
        items = document if isinstance(document, list) else [document]
        return [_article(item, f"{where}: item {n}") for n, item in enumerate(items, start=1)]
    return list(_jsonl_articles(content, where))


def _jsonl_articles(content: str, where: str) -> Iterator[Article]:
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise UserError(f"{where}: line {number}: invalid JSON: {error.msg}") from None
        yield _article(item, f"{where}: line {number}")


def _article(item: object, where: str) -> Article:
    if not isinstance(item, dict):
        raise UserError(f"{where}: expected a JSON object with at least 'id' and 'text'")
    try:
        return Article.model_validate(item)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "article"
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "missing":
            raise UserError(f"{where}: {field} is missing") from None
        if message.startswith(field):
            raise UserError(f"{where}: {message}") from None
        raise UserError(f"{where}: {field}: {message}") from None


_COLUMNS = ("who", "what", "whom", "status", "when", "where", "reported_by", "conf")
_WIDTHS = (24, 18, 24, 12, 22, 16, 20, 5)


def _row(event: DiplomaticEvent) -> Sequence[str]:
    what = event.event_type.value + (f"/{event.event_mode}" if event.event_mode else "")
    when = ""
    if event.time is not None:
        when = event.time.text or (event.time.start.date().isoformat() if event.time.start else "")
    return (
        event.source.name,
        what,
        event.target.name if event.target else "",
        event.status.value,
        when,
        event.location.name if event.location else "",
        event.reported_by.name if event.reported_by else "",
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
