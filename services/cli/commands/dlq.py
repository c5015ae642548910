"""``dipstream dlq list|replay``: count the dead letters by reason, or send them back for coding.

Both read the dead-letter topic from its beginning to its end as of the start of the command,
with a consumer that joins no group and commits nothing: the workers' offsets never move, and
every run sees the whole topic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import ValidationError

from schemas import DeadLetterHeaders, DeadLetterReason
from services.cli.kafka_clients import (
    assign_whole_topic,
    kafka_failures_as_user_errors,
    open_consumer,
    open_producer,
)
from services.processor.dead_letters import ORIGINAL_LENGTH_HEADER, ORIGINAL_VALUE_HEADER
from services.settings import Settings, get_settings

POLL_MS = 500
NO_HEADERS = "(no dlq headers)"
DLQ_HEADER_PREFIX = "dlq_"
# Counted as left, never replayed: a letter from another topic (an events-topic record that is
# not an event), one whose value is a truncated copy (reason oversized_output), and one whose
# article was coded with some sentences failed (reason extraction_partial): its events are
# published, and coding it again would publish them again, some of them (an event merged with
# a mention in a failed sentence) under a new id, so even consumers keyed by event id would
# see them twice.
OTHER_TOPIC = "(from another topic)"
NOT_ORIGINAL = "(value not the original)"
PARTIAL = "(extraction_partial: events already published)"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``dlq list`` and ``dlq replay``."""
    parser = subparsers.add_parser("dlq", help="inspect or replay the dead-letter topic")
    actions = parser.add_subparsers(dest="dlq_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="count the dead letters by reason")
    listing.set_defaults(handler=run_list)
    replay = actions.add_parser("replay", help="send dead letters back to the articles topic")
    replay.add_argument(
        "--reason",
        dest="reasons",
        type=_reason,
        nargs="+",
        action="extend",
        metavar="REASON",
        help="replay only these reasons (default: all): "
        + ", ".join(reason.value for reason in DeadLetterReason),
    )
    replay.add_argument("--dry-run", action="store_true", help="count, send nothing")
    replay.add_argument(
        "--max", dest="max_replayed", type=int, metavar="N", help="replay at most N"
    )
    replay.set_defaults(handler=run_replay)


def _reason(text: str) -> DeadLetterReason:
    try:
        return DeadLetterReason(text)
    except ValueError:
        known = ", ".join(reason.value for reason in DeadLetterReason)
        raise argparse.ArgumentTypeError(f"unknown reason {text!r}: one of {known}") from None


def run_list(_args: argparse.Namespace) -> int:
    """Print how many dead letters there are for each reason."""
    settings = get_settings()
    with kafka_failures_as_user_errors(settings):
        counts = Counter(_reason_of(record) for record in read_dead_letters(settings))
    print(f"{sum(counts.values())} dead letters on {settings.topic_dlq}")
    for reason, count in counts.most_common():
        print(f"{count:>8}  {reason}")
    return 0


def run_replay(args: argparse.Namespace) -> int:
    """Re-publish the chosen dead letters to the articles topic and print the counts."""
    settings = get_settings()
    wanted = frozenset(str(reason) for reason in args.reasons or DeadLetterReason)
    with kafka_failures_as_user_errors(settings):
        outcome = replay_dead_letters(settings, wanted, args.dry_run, args.max_replayed)
    verb = "would replay" if args.dry_run else "replayed"
    print(
        f"{verb} {sum(outcome.replayed.values())} dead letters to {settings.topic_articles}"
        f"{_breakdown(outcome.replayed)}; left {sum(outcome.left.values())}"
        f"{_breakdown(outcome.left)}"
    )
    if outcome.failures:
        print(
            f"{len(outcome.failures)} could not be re-published, first: {outcome.failures[0]}",
            file=sys.stderr,
        )
        return 1
    return 0


@dataclass
class ReplayOutcome:
    """Dead letters replayed and left on the topic, by reason, and failed deliveries."""

    replayed: Counter[str] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def replay_dead_letters(
    settings: Settings, reasons: frozenset[str], dry_run: bool, max_replayed: int | None
) -> ReplayOutcome:
    """Send the dead letters of ``reasons`` back, as they first came, and count them.

    Each goes out with its original key, value bytes and headers, minus the ``dlq_`` ones.
    Only letters that came from the articles topic with their original value go back.
    """
    outcome = ReplayOutcome()
    replayed, left = outcome.replayed, outcome.left
    sent: list[tuple[ConsumerRecord, Any]] = []
    producer = None if dry_run else open_producer(settings, acks="all")
    try:
        for record in read_dead_letters(settings):
            reason = _reason_of(record)
            unreplayable = _unreplayable(record, settings)
            if unreplayable is not None:
                left[unreplayable] += 1
                continue
            full = max_replayed is not None and sum(replayed.values()) >= max_replayed
            if reason not in reasons or full:
                left[reason] += 1
                continue
            if producer is not None:
                headers = [
                    (name, value)
                    for name, value in record.headers
                    if not name.startswith(DLQ_HEADER_PREFIX)
                ]
                future = producer.send(
                    settings.topic_articles, key=record.key, value=record.value, headers=headers
                )
                sent.append((record, future))
            replayed[reason] += 1
        if producer is not None:
            producer.flush()
    finally:
        if producer is not None:
            producer.close()
    for record, future in sent:
        if future.failed():
            replayed[_reason_of(record)] -= 1
            outcome.failures.append(f"offset {record.offset}: {future.exception}")
    # Unary plus drops the reasons whose every replay failed.
    outcome.replayed = +replayed
    return outcome


def read_dead_letters(settings: Settings) -> Iterator[ConsumerRecord]:
    """Every dead letter from the start of the topic up to its end when this is called."""
    consumer = open_consumer(settings, group_id=None)
    try:
        partitions = assign_whole_topic(consumer, settings.topic_dlq)
        consumer.seek_to_beginning()
        ends = consumer.end_offsets(partitions)
        yield from _records_until(consumer, ends)
    finally:
        consumer.close()


def _records_until(consumer: KafkaConsumer, ends: dict[Any, int]) -> Iterator[ConsumerRecord]:
    remaining = {partition for partition, end in ends.items() if consumer.position(partition) < end}
    while remaining:
        for partition, batch in consumer.poll(timeout_ms=POLL_MS).items():
            for record in batch:
                if record.offset < ends[partition]:
                    yield record
            if consumer.position(partition) >= ends[partition]:
                remaining.discard(partition)
                consumer.pause(partition)


def _unreplayable(record: ConsumerRecord, settings: Settings) -> str | None:
    """Why a dead letter cannot go back to the articles topic, or None if it can."""
    headers = dict(record.headers)
    original_topic = headers.get(f"{DLQ_HEADER_PREFIX}original_topic")
    if original_topic is not None and original_topic.decode() != settings.topic_articles:
        return OTHER_TOPIC
    if ORIGINAL_LENGTH_HEADER in headers or ORIGINAL_VALUE_HEADER in headers:
        return NOT_ORIGINAL
    if headers.get(f"{DLQ_HEADER_PREFIX}reason") == DeadLetterReason.EXTRACTION_PARTIAL.encode():
        return PARTIAL
    return None


def _reason_of(record: ConsumerRecord) -> str:
    try:
        return DeadLetterHeaders.from_kafka_headers(record.headers).reason.value
    except ValidationError:
        return NO_HEADERS


def _breakdown(counts: Counter[str]) -> str:
    if not counts:
        return ""
    return " (" + ", ".join(f"{reason}: {count}" for reason, count in counts.most_common()) + ")"
