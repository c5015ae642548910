"""``dipstream produce``: send articles from files, folders or stdin to ``articles.raw``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from kafka import KafkaProducer
from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type hints

from services.cli.article_files import (
    ArticleMessage,
    InputFormat,
    ReadOutcome,
    SkippedInput,
    parse_article,
    read_inputs,
)
from services.cli.kafka_clients import (
    kafka_failures_as_user_errors,
    open_producer,
    require_topic,
)
from services.settings import Settings, get_settings


@dataclass
class ProduceSummary:
    """What one ``produce`` run sent and what it left out, with why."""

    topic: str
    produced: int = 0
    skipped: list[SkippedInput] = field(default_factory=list)

    def line(self) -> str:
        """The closing line printed after the run."""
        return f"{self.produced} produced to {self.topic}, {len(self.skipped)} skipped"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``produce``."""
    parser = subparsers.add_parser(
        "produce", help="send articles from files, folders or stdin to Kafka"
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file, folder (read recursively: .txt, .json, .jsonl) or - for stdin",
    )
    parser.add_argument("--topic", help="topic to send to (default: the articles topic)")
    parser.add_argument(
        "--format",
        dest="input_format",
        choices=[input_format.value for input_format in InputFormat],
        default=InputFormat.AUTO.value,
        help="how to read the inputs (default: by file suffix)",
    )
    parser.add_argument(
        "--no-validate",
        dest="validate",
        action="store_false",
        help="send messages as read, even invalid articles (to exercise the dead-letter topic)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Send the inputs; exit 1 when any input was skipped."""
    settings = get_settings()
    summary = produce_inputs(
        settings,
        args.paths,
        topic=args.topic or settings.topic_articles,
        input_format=InputFormat(args.input_format),
        validate=args.validate,
        stdin=sys.stdin.buffer,
    )
    print(summary.line(), file=sys.stderr)
    return 1 if summary.skipped else 0


def produce_inputs(
    settings: Settings,
    inputs: Sequence[str],
    *,
    topic: str,
    input_format: InputFormat = InputFormat.AUTO,
    validate: bool = True,
    stdin: BinaryIO | None = None,
) -> ProduceSummary:
    """Read ``inputs`` and send every message to ``topic``; skipped inputs are printed."""
    outcomes = read_inputs(inputs, input_format, stdin or sys.stdin.buffer)
    with kafka_failures_as_user_errors(settings):
        require_topic(settings, topic)
        producer = open_producer(settings, acks="all", linger_ms=20)
        try:
            return _send_all(producer, topic, outcomes, validate)
        finally:
            producer.close()


def _send_all(
    producer: KafkaProducer, topic: str, outcomes: Iterable[ReadOutcome], validate: bool
) -> ProduceSummary:
    summary = ProduceSummary(topic)
    # Origins only: the values may add up to more than memory holds.
    pending: list[tuple[str, Any]] = []
    with tqdm(desc=f"to {topic}", unit=" articles", file=sys.stderr, disable=None) as progress:
        for outcome in outcomes:
            if isinstance(outcome, SkippedInput):
                _report(outcome, summary, progress)
                continue
            problem = _invalid(outcome, validate)
            if problem is not None:
                _report(problem, summary, progress)
                continue
            future = producer.send(topic, key=outcome.key, value=outcome.value)
            pending.append((outcome.origin, future))
            progress.update(1)
        producer.flush()
    for origin, future in pending:
        if future.failed():
            _report(SkippedInput(origin, f"not delivered: {future.exception}"), summary)
        else:
            summary.produced += 1
    return summary


def _invalid(message: ArticleMessage, validate: bool) -> SkippedInput | None:
    if not validate:
        return None
    try:
        parse_article(message)
    except ValueError as error:
        return SkippedInput(message.origin, str(error))
    return None


def _report(skipped: SkippedInput, summary: ProduceSummary, progress: Any = None) -> None:
    summary.skipped.append(skipped)
    line = f"skipped {skipped.origin}: {skipped.reason}"
    if progress is not None:
        progress.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)
