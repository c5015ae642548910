"""The agent on the articles topic: decode, extract, publish, dead-letter, then commit.

Batches come from :meth:`BatchingStream.take_batches` and are coded up to one per extraction
process at a time. While a batch is coded, the previous one is being published: its events and
dead letters are sent, with the dead-letter guard's window as it stands after the batch, and
once the broker has acknowledged every one of them the batch is acked, so its offsets are
committed. A batch whose handling raised is never acked: it is read again on restart, as is a
batch still being coded when a stopping worker gives it up (``shutdown``), and every batch
after it.
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
from services.processor.dlq_guard_store import save_window
from services.processor.event_size import OversizedEventError, fitted_event
from services.processor.extraction_pool import ExtractionOutcome
from services.processor.json_logs import record_position
from services.processor.publish import send_event
from services.processor.publisher import Publisher
from services.processor.records import InputRecord, InvalidMessage, input_record_of
from services.processor.sentence_letters import sentence_failure_letter
from services.processor.shutdown import Shutdown
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
    """What a batch of records came to: events per coded record, and the dead letters: of
    records not coded, and of coded articles some of whose sentences failed (``partial``)."""

    size: int
    coded: list[tuple[InputRecord, list[DiplomaticEvent]]]
    invalid: list[InvalidMessage]
    partial: list[InvalidMessage]


class ArticleProcessor:
    """Codes batches of article records and publishes what they came to."""

    def __init__(
        self,
        settings: Settings,
        pool: Extractor,
        guard: DeadLetterGuard,
        output: Publisher,
        clock: BatchClock | None = None,
        shutdown: Shutdown | None = None,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._guard = guard
        self._output = output
        self._clock = clock or BatchClock(settings.extraction_timeout_s)
        self._shutdown = shutdown or Shutdown(settings.shutdown_grace_s, lambda: None)

    async def run(self, batches: AsyncIterable[Batch]) -> None:
        """Code each batch while the previous ones are coded or published; ack each once
        published.

        Up to one batch per extraction process is coded at once: a batch taken while another
        is coded goes to a process the other left idle, so an article does not wait for the
        slowest share of the batch before it. Outputs keep the order of the batches: a batch is
        published only after the previous one is acknowledged. A failure anywhere stops all at
        once (a task group), with the batches in hand unacked, and is raised as it was. A batch
        given up at shutdown is not published, nor is any batch after it, so that no offset
        past an unacked batch is committed.
        """
        slots = asyncio.Semaphore(max(self._settings.extraction_workers, 1))
        try:
            async with asyncio.TaskGroup() as group:
                previous: asyncio.Task[bool] | None = None
                async for batch in batches:
                    await slots.acquire()
                    previous = group.create_task(self._code_and_publish(batch, previous, slots))
        except BaseExceptionGroup as failure:
            raise failure.exceptions[0] from None

    async def _code_and_publish(
        self, batch: Batch, previous: asyncio.Task[bool] | None, slots: asyncio.Semaphore
    ) -> bool:
        """True once ``batch`` is published and acked; False when it, or a batch before it, was
        given up at shutdown."""
        with self._shutdown.batch():
            try:
                coded = await self._code_unless_abandoned(batch.events)
            finally:
                slots.release()
            earlier_published = previous is None or await previous
            if coded is None or not earlier_published:
                return False
            await self._publish_and_ack(coded, batch)
            return True

    async def _code_unless_abandoned(self, events: Sequence[Any]) -> CodedBatch | None:
        """The coded batch, or None if the worker stopping gave it up first."""
        coding = asyncio.ensure_future(self.code(events))
        abandoning = asyncio.ensure_future(self._shutdown.abandoned())
        try:
            await asyncio.wait((coding, abandoning), return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            coding.cancel()
            raise
        finally:
            abandoning.cancel()
        if coding.done():
            return coding.result()
        coding.cancel()
        await asyncio.gather(coding, return_exceptions=True)
        logger.warning(
            "gave up a batch of %d records being coded: the worker is stopping; it is read "
            "again after the restart",
            len(events),
        )
        return None

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
        partial: list[InvalidMessage] = []
        for (record, _), outcome in zip(valid, outcomes, strict=True):
            if isinstance(outcome, Exception):
                invalid.append(_extraction_failure(record, outcome))
                continue
            if outcome.every_sentence_failed:
                invalid.append(sentence_failure_letter(record, outcome))
                continue
            try:
                coded.append((record, [fitted_event(event) for event in outcome.events]))
            except OversizedEventError as error:
                invalid.append(
                    InvalidMessage(record, DeadLetterReason.OVERSIZED_OUTPUT, str(error))
                )
                continue
            if outcome.failed_sentences:
                partial.append(sentence_failure_letter(record, outcome))
        return CodedBatch(len(events), coded, invalid, partial)

    async def publish(self, batch: CodedBatch) -> None:
        """Send every event and dead letter of the batch, and the guard's window that counts
        them; returns once all are acknowledged."""
        for item in batch.invalid:
            self._guard.record(True, item.record.partition, item.record.offset)
        # A partial letter's article was coded: the guard counts it with the coded ones.
        for record, _ in batch.coded:
            self._guard.record(False, record.partition, record.offset)
        await self._send_and_confirm(batch.coded, [*batch.invalid, *batch.partial])
        for item in [*batch.invalid, *batch.partial]:
            metrics.ARTICLES_DEAD_LETTERED.labels(reason=item.reason.value).inc()
        metrics.ARTICLES_PROCESSED.inc(len(batch.coded))

    async def _publish_and_ack(self, coded: CodedBatch, taken: Batch) -> None:
        try:
            with self._shutdown.batch():
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
        # Sent as from one of the batch's records: under exactly-once it joins a transaction
        # that commits with the batch's offsets.
        source = coded[0][0] if coded else invalid[0].record
        acks.append(await save_window(self._output, self._settings, self._guard.window(), source))
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
