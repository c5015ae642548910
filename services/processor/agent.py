"""The agent on the articles topic: decode, extract, publish, dead-letter, then commit.

Batches come from :meth:`BatchingStream.take_batches` and are coded up to one per extraction
process at a time. While a batch is coded, the previous one is being published: its events and
dead letters are sent, and once the broker has acknowledged every one of them the batch is
acked, so its offsets are committed. A batch whose handling raised is never acked: it is read
again on restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterable, Awaitable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from schemas import Article, DeadLetterReason, DiplomaticEvent
from services.extraction.budget import ExtractionTimeoutError
from services.processor import metrics
from services.processor.batch_clock import BatchClock
from services.processor.dead_letters import send_dead_letter
from services.processor.decode import decode_article
from services.processor.dlq_guard import DeadLetterGuard, DeadLetterGuardError
from services.processor.event_size import OversizedEventError, fitted_event
from services.processor.extraction_pool import ExtractionOutcome
from services.processor.json_logs import record_position
from services.processor.publish import send_event
from services.processor.publisher import Publisher
from services.processor.records import InputRecord, InvalidMessage, input_record_of
from services.settings import Settings

logger = logging.getLogger(__name__)


class Extractor(Protocol):
    """What the processor needs of the extraction pool: outcomes in the articles' order."""

    async def extract(self, articles: Sequence[Article]) -> list[ExtractionOutcome]: ...


class Batch(Protocol):
    """A batch the stream handed out (a ``faust_fixes.batching.TakenBatch``), acked when told."""

    @property
    def events(self) -> Sequence[Any]: ...

    async def ack(self) -> None: ...


@dataclass(frozen=True)
class CodedBatch:
    """What a batch of records came to: events per coded record, and the dead letters."""

    size: int
    coded: list[tuple[InputRecord, list[DiplomaticEvent]]]
    invalid: list[InvalidMessage]


class ArticleProcessor:
    """Codes batches of article records and publishes what they came to."""

    def __init__(
        self,
        settings: Settings,
        pool: Extractor,
        guard: DeadLetterGuard,
        output: Publisher,
        clock: BatchClock | None = None,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._guard = guard
        self._output = output
        self._clock = clock or BatchClock(settings.extraction_timeout_s)

    async def run(self, batches: AsyncIterable[Batch]) -> None:
        """Code each batch while the previous ones are coded or published; ack each once
        published.

        Up to one batch per extraction process is coded at once: a batch taken while another
        is coded goes to a process the other left idle, so an article does not wait for the
        slowest share of the batch before it. Outputs keep the order of the batches: a batch is
        published only after the previous one is acknowledged. A failure anywhere stops all at
        once (a task group), with the batches in hand unacked, and is raised as it was.
        """
        slots = asyncio.Semaphore(max(self._settings.extraction_workers, 1))
        try:
            async with asyncio.TaskGroup() as group:
                previous: asyncio.Task[None] | None = None
                async for batch in batches:
                    await slots.acquire()
                    previous = group.create_task(self._code_and_publish(batch, previous, slots))
        except BaseExceptionGroup as failure:
            raise failure.exceptions[0] from None

    async def _code_and_publish(
        self, batch: Batch, previous: asyncio.Task[None] | None, slots: asyncio.Semaphore
    ) -> None:
        try:
            coded = await self.code(batch.events)
        finally:
            slots.release()
        if previous is not None:
            await previous
        await self._publish_and_ack(coded, batch)

    async def code(self, events: Sequence[Any]) -> CodedBatch:
        """Decode and extract a batch of Faust events; bad records become dead letters."""
        metrics.ARTICLES_CONSUMED.inc(len(events))
        metrics.ARTICLES_IN_FLIGHT.inc(len(events))
        records = [input_record_of(event) for event in events]
        decoded = [decode_article(record, self._settings) for record in records]
        valid = [
            (record, item)
            for record, item in zip(records, decoded, strict=True)
            if isinstance(item, Article)
        ]
        try:
            with self._clock.coding():
                outcomes = await self._pool.extract([article for _, article in valid])
        except BaseException:
            metrics.ARTICLES_IN_FLIGHT.dec(len(events))
            raise
        invalid = [item for item in decoded if isinstance(item, InvalidMessage)]
        coded: list[tuple[InputRecord, list[DiplomaticEvent]]] = []
        for (record, _), outcome in zip(valid, outcomes, strict=True):
            if isinstance(outcome, Exception):
                invalid.append(_extraction_failure(record, outcome))
                continue
            try:
                coded.append((record, [fitted_event(event) for event in outcome]))
            except OversizedEventError as error:
                invalid.append(
                    InvalidMessage(record, DeadLetterReason.OVERSIZED_OUTPUT, str(error))
                )
        return CodedBatch(len(events), coded, invalid)

    async def publish(self, batch: CodedBatch) -> None:
        """Send every event and dead letter of the batch; returns once all are acknowledged."""
        await self._send_and_confirm(batch.coded, batch.invalid)
        for item in batch.invalid:
            self._guard.record(dead_lettered=True)
            metrics.ARTICLES_DEAD_LETTERED.labels(reason=item.reason.value).inc()
        for _ in batch.coded:
            self._guard.record(dead_lettered=False)
        metrics.ARTICLES_PROCESSED.inc(len(batch.coded))

    async def _publish_and_ack(self, coded: CodedBatch, taken: Batch) -> None:
        try:
            async with self._output.publishing_batch():
                await self.publish(coded)
                await taken.ack()
        finally:
            metrics.ARTICLES_IN_FLIGHT.dec(coded.size)
        if self._guard.tripped:
            raise DeadLetterGuardError(self._guard.describe())

    async def _send_and_confirm(
        self,
        coded: list[tuple[InputRecord, list[DiplomaticEvent]]],
        invalid: list[InvalidMessage],
    ) -> None:
        sent_at = datetime.now(UTC)
        acks: list[Awaitable[Any]] = []
        for record, events in coded:
            for event in events:
                for _topic, future in await send_event(
                    event, self._output, self._settings, sent_at, record
                ):
                    acks.append(future)
        for item in invalid:
            acks.append(await send_dead_letter(self._output, self._settings.topic_dlq, item))
        await asyncio.gather(*acks)
        now = time.time()
        for record, events in coded:
            for event in events:
                metrics.EVENTS_PUBLISHED.labels(
                    event_type=event.event_type.value, quad_class=event.quad_class.slug
                ).inc()
            metrics.END_TO_END_LATENCY.observe(max(now - record.timestamp.timestamp(), 0.0))
        if any(events for _, events in coded):
            metrics.LAST_EVENT_TIMESTAMP.set(now)


def _extraction_failure(record: InputRecord, error: Exception) -> InvalidMessage:
    logger.warning(
        "extraction failed on %s[%d]@%d: %r",
        record.topic,
        record.partition,
        record.offset,
        error,
        extra=record_position(record),
    )
    reason = (
        DeadLetterReason.EXTRACTION_TIMEOUT
        if isinstance(error, ExtractionTimeoutError)
        else DeadLetterReason.EXTRACTION_ERROR
    )
    return InvalidMessage(record, reason, f"{type(error).__name__}: {error}")
