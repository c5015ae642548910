"""The sink: follows the event, story and dead-letter topics into the event store.

It reads in its own consumer group (``<app id>-sink``), from the oldest record the first time,
and commits a batch's offsets only after the store has committed the batch: at least once.
A record read again after a crash or a rebalance is harmless, since the store skips an event
it holds and replaces a story by its latest aggregate. An unreadable record is counted and
logged, never stops the stream.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import ValidationError

from schemas import DeadLetterHeaders, DiplomaticEvent, StoryAggregate
from services.broker.client_config import kafka_python_config
from services.settings import Settings
from services.store.database import EventStore
from services.store.rows import Row, dead_letter_row, event_row, story_row

POLL_MS = 500
DEFAULT_BATCH_RECORDS = 2_000


def sink_group(settings: Settings) -> str:
    """The sink's consumer group: apart from the workers', so it never moves their offsets."""
    return f"{settings.app_id}-sink"


@dataclass
class SinkTotals:
    """What the sink has done since it started."""

    records: int = 0
    new_events: int = 0
    repeated_events: int = 0
    stories: int = 0
    dead_letters: int = 0
    unreadable: int = 0

    def line(self) -> str:
        """One line for the log."""
        return (
            f"{self.records} records: {self.new_events} new events, {self.repeated_events} "
            f"already stored, {self.stories} story updates, {self.dead_letters} dead letters, "
            f"{self.unreadable} unreadable"
        )


@dataclass
class Batch:
    """The rows of one poll, sorted by table."""

    events: list[Row] = field(default_factory=list)
    stories: list[Row] = field(default_factory=list)
    gone_stories: list[str] = field(default_factory=list)
    dead_letters: list[Row] = field(default_factory=list)
    unreadable: int = 0


StoredCallback = Callable[[list[Row], Batch], None]


class Sink:
    """A consumer of the three topics writing into ``store``; run it with :meth:`run`."""

    def __init__(
        self,
        settings: Settings,
        store: EventStore,
        *,
        batch_records: int = DEFAULT_BATCH_RECORDS,
        on_stored: StoredCallback | None = None,
        log: Callable[[str], None] = print,
    ) -> None:
        self.settings = settings
        self.store = store
        self.totals = SinkTotals()
        self._on_stored = on_stored
        self._log = log
        self._topics = (settings.topic_events, settings.topic_stories, settings.topic_dlq)
        self._consumer = KafkaConsumer(
            **kafka_python_config(settings),
            group_id=sink_group(settings),
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            isolation_level="read_committed",
            max_poll_records=batch_records,
        )

    def run(self, stop: threading.Event | None = None, idle_exit_s: float | None = None) -> None:
        """Store what arrives until ``stop`` is set, or ``idle_exit_s`` passes without a record."""
        self._consumer.subscribe(list(self._topics))
        last_record = time.monotonic()
        while stop is None or not stop.is_set():
            polled = self._consumer.poll(timeout_ms=POLL_MS)
            records = [record for batch in polled.values() for record in batch]
            if records or not self._consumer.assignment():
                # Idle time counts from the group's assignment: joining a group whose last
                # member died waits for that member's session to expire first.
                last_record = time.monotonic()
            if records:
                self.store_records(records)
                self._consumer.commit()
            elif idle_exit_s is not None and time.monotonic() - last_record > idle_exit_s:
                return

    def store_records(self, records: list[ConsumerRecord]) -> None:
        """Write ``records`` to the store as one transaction, and tell the listener."""
        batch = self.read_batch(records)
        new_ids = set(
            self.store.write(batch.events, batch.stories, batch.gone_stories, batch.dead_letters)
        )
        totals = self.totals
        totals.records += len(records)
        totals.new_events += len(new_ids)
        totals.repeated_events += len(batch.events) - len(new_ids)
        totals.stories += len(batch.stories) + len(batch.gone_stories)
        totals.dead_letters += len(batch.dead_letters)
        totals.unreadable += batch.unreadable
        self._log(f"sink: stored {totals.line()}")
        if self._on_stored is not None:
            self._on_stored([row for row in batch.events if row["event_id"] in new_ids], batch)

    def read_batch(self, records: Iterable[ConsumerRecord]) -> Batch:
        """Rows of ``records``; an unreadable one is logged and counted."""
        batch = Batch()
        for record in records:
            received_at = datetime.fromtimestamp(record.timestamp / 1000, tz=UTC)
            try:
                if record.topic == self.settings.topic_events:
                    event = DiplomaticEvent.model_validate_json(record.value)
                    batch.events.append(event_row(event, received_at))
                elif record.topic == self.settings.topic_stories:
                    if record.value is None:
                        batch.gone_stories.append(record.key.decode())
                    else:
                        story = StoryAggregate.model_validate_json(record.value)
                        batch.stories.append(story_row(story))
                else:
                    batch.dead_letters.append(_dead_letter(record, received_at))
            except (ValidationError, ValueError, AttributeError) as error:
                batch.unreadable += 1
                where = f"{record.topic}[{record.partition}]@{record.offset}"
                self._log(f"sink: unreadable record at {where}: {str(error).splitlines()[0]}")
        return batch

    def close(self) -> None:
        """Leave the consumer group."""
        self._consumer.close()


def _dead_letter(record: ConsumerRecord, received_at: datetime) -> Row:
    try:
        headers: DeadLetterHeaders | None = DeadLetterHeaders.from_kafka_headers(record.headers)
    except ValidationError:
        headers = None
    record_id = f"{record.topic}/{record.partition}/{record.offset}"
    return dead_letter_row(record_id, headers, record.key, received_at)
