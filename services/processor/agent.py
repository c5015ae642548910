"""The agent on the articles topic: decode, extract, publish, dead-letter, then commit.

Batches come from :meth:`BatchingStream.take_events`, which acks a batch only once
:meth:`ArticleProcessor.process` has returned, that is once every output of the batch is
acknowledged by the broker. A batch whose handling raised is never acked: its offsets are not
committed and it is read again on restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Sequence
from datetime import UTC, datetime
from typing import Any

from schemas import Article, DeadLetterReason, DiplomaticEvent
from services.processor import metrics
from services.processor.dead_letters import send_dead_letter
from services.processor.decode import decode_article
from services.processor.dlq_guard import DeadLetterGuard
from services.processor.extraction_pool import ExtractionPool
from services.processor.output import OutputProducer
from services.processor.publish import send_event
from services.processor.records import InputRecord, InvalidMessage, input_record_of
from services.settings import Settings

logger = logging.getLogger(__name__)


class ArticleProcessor:
    """Handles one batch of article records end to end."""

    def __init__(
        self,
        settings: Settings,
        pool: ExtractionPool,
        guard: DeadLetterGuard,
        output: OutputProducer,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._guard = guard
        self._output = output

    async def process(self, events: Sequence[Any]) -> None:
        """Process a batch of Faust events; returns once all outputs are acknowledged."""
        metrics.ARTICLES_CONSUMED.inc(len(events))
        metrics.ARTICLES_IN_FLIGHT.inc(len(events))
        try:
            await self._process_records([input_record_of(event) for event in events])
        finally:
            metrics.ARTICLES_IN_FLIGHT.dec(len(events))

    async def _process_records(self, records: list[InputRecord]) -> None:
        decoded = [decode_article(record, self._settings) for record in records]
        valid = [
            (record, item)
            for record, item in zip(records, decoded, strict=True)
            if isinstance(item, Article)
        ]
        outcomes = await self._pool.extract([article for _, article in valid])
        invalid = [item for item in decoded if isinstance(item, InvalidMessage)]
        coded: list[tuple[InputRecord, list[DiplomaticEvent]]] = []
        for (record, _), outcome in zip(valid, outcomes, strict=True):
            if isinstance(outcome, Exception):
                invalid.append(_extraction_failure(record, outcome))
            else:
                coded.append((record, outcome))
        await self._send_and_confirm(coded, invalid)
        for item in invalid:
            self._guard.record(dead_lettered=True)
            metrics.ARTICLES_DEAD_LETTERED.labels(reason=item.reason.value).inc()
        for _ in coded:
            self._guard.record(dead_lettered=False)
        metrics.ARTICLES_PROCESSED.inc(len(coded))

    async def _send_and_confirm(
        self,
        coded: list[tuple[InputRecord, list[DiplomaticEvent]]],
        invalid: list[InvalidMessage],
    ) -> None:
        sent_at = datetime.now(UTC)
        acks: list[Awaitable[Any]] = []
        produced: list[tuple[str, str]] = []
        for record, events in coded:
            for event in events:
                for topic, future in await send_event(
                    event, self._output, self._settings, sent_at, record
                ):
                    acks.append(future)
                    produced.append((event.event_type.value, topic))
        for item in invalid:
            acks.append(await send_dead_letter(self._output, self._settings.topic_dlq, item))
        await asyncio.gather(*acks)
        for event_type, topic in produced:
            metrics.EVENTS_PRODUCED.labels(event_type=event_type, topic=topic).inc()
        now = time.time()
        for record, _ in coded:
            metrics.END_TO_END_LATENCY.observe(max(now - record.timestamp.timestamp(), 0.0))


def _extraction_failure(record: InputRecord, error: Exception) -> InvalidMessage:
    logger.warning(
        "extraction failed on %s[%d]@%d: %r", record.topic, record.partition, record.offset, error
    )
    return InvalidMessage(
        record, DeadLetterReason.EXTRACTION_ERROR, f"{type(error).__name__}: {error}"
    )
